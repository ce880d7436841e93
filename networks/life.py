"""A network's life as the registry recorded it: each status with the date it took effect."""

from dataclasses import dataclass
from datetime import date


@dataclass(frozen=True)
class Stage:
    status: str
    label: str
    since: date | None
    merged_into_id: int | None


def life_of(network):
    """Each status the network has had, oldest first, from its history (one query): the
    programme team changes a status in the admin, and every change is kept there."""
    labels = dict(network.Status.choices)
    stages = []
    records = network.history.order_by("history_date", "history_id").values_list(
        "status", "status_since", "merged_into_id"
    )
    for status, since, merged_into_id in records:
        stage = Stage(status, labels.get(status, status), since, merged_into_id)
        if stages and (stages[-1].status, stages[-1].since) == (status, since):
            continue
        if stages and stages[-1].status == status:
            stages[-1] = stage  # the date was corrected, not a new stage
            continue
        stages.append(stage)
    return stages
