"""The public record of how a published version was agreed: the group that developed it and
its leads, whose agreement it had (`pathways.consensus`, the one rule), its national
consultation in numbers, and who published it. Read in a fixed number of queries, whatever
the number of decisions or comments.
"""

from dataclasses import dataclass

from django.contrib.auth import get_user_model
from django.db.models import Count

from pathways import consensus, policy
from pathways.models import Consultation, ConsultationComment

Response = ConsultationComment.Response


@dataclass(frozen=True)
class ConsultationSummary:
    """A consultation in numbers: how many comments, from which NHS boards, and how the
    authors responded."""

    consultation: Consultation
    comments: int
    boards: tuple  # the boards' names ("NHS Grampian"), alphabetical
    from_elsewhere: int  # comments from outside NHS Scotland, invited by link
    accepted: int
    not_accepted: int
    noted: int

    @property
    def responded(self):
        return self.accepted + self.not_accepted + self.noted


def consultation_summary(consultation):
    """`consultation` in numbers, in one query (comments grouped by board and response)."""
    groups = (
        consultation.comments.values("board__name", "response")
        .annotate(number=Count("pk"))
        .order_by()
    )
    comments, boards, elsewhere, responses = 0, set(), 0, dict.fromkeys(Response, 0)
    for group in groups:
        comments += group["number"]
        if group["board__name"]:
            boards.add(group["board__name"])
        else:
            elsewhere += group["number"]
        if group["response"]:
            responses[Response(group["response"])] += group["number"]
    return ConsultationSummary(
        consultation=consultation,
        comments=comments,
        boards=tuple(f"NHS {name}" for name in sorted(boards)),
        from_elsewhere=elsewhere,
        accepted=responses[Response.ACCEPTED],
        not_accepted=responses[Response.NOT_ACCEPTED],
        noted=responses[Response.NOTED],
    )


@dataclass(frozen=True)
class Record:
    """How `version` was agreed."""

    version: object
    leads: tuple  # the developing network's leads (users)
    consensus: consensus.Consensus
    consultation: ConsultationSummary | None
    who_publishes: str  # "The programme team", for a national group's pathway


def record_of(version):
    """The record of a published `version`. Read the version with its pathway's network, its
    publisher and reclassifier and its consultation (`select_related`), and this costs four
    queries more (the leads, the constituencies its rule names, the decisions and their
    reviewers' constituencies), five with a consultation, however many there are of each."""
    network = version.pathway.network
    # The leads when it was published (for a version published before agreements were kept,
    # the leads now).
    ids = version.agreement["leads"] if version.agreement else policy.leads_of(network)
    people = get_user_model().objects.in_bulk(ids)
    try:
        consultation = version.consultation
    except Consultation.DoesNotExist:
        consultation = None
    return Record(
        version=version,
        leads=tuple(people[pk] for pk in ids if pk in people),
        consensus=consensus.consensus_of(version),
        consultation=consultation_summary(consultation) if consultation else None,
        who_publishes=policy.who_publishes(network),
    )
