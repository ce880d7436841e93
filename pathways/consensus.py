"""National consensus: whose agreement a version needs, and whether it has it. The one rule.

A pathway names the constituencies (regional cancer networks, disciplines) whose approval a
major and a minor change need. A version is agreed when every required constituency has an
approval, by one of its members, of exactly the current text, and no request for changes is
open (neither voided by a later edit nor answered by the lead). A pathway that names no
constituency for a kind of change needs that many reviewers' approvals instead (its developing
network's counts; one, for a minor change, by default).

The services decide with it (approve, publish, answer, reclassify), and the workspace, the
e-mails and the public record of how a version was agreed show what it says; none of them
counts approvals itself.
"""

from dataclasses import dataclass, field

from django.db.models import Prefetch

from networks.models import Constituency
from pathways.models import PathwayVersion, Review

ChangeType = PathwayVersion.ChangeType


@dataclass(frozen=True)
class Requirement:
    """What a kind of change needs: each of `constituencies`, or else `count` approvals."""

    constituencies: tuple
    count: int

    def describe(self):
        """In words, for the submit page and e-mails: "approval from NCA, SCAN and Pharmacy"."""
        if not self.constituencies:
            return f"{self.count} reviewer approval{'s' if self.count != 1 else ''}"
        names = [c.name for c in self.constituencies]
        listed = names[0] if len(names) == 1 else f"{', '.join(names[:-1])} and {names[-1]}"
        return f"approval from {listed}"


def requirement(pathway, change_type):
    """What a `change_type` change of `pathway` needs."""
    if change_type == ChangeType.MINOR:
        named, count = pathway.minor_change_constituencies, pathway.network.minor_change_approvals
    else:
        named, count = pathway.major_change_constituencies, pathway.network.major_change_approvals
    return Requirement(constituencies=tuple(named.order_by("-kind", "name")), count=count)


@dataclass(frozen=True)
class Seat:
    """One required constituency, with its members' decisions on the current text."""

    constituency: Constituency
    approvals: tuple
    requests: tuple

    @property
    def approved(self):
        return bool(self.approvals)

    @property
    def state(self):
        if self.requests:
            return "Changes requested"
        return "Approved" if self.approved else "Waiting"


@dataclass(frozen=True)
class Consensus:
    """Where a version stands: its requirement, each seat, and the decisions that count."""

    requirement: Requirement
    seats: tuple
    approvals: tuple  # every approval of the current text, reservations included
    open_requests: tuple
    reservations: tuple = field(default=())

    @property
    def reached(self):
        if self.open_requests:
            return False
        if self.seats:
            return all(seat.approved for seat in self.seats)
        return len({review.reviewer_id for review in self.approvals}) >= self.requirement.count

    @property
    def missing(self):
        """The constituencies still to approve (none under a count rule)."""
        return [seat.constituency for seat in self.seats if not seat.approved]

    @property
    def approvers(self):
        return len({review.reviewer_id for review in self.approvals})

    def progress(self):
        """ "2 of 4 constituencies", or "1 of 2 approvals": how far it has come."""
        if self.seats:
            done = sum(seat.approved for seat in self.seats)
            return f"{done} of {len(self.seats)} constituencies"
        return (
            f"{min(self.approvers, self.requirement.count)} of {self.requirement.count} approvals"
        )


def standing_decisions(version):
    """Decisions that still stand: made on the current text, not voided, with each reviewer's
    constituencies."""
    return (
        version.reviews.filter(voided_at__isnull=True, content_hash=version.content_hash)
        .select_related("reviewer", "reviewer__profile", "reviewer__profile__board")
        .prefetch_related(
            Prefetch("reviewer__constituencies", queryset=Constituency.objects.only("pk", "name"))
        )
        .order_by("created_at")
    )


def consensus_of(version):
    """Where `version` stands against its pathway's consensus rule now."""
    needed = requirement(version.pathway, version.change_type or ChangeType.MAJOR)
    decisions = list(standing_decisions(version))
    approvals = tuple(d for d in decisions if d.decision in Review.APPROVALS)
    requests = tuple(d for d in decisions if d.is_open_request)

    def members(reviews, constituency):
        return tuple(
            r
            for r in reviews
            if any(c.pk == constituency.pk for c in r.reviewer.constituencies.all())
        )

    return Consensus(
        requirement=needed,
        seats=tuple(
            Seat(
                constituency=constituency,
                approvals=members(approvals, constituency),
                requests=members(requests, constituency),
            )
            for constituency in needed.constituencies
        ),
        approvals=approvals,
        open_requests=requests,
        reservations=tuple(
            d for d in approvals if d.decision == Review.Decision.APPROVE_WITH_RESERVATION
        ),
    )


def default_constituencies(disciplines=()):
    """A new national pathway's rule for a major change: the three regions and the
    disciplines it names."""
    regions = Constituency.objects.filter(kind=Constituency.Kind.REGION)
    return list(regions) + list(disciplines)
