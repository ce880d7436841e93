"""Sections: anchors that outlive versions, and when and why each section last changed."""

from datetime import date

import pytest
from django.db import IntegrityError, connection, transaction
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from pathways import content_services, markdown, sections, services
from pathways.demo import as_of, at
from pathways.models import Section
from pathways.structure import PageSection
from tests.lifecycle import publish_pathway, write

pytestmark = pytest.mark.django_db

FIRST = """Applies to adults.

## Referral

Refer urgently.

## Staging

Stage with CT.

### Imaging standards

Report within a week.

## Follow-up

Review yearly.
"""
# 1.1: staging's text changes; nothing else.
SECOND = FIRST.replace("Stage with CT.", "Stage with CT and PET-CT.")
# 2.0: referral reworded in its heading only; follow-up reworded in its text (same heading);
# a new section; staging unchanged since 1.1.
THIRD = (
    SECOND.replace("## Referral\n", "## Referral and diagnosis\n")
    .replace("Review yearly.", "Review every year for five years.")
    .replace("## Follow-up", "## Genetic testing\n\nOffer germline testing.\n\n## Follow-up")
)


def anchors(version):
    return [(s.anchor, s.heading) for s in version.sections.all()]


def changed(version):
    return {s.anchor: s.changed_in.number for s in version.sections.select_related("changed_in")}


def release(first, team, body, *, on, change_type="major", cite=None):
    with as_of(at(on, 12)):
        version = services.start_new_version(actor=team["author"], pathway=first.pathway)
        version = write(team["author"], version, body=body)
        if cite:
            content_services.cite(actor=team["author"], version=version, **cite)
        version = services.submit(
            actor=team["author"], version=version, change_type=change_type, change_note="Note."
        )
        for reviewer in team["reviewers"]:
            if version.status == "in_review":
                version = services.approve(actor=reviewer, version=version)
        return services.publish(actor=team["lead"], version=version)


@pytest.fixture
def history(woscan, author, reviewer, second_reviewer, lead):
    team = {"author": author, "reviewers": [reviewer, second_reviewer], "lead": lead}
    with as_of(at(date(2024, 3, 12), 12)):
        first = publish_pathway(team, woscan, "Lung cancer", body=FIRST)
    second = release(
        first,
        team,
        SECOND,
        on=date(2025, 3, 12),
        change_type="minor",
        cite={
            "kind": "sign",
            "identifier": "sign 912",
            "title": "Imaging in lung cancer",
            "sections": ["staging"],
        },
    )
    third = release(first, team, THIRD, on=date(2026, 1, 20))
    return first, second, third


def test_the_text_is_cut_at_its_top_level_headings_as_rendered():
    html, contents = markdown.render(
        "Intro.\n\n## One\n\nText\n\n> ## Quoted\n\n### Sub\n\nTwo\n---\n\nMore.\n"
    )
    parts = sections.split(html)
    assert [(p.anchor, p.heading) for p in parts] == [
        ("introduction", ""),
        ("one", "One"),
        ("two", "Two"),  # a setext heading is a section; a quoted one is not
    ]
    assert "Quoted" in parts[1].text and "Sub" in parts[1].text


def test_anchors_hold_across_versions_while_a_section_keeps_its_meaning(history):
    first, second, third = history
    assert anchors(first) == [
        ("introduction", ""),
        ("referral", "Referral"),
        ("staging", "Staging"),
        ("follow-up", "Follow-up"),
    ]
    assert anchors(third) == [
        ("introduction", ""),
        ("referral", "Referral and diagnosis"),  # reworded heading, same section
        ("staging", "Staging"),
        ("genetic-testing", "Genetic testing"),
        ("follow-up", "Follow-up"),
    ]
    # The page's headings carry those anchors, and the contents link to them.
    assert '<h2 id="referral">Referral and diagnosis</h2>' in third.body_html
    assert {"id": "referral", "text": "Referral and diagnosis", "level": 2} in third.contents


def test_each_section_knows_the_version_it_last_changed_in(history):
    first, second, third = history
    assert changed(first) == {
        "introduction": "1.0",
        "referral": "1.0",
        "staging": "1.0",
        "follow-up": "1.0",
    }
    assert changed(second) == {
        "introduction": "1.0",
        "referral": "1.0",
        "staging": "1.1",
        "follow-up": "1.0",
    }
    assert changed(third) == {
        "introduction": "1.0",
        "referral": "2.0",  # its heading changed
        "staging": "1.1",
        "genetic-testing": "2.0",
        "follow-up": "2.0",
    }


def test_the_public_page_says_when_and_why_each_section_changed(client, history):
    html = client.get(reverse("pathways:detail", args=["lung-cancer"])).content.decode()
    assert "Updated in this version (2.0), 20 January 2026." in html
    assert "Updated in version 1.1, 12 March 2025, following SIGN 912." in html
    assert "Imaging in lung cancer" in html
    # Every headed section of 2.0 has changed since 1.0; in 1.1, two had not, and say so.
    assert "Unchanged since version 1.0" not in html
    html = client.get(reverse("pathways:version", args=["lung-cancer", "1.1"])).content.decode()
    assert html.count("Unchanged since version 1.0, 12 March 2024.") == 2
    assert "Updated in this version (1.1), 12 March 2025, following SIGN 912." in html
    # In the first version everything is new: nothing to say.
    html = client.get(reverse("pathways:version", args=["lung-cancer", "1.0"])).content.decode()
    assert "Unchanged since" not in html and "Updated in" not in html


def test_a_section_added_in_a_draft_keeps_its_anchor_while_its_heading_is_reworded(history, author):
    first, _, _ = history
    draft = services.start_new_version(actor=author, pathway=first.pathway)
    draft = write(author, draft, body=THIRD + "\n## Prehab\n\nRefer to physiotherapy.\n")
    assert ("prehab", "Prehab") in anchors(draft)
    draft = write(author, draft, body=THIRD + "\n## Prehabilitation\n\nRefer to physiotherapy.\n")
    assert ("prehab", "Prehabilitation") in anchors(draft)
    assert changed(draft)["prehab"] is None  # this draft's own change: no number yet


def test_a_removed_heading_frees_its_anchor_and_a_new_one_does_not_take_an_old_meaning(
    history, author
):
    first, _, _ = history
    draft = services.start_new_version(actor=author, pathway=first.pathway)
    body = THIRD.replace("## Genetic testing\n\nOffer germline testing.\n\n", "")
    body += "\n## Survivorship\n\nA care plan at the end of treatment.\n"
    draft = write(author, draft, body=body)
    assert [a for a, _ in anchors(draft)] == [
        "introduction",
        "referral",
        "staging",
        "follow-up",
        "survivorship",
    ]


def test_no_two_sections_share_an_anchor_and_anchors_never_clash_with_sub_headings():
    html, contents = markdown.render("## Staging\n\nA\n\n## Staging\n\nB\n\n### Staging\n\nC\n")
    _, contents, parts = sections.sectioned(html, contents)
    ids = [entry["id"] for entry in contents]
    assert len(ids) == len(set(ids)) == 3


def test_the_sections_of_a_published_version_cannot_be_changed_by_any_route(history):
    first, _, _ = history
    section = first.sections.get(anchor="staging")
    for change in (
        lambda: Section.objects.filter(pk=section.pk).update(html="<p>Changed.</p>"),
        lambda: Section.objects.filter(pk=section.pk).delete(),
        lambda: Section.objects.create(
            version=first, position=99, anchor="extra", digest="x", changed_in=first
        ),
    ):
        with pytest.raises(IntegrityError), transaction.atomic():
            change()
    assert first.sections.count() == 4


def test_the_version_page_costs_the_same_queries_however_many_sections_and_versions(
    client, history
):
    # 2.0 has more sections, references and history behind it than 1.0, and costs no more.
    def cost(number):
        with CaptureQueriesContext(connection) as queries:
            client.get(reverse("pathways:version", args=["lung-cancer", number]))
        return len(queries)

    assert cost("1.0") == cost("2.0")


def test_a_first_versions_references_are_its_basis_and_a_later_ones_its_reason():
    class Ref:
        def __init__(self, label):
            self.label = label

    refs = [Ref("SIGN 912"), Ref("SMC2689")]
    assert PageSection(None, "", refs).note == "Based on SIGN 912, SMC2689."
    assert (
        PageSection(None, "Unchanged since version 1.0, 1 May 2024", refs[:1], original=True).note
        == "Unchanged since version 1.0, 1 May 2024; based on SIGN 912."
    )
    assert (
        PageSection(None, "Updated in version 1.1, 2 May 2025", refs[1:]).note
        == "Updated in version 1.1, 2 May 2025, following SMC2689."
    )
    assert PageSection(None, "", []).note == ""
