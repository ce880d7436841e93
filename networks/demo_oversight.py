"""The demo networks' annual cycle for `manage.py load_demo`: this year's work plans, the annual
reports of the last two years reported on, and proposals for new national networks, each with
its timeline (what they say is networks.demo_oversight_text).

Each is created once, as the story tells it, and left alone by later runs: an accepted report
cannot change (PostgreSQL refuses), and the others keep the timeline they were made with. Each
step is written at its moment in the story (`_clock_at`), so a row's dates, its history and
the network's timeline agree. What must stay true whenever the demo is loaded (overdue, due
soon, recent) counts back from today; the rest sits in the calendar of the year reported on.
"""

from contextlib import contextmanager
from datetime import date, datetime, time, timedelta

from django.utils import timezone

from networks.cycle import AnnualReport, NetworkEvent, Objective, Proposal, default_report_due
from networks.demo_oversight_text import (
    LATEST_REPORTS,
    ON_TRACK,
    PROPOSALS,
    REPORTS,
    RETURN_COMMENTS,
    WORK_PLANS,
)
from networks.models import HealthBoard, NetworkRole

Action = NetworkEvent.Action
Status = AnnualReport.Status


def load(networks, people, now):
    """Add what is missing of the cycle. `networks` and `people` map slugs and usernames to
    rows; `now` is the real time (load_demo runs the registry under a clock of its own)."""
    managers = {
        role.network.slug: role.user
        for role in NetworkRole.objects.filter(
            role=NetworkRole.Role.MANAGER, user__in=people.values()
        ).select_related("network", "user")
    }
    _load_work_plans(networks, managers, now)
    _load_reports(networks, managers, people["programme"], now)
    _load_proposals(networks, people["programme"], now)


@contextmanager
def _clock_at(moment):
    """Run the block as if the clock read `moment`: auto_now fields and history rows ask
    `timezone.now` as they write. It wraps whatever clock runs (load_demo's, see
    pathways.demo.as_of) and puts it back."""
    outer = timezone.now
    started = outer()
    timezone.now = lambda: moment + (outer() - started)
    try:
        yield
    finally:
        timezone.now = outer


def _at(day, hour=10):
    return timezone.make_aware(datetime.combine(day, time(hour)))


def _save(instance, actor, **fields):
    for name, value in fields.items():
        setattr(instance, name, value)
    instance._history_user = actor  # simple_history: who, outside a request
    instance.save()
    return instance


def _event(actor, action, *, network=None, note="", **about):
    NetworkEvent.objects.create(actor=actor, action=action, network=network, note=note, **about)


def _load_work_plans(networks, managers, now):
    """This year's objectives, added early in the year; those not simply on track were updated
    since, by the network's manager."""
    today = timezone.localdate(now)
    year = today.year

    def into_the_year(fraction, index):
        """In working hours, `fraction` of the way from the new year to today (never later
        than now, even on the first morning of the year)."""
        day = date(year, 1, 1) + (today - date(year, 1, 1)) * fraction
        return min(_at(day, 9) + timedelta(minutes=40 * index), now - timedelta(minutes=1))

    for slug, objectives in WORK_PLANS.items():
        network, manager = networks[slug], managers[slug]
        for index, (title, owner, (month, day), status, note) in enumerate(objectives):
            if Objective.objects.filter(network=network, year=year, title=title).exists():
                continue
            due_on = date(year, month, day)
            with _clock_at(into_the_year(0.02, index)):
                objective = Objective(
                    network=network, year=year, title=title, owner=owner, due_on=due_on
                )
                _save(objective, manager, updated_by=manager)
                _event(
                    manager,
                    Action.OBJECTIVE_ADDED,
                    network=network,
                    objective=objective,
                    note=f"{title} (owner {owner}, due {due_on:%d %B %Y})",
                )
            if status == ON_TRACK and not note:
                continue
            with _clock_at(into_the_year(0.55 + 0.07 * index, index)):
                _save(objective, manager, status=status, note=note)
                label = objective.get_status_display()
                change = label if status == ON_TRACK else f"On track to {label}"
                _event(
                    manager,
                    Action.OBJECTIVE_UPDATED,
                    network=network,
                    objective=objective,
                    note=f"{title}: {change}. {note}".strip(),
                )


def latest_reported_year(today):
    """The latest year the demo's reports are through the cycle for: reports are due at the
    end of the following March and mostly decided by the summer."""
    return today.year - 1 if today >= date(today.year, 7, 1) else today.year - 2


# The steps of a report's timeline, as the services name them.
OPEN, SAVE, SUBMIT, RETURN, RESUBMIT, ACCEPT = "open save submit return resubmit accept".split()


def _load_reports(networks, managers, programme, now):
    """For each network in the cycle, its report on the year before the latest, accepted, and
    on the latest year, as LATEST_REPORTS says it stands."""
    today = timezone.localdate(now)
    latest = latest_reported_year(today)
    for index, (slug, outcome) in enumerate(LATEST_REPORTS.items()):
        due_on = {
            "returned": today + timedelta(days=21),  # asked back within three weeks
            "draft, due soon": today + timedelta(days=14),  # an extension agreed
        }.get(outcome, default_report_due(latest))
        for year, which, due, ends_as in [
            (latest - 1, "earlier", default_report_due(latest - 1), "accepted"),
            (latest, "latest", due_on, outcome),
        ]:
            steps = _timeline(ends_as, year, index, today)
            _report(networks[slug], year, which, due, steps, managers[slug], programme)


def _timeline(outcome, year, index, today):
    """(moment, step) for a report on `year` that ends as `outcome`; `index` spreads the
    networks' days apart."""
    after = year + 1
    opened = [(_at(date(after, 1, 15), 9), OPEN)]

    def days_ago(days, hour=14):
        return _at(today - timedelta(days=days), hour)

    def submitted_on(day):
        return [(day - timedelta(days=5), SAVE), (day, SUBMIT)]

    if outcome == "accepted":
        submitted = _at(date(after, 3, 10 + 2 * index), 15)
        return opened + submitted_on(submitted) + [(_at(date(after, 6, 1 + 3 * index)), ACCEPT)]
    if outcome == "returned, resubmitted and accepted":
        return (
            opened
            + submitted_on(_at(date(after, 3, 24), 15))
            + [(_at(date(after, 4, 22)), RETURN), (_at(date(after, 5, 26)), SAVE)]
            + [(_at(date(after, 6, 2)), RESUBMIT), (_at(date(after, 6, 19)), ACCEPT)]
        )
    if outcome == "returned":
        return opened + submitted_on(days_ago(30)) + [(days_ago(9, 11), RETURN)]
    if outcome == "submitted":
        return opened + submitted_on(days_ago(5))
    if outcome == "draft, due soon":
        return opened + [(days_ago(12), SAVE)]
    if outcome == "draft, overdue":
        return opened + [(_at(date(after, 3, 20)), SAVE)]
    raise ValueError(f"No timeline for a report that is {outcome!r}.")


def _report(network, year, which, due_on, steps, manager, programme):
    """Play the report's timeline, if the report is not there yet."""
    if AnnualReport.objects.filter(network=network, year=year).exists():
        return
    report = AnnualReport(network=network, year=year, due_on=due_on)
    submitted = next((moment for moment, step in steps if step == SUBMIT), None)
    agreed_on = timezone.localdate(submitted) - timedelta(days=6) if submitted else None
    returned = False
    for moment, step in steps:
        with _clock_at(moment):
            if step == OPEN:
                _save(report, programme)
                note = f"Due {due_on:%d %B %Y}."
                _event(programme, Action.REPORT_OPENED, network=network, report=report, note=note)
            elif step == SAVE:
                texts = _sections(network, year, which, agreed_on, revised=returned)
                _save(report, manager, **texts)
            elif step in (SUBMIT, RESUBMIT):
                fields = {"status": Status.SUBMITTED, "submitted_by": manager}
                _save(report, manager, submitted_at=timezone.now(), **fields)
                action = Action.REPORT_SUBMITTED if step == SUBMIT else Action.REPORT_RESUBMITTED
                _event(manager, action, network=network, report=report)
            elif step == RETURN:
                comments = RETURN_COMMENTS[network.slug]
                _save(report, programme, status=Status.RETURNED, comments=comments)
                _event(
                    programme, Action.REPORT_RETURNED, network=network, report=report, note=comments
                )
                returned = True
            elif step == ACCEPT:
                # The last write: PostgreSQL refuses any change to an accepted report.
                _save(report, programme, status=Status.ACCEPTED, accepted_at=timezone.now())
                _event(programme, Action.REPORT_ACCEPTED, network=network, report=report)


NUMBERS = ["none", "one", "two", "three", "four", "five", "six"]


def _counted(count, what):
    return f"{NUMBERS[count]} {'was' if count == 1 else 'were'} {what}"


def _sections(network, year, which, agreed_on, *, revised=False):
    """A report's sections from REPORTS: those its text has (a draft has only some), with
    what the network added on resubmission if `revised`."""
    about = REPORTS[network.slug]
    text = about[which]
    sections = {"summary": f"The {network.name} {about['about']}. {text['highlight']}"}
    if agreed_on:
        sections["summary"] += (
            f"\n\nThe steering group agreed this report at its meeting on "
            f"{agreed_on.day} {agreed_on:%B %Y}."
        )
    if "plan" in text:
        count, met, in_part, detail = text["plan"]
        outcomes = [_counted(met, "met")]
        if in_part:
            outcomes.append(_counted(in_part, "met in part"))
        if count - met - in_part:
            outcomes.append(_counted(count - met - in_part, f"carried into the {year + 1} plan"))
        listed = " and ".join(
            [", ".join(outcomes[:-1]), outcomes[-1]] if outcomes[1:] else outcomes
        )
        sections["work_plan_progress"] = (
            f"The {year} work plan had {NUMBERS[count]} objectives: {listed}. {detail}"
        )
    if "pathways" in text:
        sections["pathways_progress"] = text["pathways"]
    if "quality" in text:
        results = about["results"][0:2] if which == "earlier" else about["results"][1:3]
        sections["audit_and_quality"] = (
            f"{results[1]} {about['standard']} in {year}, against a target of "
            f"{about['target']} ({results[0]} in {year - 1}).\n\n{text['quality']}"
        )
    if "plans" in text:
        sections["plans"] = text["plans"]
    if "risks" in text:
        sections["risks"] = text["risks"]
    if revised:
        for field, added in about.get("added_on_resubmission", {}).items():
            sections[field] += "\n\n" + added
    words = {"year": year, "next_year": year + 1}
    return {field: value.format(**words) for field, value in sections.items()}


def _load_proposals(networks, programme, now):
    """Proposals for new national networks, recorded the day they came in and decided (unless
    awaiting) on their day; an approved one names the network being set up."""
    today = timezone.localdate(now)
    boards = {board.slug: board for board in HealthBoard.objects.all()}
    for spec in PROPOSALS:
        if Proposal.objects.filter(area=spec["area"]).exists():
            continue
        received_on = today - timedelta(days=spec["received_days_ago"])
        with _clock_at(_at(received_on, 16)):
            proposal = Proposal(
                area=spec["area"],
                grounds=spec["grounds"],
                case=spec["case"],
                proposed_by=spec["proposed_by"],
                received_on=received_on,
            )
            _save(proposal, programme)
            proposal.supporting_boards.set([boards[slug] for slug in spec["boards"]])
            _event(programme, Action.PROPOSAL_RECORDED, proposal=proposal, note=spec["area"])
        if spec["decision"] == Proposal.Decision.PENDING:
            continue
        decided_on = today - timedelta(days=spec["decided_days_ago"])
        network = networks.get(spec.get("network"))
        with _clock_at(_at(decided_on, 12)):
            _save(
                proposal,
                programme,
                decision=spec["decision"],
                decided_on=decided_on,
                decision_reason=spec["reason"],
                network=network,
            )
            _event(
                programme,
                Action.PROPOSAL_DECIDED,
                network=network,
                proposal=proposal,
                note=f"{proposal.get_decision_display()}: {spec['reason']}",
            )
