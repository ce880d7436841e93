"""E-mail about a network's annual report, sent by `pathways.network_services` after commit.
Who is told is the policy's answer (`keepers_of`, `programme_team`); a failure to send is
logged, never raised (as in `pathways.notifications`)."""

from django.urls import reverse

from accounts.links import absolute_url
from pathways import policy
from pathways.notifications import emails_of, send


def _link(report):
    return absolute_url(reverse("workspace:report", args=[report.pk]))


def report_submitted(report, *, again):
    verb = "resubmitted" if again else "submitted"
    send(
        f"Annual report {verb}: {report.network.short_name} {report.year}",
        [
            f"{report.network.name} has {verb} its annual report for {report.year}.",
            f"Accept it or return it with comments: {_link(report)}",
        ],
        emails_of(policy.programme_team()),
    )


def report_returned(report):
    send(
        f"Annual report returned: {report.network.short_name} {report.year}",
        [
            f"The programme team has returned {report.network.name}'s annual report for "
            f"{report.year} with these comments:",
            report.comments,
            f"Change it and submit it again: {_link(report)}",
        ],
        emails_of(policy.keepers_of(report.network)),
    )


def report_accepted(report):
    send(
        f"Annual report accepted: {report.network.short_name} {report.year}",
        [
            f"The programme team has accepted {report.network.name}'s annual report for "
            f"{report.year}. It is published at "
            f"{absolute_url(report.get_absolute_url())}",
        ],
        emails_of(policy.keepers_of(report.network)),
    )
