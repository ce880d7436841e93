"""The programme's annual cycle with each network, and proposals for new national networks.

A network keeps a work plan (objectives for a calendar year) and reports on each year; the
programme team accepts or returns each report. What is overdue or due soon is defined here,
once (`AnnualReportQuerySet`); who may do what is `pathways.policy`; the changes themselves
are `pathways.network_services`, each writing a `NetworkEvent`.
"""

from datetime import date, timedelta

from django.conf import settings
from django.contrib.postgres.fields import ArrayField
from django.db import models
from django.db.models import Q
from django.urls import reverse
from simple_history.models import HistoricalRecords


class ObjectiveQuerySet(models.QuerySet):
    def open(self):
        """In a work plan still open (see `work_plan_closed`)."""
        reported = AnnualReport.objects.accepted().filter(
            network=models.OuterRef("network_id"), year=models.OuterRef("year")
        )
        return self.exclude(models.Exists(reported))


def work_plan_closed(network, year):
    """A year's work plan closes when the network's report on that year is accepted: the
    report has reported on it, so it no longer changes (`ObjectiveQuerySet.open`, row by row)."""
    return AnnualReport.objects.accepted().filter(network=network, year=year).exists()


class Objective(models.Model):
    """One objective of a network's work plan for a year, with the status the network gives it."""

    class Status(models.TextChoices):
        ON_TRACK = "on_track", "On track"
        AT_RISK = "at_risk", "At risk"
        OFF_TRACK = "off_track", "Off track"
        DONE = "done", "Done"

    network = models.ForeignKey(
        "networks.Network", on_delete=models.CASCADE, related_name="objectives"
    )
    year = models.PositiveSmallIntegerField(help_text="The calendar year of the work plan.")
    title = models.CharField(max_length=300)
    owner = models.CharField(max_length=200, help_text="Who answers for it.")
    due_on = models.DateField("due")
    status = models.CharField(max_length=20, choices=Status.choices, default=Status.ON_TRACK)
    note = models.CharField(
        max_length=500, blank=True, help_text="Where it stands, in a sentence or two."
    )
    updated_at = models.DateTimeField(auto_now=True)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    history = HistoricalRecords()
    objects = ObjectiveQuerySet.as_manager()

    class Meta:
        ordering = ["year", "due_on", "pk"]
        indexes = [models.Index(fields=["network", "year"])]
        constraints = [
            models.CheckConstraint(
                condition=Q(year__gte=2000, year__lte=2100), name="objective_year_plausible"
            ),
        ]

    def __str__(self):
        return self.title


REPORT_SECTIONS = [
    ("summary", "Summary"),
    ("work_plan_progress", "Progress against the work plan"),
    ("pathways_progress", "Pathways published and reviewed"),
    ("audit_and_quality", "Audit and quality results"),
    ("plans", "Plans for the year ahead"),
    ("risks", "Risks"),
]


def default_report_due(year):
    """A year's report is due by the end of the following March, unless the programme says."""
    return date(year + 1, 3, 31)


class AnnualReportQuerySet(models.QuerySet):
    def with_the_network(self):
        """Being written (or rewritten) by a network still at work: a proposed, merged or
        retired network's unfinished report is owed by no one, so never overdue or reminded."""
        network = self.model._meta.get_field("network").related_model
        return self.filter(
            status__in=AnnualReport.WITH_THE_NETWORK, network__status__in=network.ACTIVE_STATUSES
        )

    def overdue(self, today):
        """Not yet submitted (or returned and not resubmitted) after its due date."""
        return self.with_the_network().filter(due_on__lt=today)

    def due_within(self, days, today):
        """With the network and due from today to `days` days ahead, both days included
        ("due within 30 days" counts the 30th; `PathwayVersionQuerySet.due_within` stops short
        of its last day, which is why `send_review_reminders` passes it days + 1)."""
        return self.with_the_network().filter(
            due_on__gte=today, due_on__lte=today + timedelta(days=days)
        )

    def accepted(self):
        return self.filter(status=AnnualReport.Status.ACCEPTED)

    def with_overdue(self, today):
        """Each report with `is_overdue`, by the one rule above, for the pages to show."""
        overdue = self.model.objects.overdue(today).filter(pk=models.OuterRef("pk"))
        return self.annotate(is_overdue=models.Exists(overdue))


class AnnualReport(models.Model):
    """A network's report on one calendar year, in set sections."""

    class Status(models.TextChoices):
        DRAFT = "draft", "Draft"
        SUBMITTED = "submitted", "Submitted"
        RETURNED = "returned", "Returned with comments"
        ACCEPTED = "accepted", "Accepted"

    WITH_THE_NETWORK = [Status.DRAFT, Status.RETURNED]
    SECTIONS = REPORT_SECTIONS

    network = models.ForeignKey(
        "networks.Network", on_delete=models.PROTECT, related_name="annual_reports"
    )
    year = models.PositiveSmallIntegerField(help_text="The calendar year it reports on.")
    due_on = models.DateField("due")
    status = models.CharField(max_length=20, choices=Status.choices, default=Status.DRAFT)
    summary = models.TextField(blank=True)
    work_plan_progress = models.TextField("progress against the work plan", blank=True)
    pathways_progress = models.TextField("pathways published and reviewed", blank=True)
    audit_and_quality = models.TextField("audit and quality results", blank=True)
    plans = models.TextField("plans for the year ahead", blank=True)
    risks = models.TextField(blank=True)
    comments = models.TextField(
        blank=True, help_text="The programme team's comments when it last returned the report."
    )
    submitted_at = models.DateTimeField(null=True, blank=True)
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    accepted_at = models.DateTimeField(null=True, blank=True)
    updated_at = models.DateTimeField(auto_now=True)

    history = HistoricalRecords()
    objects = AnnualReportQuerySet.as_manager()

    class Meta:
        ordering = ["-year", "network__name"]
        constraints = [
            models.UniqueConstraint(fields=["network", "year"], name="one_report_a_year"),
            models.CheckConstraint(
                condition=Q(year__gte=2000, year__lte=2100), name="report_year_plausible"
            ),
            models.CheckConstraint(
                condition=Q(status="accepted", accepted_at__isnull=False)
                | (~Q(status="accepted") & Q(accepted_at__isnull=True)),
                name="report_accepted_when_accepted_at",
            ),
            models.CheckConstraint(
                condition=Q(status="draft") | Q(submitted_at__isnull=False),
                name="report_submitted_before_decided",
            ),
        ]

    def __str__(self):
        return f"{self.network.short_name} annual report {self.year}"

    def get_absolute_url(self):
        return reverse("networks:report", args=[self.network.slug, self.year])

    def sections(self):
        """(heading, text) of each set section, in order."""
        return [(heading, getattr(self, field)) for field, heading in self.SECTIONS]

    def missing_sections(self):
        return [heading for field, heading in self.SECTIONS if not getattr(self, field).strip()]


class ProposalQuerySet(models.QuerySet):
    def awaiting(self):
        """Awaiting a decision: not yet decided, or deferred to be decided later."""
        return self.filter(decision__in=Proposal.AWAITING)


class Proposal(models.Model):
    """A proposal for a new national network, and the programme's decision on it."""

    class Ground(models.TextChoices):
        LOW_VOLUMES = "low_volumes", "Low volumes of activity"
        EQUITY = "equity", "Equity of access"
        WORKFORCE = "workforce", "Specialist workforce"

    class Decision(models.TextChoices):
        PENDING = "pending", "Awaiting a decision"
        APPROVED = "approved", "Approved"
        DECLINED = "declined", "Declined"
        DEFERRED = "deferred", "Deferred"

    AWAITING = [Decision.PENDING, Decision.DEFERRED]

    area = models.CharField(max_length=200, help_text="The cancers or care it would cover.")
    grounds = ArrayField(
        models.CharField(max_length=20, choices=Ground.choices),
        help_text="Why a national approach: low volumes, equity of access, specialist workforce.",
    )
    case = models.TextField(help_text="The case for a national network, in the proposers' words.")
    proposed_by = models.CharField(max_length=200, help_text="Who puts it forward.")
    received_on = models.DateField()
    supporting_boards = models.ManyToManyField(
        "networks.HealthBoard", blank=True, related_name="supported_proposals"
    )
    decision = models.CharField(max_length=20, choices=Decision.choices, default=Decision.PENDING)
    decided_on = models.DateField(null=True, blank=True)
    decision_reason = models.TextField(blank=True)
    network = models.OneToOneField(
        "networks.Network",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="proposal",
        help_text="The network an approved proposal became.",
    )

    history = HistoricalRecords(m2m_fields=[supporting_boards])
    objects = ProposalQuerySet.as_manager()

    class Meta:
        ordering = ["-received_on", "area"]
        constraints = [
            models.CheckConstraint(
                condition=Q(decision="pending", decided_on__isnull=True, decision_reason="")
                | (~Q(decision="pending") & Q(decided_on__isnull=False) & ~Q(decision_reason="")),
                name="proposal_decision_has_date_and_reason",
            ),
            models.CheckConstraint(
                condition=Q(decision="approved", network__isnull=False)
                | (~Q(decision="approved") & Q(network__isnull=True)),
                name="proposal_approved_becomes_a_network",
            ),
            models.CheckConstraint(condition=~Q(grounds=[]), name="proposal_states_its_grounds"),
        ]

    def __str__(self):
        return f"Proposal: {self.area}"

    @property
    def awaiting(self):
        return self.decision in self.AWAITING

    def grounds_display(self):
        labels = dict(self.Ground.choices)
        return [labels.get(ground, ground) for ground in self.grounds]


class NetworkEvent(models.Model):
    """One step in a network's timeline: who did what, when, with what comment."""

    class Action(models.TextChoices):
        OBJECTIVE_ADDED = "objective_added", "Objective added"
        OBJECTIVE_UPDATED = "objective_updated", "Objective updated"
        REPORT_OPENED = "report_opened", "Annual report opened"
        REPORT_SUBMITTED = "report_submitted", "Annual report submitted"
        REPORT_RESUBMITTED = "report_resubmitted", "Annual report resubmitted"
        REPORT_RETURNED = "report_returned", "Annual report returned with comments"
        REPORT_ACCEPTED = "report_accepted", "Annual report accepted"
        PROPOSAL_RECORDED = "proposal_recorded", "Proposal recorded"
        PROPOSAL_DECIDED = "proposal_decided", "Decision on proposal recorded"

    network = models.ForeignKey(
        "networks.Network",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="events",
        help_text="Empty for a proposal not (yet) a network.",
    )
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, related_name="+"
    )
    action = models.CharField(max_length=30, choices=Action.choices)
    note = models.TextField(blank=True)
    report = models.ForeignKey(
        AnnualReport, on_delete=models.PROTECT, null=True, blank=True, related_name="events"
    )
    objective = models.ForeignKey(
        Objective, on_delete=models.PROTECT, null=True, blank=True, related_name="events"
    )
    proposal = models.ForeignKey(
        Proposal, on_delete=models.PROTECT, null=True, blank=True, related_name="events"
    )
    created_at = models.DateTimeField(auto_now_add=True, db_index=True)

    class Meta:
        ordering = ["created_at", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(network__isnull=False) | Q(proposal__isnull=False),
                name="network_event_is_about_something",
            ),
        ]

    def __str__(self):
        return f"{self.get_action_display()} ({self.created_at:%Y-%m-%d})"


class ReportReminder(models.Model):
    """That a report's managers were reminded on a day: at most once a day per report."""

    report = models.ForeignKey(AnnualReport, on_delete=models.CASCADE, related_name="reminders")
    sent_on = models.DateField()
    recipients = models.TextField()

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["report", "sent_on"], name="one_report_reminder_a_day"),
        ]

    def __str__(self):
        return f"{self.report}: reminded {self.sent_on}"
