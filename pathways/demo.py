"""Demo pathways for `manage.py load_demo`, built through the same services people use, so
each has a real timeline. All clinical text, references and regimens (pathways.demo_text) are
invented for demonstration: plausible in shape, not guidance. Each draft cites the advice issued
by the day it was written that no earlier version cites, so each change carries its reasons.

The demo tells a history: first versions published in 2023, later versions since, and work in
progress over the last few weeks, with one review overdue and one due soon. Every pathway is
national: developed by its cancer's national group, agreed by reviewers from the three regions
and the disciplines it names, published by the programme team; one version carries a
reservation, one change was reclassified as major, one draft is out for consultation and
another's consultation has closed with responses still owed. The services stamp
the time they run at and refuse to publish in the past, so each step runs `as_of` its moment in
that story: the clock they read is moved, and every check they make still applies."""

from contextlib import contextmanager
from datetime import date, datetime, time, timedelta

from django.apps import apps
from django.utils import timezone

from networks.models import CancerType, Constituency, Network
from pathways import consultations, content_services, services
from pathways.demo_text import DETAILS, REFERENCES, REGIMENS, SUPPORT
from pathways.models import Pathway, Reference

SECTIONS = [
    ("Referral and diagnosis", "referral"),
    ("Staging", "staging"),
    ("Multidisciplinary team (MDT) decisions", "mdt"),
    ("Surgery", "surgery"),
    ("Systemic anti-cancer therapy (SACT)", "sact"),
    ("Radiotherapy", "radiotherapy"),
    ("Follow-up", "followup"),
    ("Supportive care", "support"),
]


def _body(cancer, extra=""):
    details = DETAILS[cancer]
    parts = []
    for heading, key in SECTIONS:
        text = SUPPORT if key == "support" else details[key]
        parts.append(f"## {heading}\n\n{text}")
        if key == "staging" and extra:
            parts.append(extra)
    return "\n\n".join(parts) + "\n"


TABLE = (
    "### Timing standards\n\n"
    "| Step | Standard |\n|---|---|\n"
    "| Referral to first treatment | 62 days |\n| Decision to treat to first treatment | 31 days |"
)


# The registry and the demo accounts were set up on this day, before the first pathway was
# drafted; the first versions were published through 2023.
OPENED = date(2023, 1, 9)


def at(day, hour=10, minute=0):
    """`hour:minute` local time on `day`, as an aware datetime."""
    return timezone.make_aware(datetime.combine(day, time(hour, minute)))


@contextmanager
def as_of(moment):
    """Run the block as if the clock had read `moment` (an aware datetime) when it began. The
    clock keeps ticking, so the steps inside keep their order.

    Everything that stamps the time asks `django.utils.timezone.now` when it runs: the
    services, `auto_now` fields, django-simple-history. A field declared
    `default=timezone.now` holds the original function instead, cached by Django as the
    field's `_get_default`, so those are moved as well. The clock is the whole process's: this
    is for load_demo, with nothing else running."""
    real_now = timezone.now
    if getattr(real_now, "is_demo_clock", False):
        raise RuntimeError("as_of does not nest.")
    offset = moment - real_now()

    def now():
        return real_now() + offset

    now.is_demo_clock = True
    fields = [
        field
        for model in apps.get_models()
        for field in model._meta.concrete_fields
        if field.default is real_now
    ]
    timezone.now = now
    for field in fields:
        field._get_default = now
    try:
        yield
    finally:
        timezone.now = real_now
        for field in fields:
            del field._get_default  # Django derives it from `field.default` again


def _write(actor, version, title, summary, body):
    return services.save_draft(
        actor=actor,
        version=version,
        title=title,
        summary=summary,
        body=body,
        edit_count=version.edit_count,
    )


# Whose text, references and regimens (pathways.demo_text) each demo pathway has.
TEXT_OF = {
    "ovarian-cancer": "ovarian",
    "cervical-cancer": "cervical",
    "oesophago-gastric-cancer": "oesophago-gastric",
    "lung-cancer": "lung",
    "prostate-cancer": "prostate",
    "lymphoma": "lymphoma",
    "diffuse-large-b-cell-lymphoma": "diffuse-large-b-cell-lymphoma",
    "head-and-neck-cancer": "head-and-neck",
    "melanoma": "melanoma",
    "breast-cancer": "breast",
}


def _cite_what_was_issued(author, version, *, on):
    """Cite, in the draft `version` written on day `on`, the advice and evidence issued by then
    that no earlier version of its pathway cites (each change cites what prompted it), and add
    the regimens whose advice is cited by now. Returns the version as saved."""
    key = TEXT_OF[version.pathway.slug]
    anchors = {name: _section(version, heading) for heading, name in SECTIONS}
    cited = set(
        Reference.objects.filter(version__pathway=version.pathway).values_list("kind", "title")
    )
    for entry in REFERENCES[key]:
        if entry["issued_on"] > on or (entry["kind"], entry["title"]) in cited:
            continue
        content_services.cite(
            actor=author,
            version=version,
            sections=[anchors[name] for name in entry["sections"]],
            **{name: entry[name] for name in ("kind", "identifier", "title", "medicine")},
            decision=entry["decision"],
            issued_on=entry["issued_on"],
        )
    advice = {ref.identifier: ref.pk for ref in content_services.medicines_advice_for(version)}
    present = set(version.regimens.values_list("name", flat=True))
    for regimen in REGIMENS.get(key, []):
        if regimen["name"] in present or (regimen["advice"] and regimen["advice"] not in advice):
            continue
        content_services.add_regimen(
            actor=author,
            version=version,
            advice_id=advice.get(regimen["advice"]),
            section=anchors["sact"],
            **{name: regimen[name] for name in ("name", "medicines", "intent", "setting")},
        )
    version.refresh_from_db()
    return version


def _create(people, network, cancer_slug, title, summary, body, *, on):
    """A new pathway and its first draft, written on day `on`."""
    with as_of(at(on, 9, 30)):
        version = services.create_pathway(
            actor=people["author"],
            network=network,
            title=title,
            cancer_type=CancerType.objects.get(slug=cancer_slug),
            disciplines=Constituency.objects.filter(slug__in=people["disciplines"]),
        )
        version = _write(people["author"], version, title, summary, body)
        return _cite_what_was_issued(people["author"], version, on=on)


def _write_new(people, pathway, body, *, on):
    """A new version started from the newest published one and written on day `on`."""
    with as_of(at(on, 9, 30)):
        version = services.start_new_version(actor=people["author"], pathway=pathway)
        version = _write(people["author"], version, version.title, version.summary, body)
        return _cite_what_was_issued(people["author"], version, on=on)


def _submit(people, version, *, on, change_type="major", note=""):
    with as_of(at(on, 14)):
        return services.submit(
            actor=people["author"], version=version, change_type=change_type, change_note=note
        )


def _approve_until_agreed(people, version, *, on, decisions=None):
    """The reviewers at the table approve, a few days apart from three weeks before day `on`,
    until the version has consensus. `decisions` gives a reviewer's reservation or declared
    interests, by username."""
    decisions = decisions or {}
    for day, reviewer in enumerate(people["reviewers"]):
        with as_of(at(on - timedelta(weeks=3) + timedelta(days=3 * day), 11)):
            version = services.approve(
                actor=reviewer, version=version, **decisions.get(reviewer.username, {})
            )
        if version.status == "approved":
            return version
    raise AssertionError(f"The demo's reviewers did not agree {version}.")


def _publish_through_review(
    people, version, *, on, change_type="major", note="", effective_on=None, decisions=None
):
    """Submit the version four weeks before day `on`, have the reviewers at its table approve
    it until it has consensus, and have the programme team publish it on `on`."""
    version = _submit(
        people, version, on=on - timedelta(weeks=4), change_type=change_type, note=note
    )
    version = _approve_until_agreed(people, version, on=on, decisions=decisions)
    with as_of(at(on)):
        return services.publish(
            actor=people["publisher"], version=version, effective_on=effective_on
        )


def _release(
    people, pathway, body, *, on, change_type="major", note="", effective_on=None, decisions=None
):
    """A new version with `body`, drafted eight weeks before day `on` and published on it."""
    version = _write_new(people, pathway, body, on=on - timedelta(weeks=8))
    return _publish_through_review(
        people,
        version,
        on=on,
        change_type=change_type,
        note=note,
        effective_on=effective_on,
        decisions=decisions,
    )


def _section(version, heading):
    """The anchor of the section of `version` headed `heading`."""
    return next(entry["id"] for entry in version.contents if entry["text"] == heading)


def _consult(people, version, *, opens, closes, comments, responses=()):
    """Open `version` for national consultation from day `opens` to day `closes`; `comments`
    are (day, username or (name, organisation) for an invited outsider, section heading, text),
    `responses` (comment index, response, reason) made after it closes."""
    User = people["author"].__class__
    with as_of(at(opens, 9)):
        consultation = consultations.open_consultation(
            actor=people["lead"], version=version, opens_on=opens, closes_on=closes
        )
        link, _token = consultations.create_link(
            actor=people["lead"],
            consultation=consultation,
            label="Patient and charity representatives",
            expires_on=closes,
        )
    made = []
    for day, who, heading, text in comments:
        with as_of(at(day, 15)):
            by = (
                {"commenter": User.objects.get(username=who)}
                if isinstance(who, str)
                else {"link": link, "name": who[0], "organisation": who[1]}
            )
            made.append(
                consultations.comment(
                    consultation=consultation, section=_section(version, heading), text=text, **by
                )
            )
    for index, response, reason in responses:
        with as_of(at(closes + timedelta(days=2), 10)):
            consultations.respond(
                actor=people["author"], comment=made[index], response=response, reason=reason
            )
    return consultation


def _three_years_before(day):
    """The day whose default next review (three years on) is `day`."""
    try:
        return day.replace(year=day.year - 3)
    except ValueError:  # 29 February
        return date(day.year - 3, 2, 28)


def _pathways(people_by_network):
    woscan, scan, nca, haematology = (
        people_by_network[key] for key in ("woscan", "scan", "nca", "haematology")
    )
    # Dates in the story before 2026 are fixed; what must stay "recent", "overdue" or "due
    # soon" as the calendar moves on is counted from today. Nothing is dated after today but
    # the scheduled prostate 2.0.
    today = timezone.localdate()

    def days_ago(days):
        return today - timedelta(days=days)

    def stage(
        slug, cancer, title, people, network_slug, *, first_published_on, steps=None, text=""
    ):
        """Draft the pathway eight weeks before `first_published_on`, publish 1.0 on that day,
        then take it through `steps`, if any."""
        if Pathway.objects.filter(slug=slug).exists():
            return
        network = Network.objects.get(slug=network_slug)
        summary = (
            f"How NHS Scotland boards manage adults with {title[0].lower()}{title[1:]}, from "
            "referral to follow-up: the national pathway, agreed by all three regional networks."
        )
        draft = _create(
            people,
            network,
            cancer,
            title,
            summary,
            _body(text or cancer),
            on=first_published_on - timedelta(weeks=8),
        )
        v1 = _publish_through_review(people, draft, on=first_published_on)
        if steps:
            steps(v1.pathway)

    def ovarian(pathway):
        with_table = _body("ovarian", TABLE)
        _release(
            woscan,
            pathway,
            with_table,
            on=date(2024, 5, 21),
            change_type="minor",
            note="Added the timing standards table.",
        )
        _release(
            woscan,
            pathway,
            with_table.replace(
                "Consider PARP inhibitor maintenance",
                "Offer PARP inhibitor maintenance to "
                "patients with a BRCA mutation or homologous recombination deficiency, and consider it",
            ),
            on=date(2025, 9, 16),
            note="PARP inhibitor maintenance now offered to patients with BRCA mutation or HRD, "
            "following SMC9012.",
            decisions={
                "nca-oncologist": {
                    "interests": "Paid advisory board on PARP inhibitors for a manufacturer, 2024."
                },
                "scan-pharmacist": {
                    "reservation": "Boards should confirm funding for HRD testing before "
                    "offering maintenance on that basis: access is uneven today."
                },
            },
        )
        # The next version was out for consultation; it closed two weeks ago and the authors
        # have answered one comment of three.
        draft = _write_new(
            woscan,
            pathway,
            with_table.replace(
                "Review every three months for two years",
                "Offer a telephone review every three months for two years",
            ),
            on=days_ago(50),
        )
        _consult(
            woscan,
            draft,
            opens=days_ago(44),
            closes=days_ago(14),
            comments=[
                (
                    days_ago(40),
                    "fife-nurse",
                    "Systemic anti-cancer therapy (SACT)",
                    "Patients starting PARP inhibitor maintenance ask about side effects first: "
                    "please point to the national patient information leaflet here.",
                ),
                (
                    days_ago(33),
                    "highland-gp",
                    "Follow-up",
                    "Telephone reviews suit island patients well. Please say who arranges a "
                    "CA125 test when symptoms come up between reviews: the GP or the clinic?",
                ),
                (
                    days_ago(21),
                    ("Jean Baxter", "Target Ovarian Cancer Scotland (patient representative)"),
                    "Follow-up",
                    "Some women want to be seen in person at least once a year; please keep "
                    "that choice open.",
                ),
            ],
            responses=[(0, "accepted", "")],
        )

    def cervical(pathway):
        # Version 1.0's review fell due in June 2026 and is overdue: its successor, the outcome
        # of that review, is in review, approved for WoSCAN and surgery so far.
        new = _write_new(
            woscan,
            pathway,
            _body("cervical").replace(
                "completing treatment within 56 days", "completing treatment within 50 days"
            ),
            on=days_ago(40),
        )
        _submit(
            woscan,
            new,
            on=days_ago(12),
            note="Overall treatment time for chemoradiotherapy reduced to 50 days.",
        )
        with as_of(at(days_ago(5), 11)):
            services.approve(actor=woscan["reviewers"][-1], version=new)

    def oesophago_gastric(pathway):
        with_table = _body("oesophago-gastric", TABLE)
        _release(
            woscan,
            pathway,
            with_table,
            on=date(2025, 2, 11),
            change_type="minor",
            note="Added the timing standards table.",
        )
        new = _write_new(
            woscan,
            pathway,
            with_table.replace("do not scan routinely", "offer CT at 12 months"),
            on=days_ago(61),
        )
        _submit(woscan, new, on=days_ago(30), note="Routine CT at 12 months added to follow-up.")
        with as_of(at(days_ago(23), 16)):
            services.request_changes(
                actor=woscan["reviewers"][-1],
                version=new,
                comment="Please cite the evidence for routine CT at 12 months, "
                "or keep follow-up symptom-led.",
            )

    def lung(pathway):
        def text(extra=""):
            return _body("lung", extra).replace(
                "EBUS-guided sampling", "endobronchial ultrasound (EBUS)-guided sampling"
            )

        _release(
            woscan,
            pathway,
            text(),
            on=date(2024, 10, 8),
            change_type="minor",
            note="Spelt out endobronchial ultrasound (EBUS).",
        )
        # A draft out for national consultation until three weeks from now.
        draft = _write_new(woscan, pathway, text(TABLE), on=days_ago(9))
        _consult(
            woscan,
            draft,
            opens=days_ago(6),
            closes=today + timedelta(days=22),
            comments=[
                (
                    days_ago(5),
                    "highland-gp",
                    "Referral and diagnosis",
                    "In remote practices a chest X-ray can be a day's travel away. Please say "
                    "when to refer straight to the lung clinic instead of waiting for one.",
                ),
                (
                    days_ago(3),
                    "fife-nurse",
                    "Supportive care",
                    "Please name the lung cancer nurse specialist as key worker at diagnosis, "
                    "not after the MDT.",
                ),
                (
                    days_ago(2),
                    "lanarkshire-physio",
                    "Surgery",
                    "Prehabilitation before lobectomy shortens stays: could the pathway say "
                    "to refer to physiotherapy at the decision to operate?",
                ),
                (
                    days_ago(1),
                    ("Alex Rowan", "Lung Health Scotland (patient charity)"),
                    "Follow-up",
                    "Patients value knowing who to call between scans. Please add a contact "
                    "point to follow-up.",
                ),
            ],
        )

    def prostate(pathway):
        with_table = _body("prostate", TABLE)
        _release(
            woscan,
            pathway,
            with_table,
            on=date(2024, 9, 10),
            change_type="minor",
            note="Added the timing standards table.",
        )
        # Published a week ago, to take effect in three weeks.
        _release(
            woscan,
            pathway,
            with_table.replace("where available", "for all high-risk patients"),
            on=days_ago(7),
            note="PSMA PET-CT now used for all high-risk patients.",
            effective_on=today + timedelta(days=21),
        )

    replaced_on = date(2025, 4, 15)

    def lymphoma(pathway):
        # Withdrawn an hour after the pathway that replaced it was published. The reason names
        # that pathway by its title, so a reader finds it by searching for it.
        with as_of(at(replaced_on, 11)):
            services.withdraw(
                actor=haematology["publisher"],
                pathway=pathway,
                reason="Replaced by the Diffuse large B-cell lymphoma pathway; "
                "use that pathway instead.",
            )

    def head_and_neck(pathway):
        # Submitted as a minor change; a reviewer judged the timing standards a clinical
        # change, so it was agreed, and published, as a major one.
        on = date(2024, 9, 24)
        version = _write_new(
            scan, pathway, _body("head-and-neck", TABLE), on=on - timedelta(weeks=8)
        )
        version = _submit(
            scan,
            version,
            on=on - timedelta(weeks=4),
            change_type="minor",
            note="Added the timing standards table.",
        )
        with as_of(at(on - timedelta(weeks=3, days=2), 10)):
            version = services.reclassify(
                actor=scan["reviewers"][0],
                version=version,
                reason="The 31 and 62-day standards change what every board must deliver: "
                "that is a clinical change, and all three regions should agree it.",
            )
        version = _approve_until_agreed(scan, version, on=on)
        with as_of(at(on)):
            services.publish(actor=scan["publisher"], version=version)

    def melanoma(pathway):
        # Published three years before a day two months from now: its review is due soon.
        _release(
            scan,
            pathway,
            _body("melanoma", TABLE),
            on=_three_years_before(today + timedelta(days=60)),
            change_type="minor",
            note="Added the timing standards table.",
        )

    def breast(pathway):
        _release(
            nca,
            pathway,
            _body("breast").replace(
                "HER2-targeted therapy for HER2-positive disease",
                "HER2-targeted therapy for HER2-positive disease; consider a CDK4/6 inhibitor "
                "for high-risk hormone receptor-positive disease as advised by the Scottish "
                "Medicines Consortium",
            ),
            on=date(2025, 6, 10),
            note="Adjuvant CDK4/6 inhibitor added for high-risk hormone receptor-positive "
            "disease, following SMC9083.",
        )

    stage(
        "ovarian-cancer",
        "ovarian",
        "Ovarian cancer",
        woscan,
        "ovarian-cmp-group",
        first_published_on=date(2023, 3, 14),
        steps=ovarian,
    )
    stage(
        "cervical-cancer",
        "cervical",
        "Cervical cancer",
        woscan,
        "cervical-cmp-group",
        first_published_on=date(2023, 6, 20),
        steps=cervical,
    )
    stage(
        "oesophago-gastric-cancer",
        "oesophago-gastric",
        "Oesophago-gastric cancer",
        woscan,
        "oesophago-gastric-cmp-group",
        first_published_on=date(2023, 9, 12),
        steps=oesophago_gastric,
    )
    stage(
        "lung-cancer",
        "lung",
        "Lung cancer",
        woscan,
        "lung-cmp-group",
        first_published_on=date(2023, 10, 17),
        steps=lung,
    )
    stage(
        "prostate-cancer",
        "prostate",
        "Prostate cancer",
        woscan,
        "prostate-cmp-group",
        first_published_on=date(2023, 5, 9),
        steps=prostate,
    )
    stage(
        "diffuse-large-b-cell-lymphoma",
        "lymphoma",
        "Diffuse large B-cell lymphoma",
        haematology,
        "lymphoma-cmp-group",
        first_published_on=replaced_on,
        text="diffuse-large-b-cell-lymphoma",
    )
    stage(
        "lymphoma",
        "lymphoma",
        "Lymphoma",
        haematology,
        "lymphoma-cmp-group",
        first_published_on=date(2023, 7, 11),
        steps=lymphoma,
    )
    stage(
        "head-and-neck-cancer",
        "head-and-neck",
        "Head and neck cancer",
        scan,
        "head-and-neck-cmp-group",
        first_published_on=date(2023, 8, 22),
        steps=head_and_neck,
    )
    stage(
        "melanoma",
        "melanoma",
        "Melanoma",
        scan,
        "melanoma-cmp-group",
        first_published_on=date(2023, 4, 18),
        steps=melanoma,
    )
    stage(
        "breast-cancer",
        "breast",
        "Breast cancer",
        nca,
        "breast-cmp-group",
        first_published_on=date(2023, 5, 23),
        steps=breast,
    )


# The disciplines each kind of pathway names, besides the three regions (pathways.consensus).
SOLID_TUMOUR = ["surgery", "medical-oncology", "pharmacy"]
HAEMATOLOGY = ["haemato-oncology", "pharmacy"]


def load(people):
    """Create the demo pathways that do not exist yet. `people` maps usernames to users."""

    def team(author, lead, reviewers, disciplines):
        return {
            "author": people[author],
            "lead": people[lead],
            "publisher": people["programme"],
            "reviewers": [people[name] for name in reviewers],
            "disciplines": disciplines,
        }

    # Reviewers in the order they approve; the last is the first to decide on work in progress.
    table = ["nca-oncologist", "scan-pharmacist", "woscan-surgeon"]
    by_network = {
        "woscan": team("author", "lead", table, SOLID_TUMOUR),
        "haematology": team(
            "author",
            "lead",
            ["nca-oncologist", "scan-pharmacist", "woscan-haematologist"],
            HAEMATOLOGY,
        ),
        "scan": team("scan-author", "programme", table, SOLID_TUMOUR),
        "nca": team("nca-author", "programme", table, SOLID_TUMOUR),
    }
    _pathways(by_network)
