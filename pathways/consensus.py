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

from django.db.models import Prefetch, prefetch_related_objects

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
    # Constituency's own order, regions first; `.all()`, so that a prefetch serves it.
    return Requirement(constituencies=tuple(named.all()), count=count)


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
    answered: tuple = field(default=())  # requests for changes a lead answered: not blocking

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

    @property
    def decisions(self):
        """Every decision that stands on the current text, in the order made: the record."""
        standing = (*self.approvals, *self.open_requests, *self.answered)
        return tuple(sorted(standing, key=lambda review: (review.created_at, review.pk)))

    def progress(self):
        """ "2 of 4 constituencies", or "1 of 2 approvals": how far it has come."""
        if self.seats:
            done = sum(seat.approved for seat in self.seats)
            return f"{done} of {len(self.seats)} constituencies"
        return (
            f"{min(self.approvers, self.requirement.count)} of {self.requirement.count} approvals"
        )

    def state(self):
        """In a word or three, for a list of versions: "Changes requested", "Agreed", or how
        far it has come."""
        if self.open_requests:
            return "Changes requested"
        return "Agreed" if self.reached else self.progress()


def _decisions():
    """Decisions not voided by an edit, each with its reviewer's profile and constituencies:
    what `consensus_of` reads, for one version or many."""
    return (
        Review.objects.filter(voided_at__isnull=True)
        .select_related("reviewer", "reviewer__profile", "reviewer__profile__board", "answered_by")
        .prefetch_related(
            Prefetch("reviewer__constituencies", queryset=Constituency.objects.only("pk", "name"))
        )
        .order_by("created_at", "pk")
    )


def standing_decisions(version):
    """Decisions that still stand: made on the current text, not voided, with each reviewer's
    constituencies."""
    return _decisions().filter(version=version, content_hash=version.content_hash)


def consensus_of(version):
    """Where `version` stands against its pathway's consensus rule now; for a published version,
    as it stood when published (`agreement_of`), whatever has changed in the rule or in who
    belongs to which constituency since."""
    agreed = _constituencies_agreed([version])
    return _consensus(version, list(standing_decisions(version)), agreed)


def agreement_of(standing, leads):
    """What publication freezes of `standing` (a reached `Consensus`): the constituencies the
    rule required, which decisions filled each seat, the count rule, and the developing
    network's leads (user ids). Stored on the version (`PathwayVersion.agreement`)."""
    return {
        "count": standing.requirement.count,
        "constituencies": [c.pk for c in standing.requirement.constituencies],
        "seats": {
            str(seat.constituency.pk): [review.pk for review in seat.approvals + seat.requests]
            for seat in standing.seats
        },
        "leads": list(leads),
    }


def _constituencies_agreed(versions):
    """The constituencies named by the published `versions`' agreements, by id: one query,
    none if none is published."""
    ids = {pk for v in versions if v.agreement for pk in v.agreement["constituencies"]}
    return Constituency.objects.in_bulk(ids) if ids else {}


def consensus_of_each(versions):
    """`consensus_of` for many versions at once, keyed by version id, in a fixed number of
    queries however many there are (a dashboard's): the same rule, from prefetched rows."""
    versions = list(versions)
    prefetch_related_objects(
        versions,
        "pathway__network",
        "pathway__major_change_constituencies",
        "pathway__minor_change_constituencies",
        Prefetch("reviews", queryset=_decisions(), to_attr="decisions_not_voided"),
    )
    agreed = _constituencies_agreed(versions)
    return {
        version.pk: _consensus(
            version,
            [d for d in version.decisions_not_voided if d.content_hash == version.content_hash],
            agreed,
        )
        for version in versions
    }


def _consensus(version, decisions, agreed):
    """The rule itself: `decisions` are those standing on `version`'s current text; `agreed`
    the constituencies of published versions' agreements, by id."""
    approvals = tuple(d for d in decisions if d.decision in Review.APPROVALS)
    requests = tuple(d for d in decisions if d.is_open_request)
    if version.agreement:  # published: the seats as they were filled
        frozen = version.agreement
        needed = Requirement(
            constituencies=tuple(agreed[pk] for pk in frozen["constituencies"]),
            count=frozen["count"],
        )

        def members(reviews, constituency):
            filled = set(frozen["seats"].get(str(constituency.pk), ()))
            return tuple(r for r in reviews if r.pk in filled)

    else:
        needed = requirement(version.pathway, version.change_type or ChangeType.MAJOR)

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
        answered=tuple(
            d
            for d in decisions
            if d.decision == Review.Decision.REQUEST_CHANGES and d.answered_at is not None
        ),
    )


def default_constituencies(disciplines=()):
    """A new national pathway's rule for a major change: the three regions and the
    disciplines it names."""
    regions = Constituency.objects.filter(kind=Constituency.Kind.REGION)
    return list(regions) + list(disciplines)
