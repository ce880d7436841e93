"""Public pages a clinician uses: home, list, search, compare, feeds, caching, query counts."""

from datetime import timedelta
from xml.etree import ElementTree

import pytest
from django.urls import reverse
from django.utils import timezone

from pathways import services
from pathways.models import PathwayVersion
from tests.factories import make_network
from tests.lifecycle import BODY, publish_change, publish_pathway, write
from tests.pathways.test_spelling import BREAST

pytestmark = pytest.mark.django_db


@pytest.fixture
def three_versions(published, team):
    minor = publish_change(
        published, body=BODY + "\nRefer within two weeks.\n", change_type="minor", **team
    )
    return (
        published,
        minor,
        publish_change(
            minor,
            body=BODY.replace("Stage with CT.", "Stage with PET-CT.")
            + "\nRefer within two weeks.\n",
            **team,
        ),
    )


class TestHome:
    def test_offers_search_first_then_browsing_and_recent_publications(self, client, published):
        html = client.get("/").content.decode()
        assert (
            html.index('name="q"')
            < html.index("Browse by cancer")
            < html.index("Recently published")
        )
        assert '?cancer=ovarian">Ovarian</a> (1)' in html
        assert '?network=woscan">West of Scotland Cancer Network</a> (1)' in html
        assert "Ovarian cancer</a> - version 1.0" in html

    def test_does_not_list_drafts_or_withdrawn_pathways(self, client, draft):
        assert "Ovarian cancer" not in client.get("/").content.decode()


class TestPathwayList:
    def test_lists_current_versions_only(self, client, three_versions):
        html = client.get(reverse("pathways:list")).content.decode()
        assert "Version 2.0" in html and "Version 1.0" not in html

    def test_filters_by_network_and_cancer(self, client, published, team, other_network):
        publish_pathway(team, published.pathway.network, "Lung cancer")
        html = client.get(reverse("pathways:list"), {"cancer": "lung"}).content.decode()
        assert "Lung cancer" in html and "Ovarian cancer" not in html
        html = client.get(
            reverse("pathways:list"), {"network": other_network.slug}
        ).content.decode()
        assert "No current pathways match." in html

    def test_sorts_by_title_or_date(self, client, published, team):
        publish_pathway(team, published.pathway.network, "Lung cancer")
        by_title = client.get(reverse("pathways:list"), {"sort": "title"}).content.decode()
        newest = client.get(reverse("pathways:list"), {"sort": "newest"}).content.decode()
        assert by_title.index("Lung cancer") < by_title.index("Ovarian cancer")
        assert newest.index("Lung cancer") < newest.index("Ovarian cancer")

    @pytest.mark.parametrize(
        "query", [{"sort": "password"}, {"network": "nowhere"}, {"cancer": "x" * 500}]
    )
    def test_unknown_filters_and_sort_keys_get_a_clear_400(self, client, published, query):
        response = client.get(reverse("pathways:list"), query)
        assert response.status_code == 400
        assert "not one this list offers" in response.content.decode()

    @pytest.mark.parametrize("page", ["0", "99", "two"])
    def test_impossible_page_numbers_are_not_found(self, client, published, page):
        assert client.get(reverse("pathways:list"), {"page": page}).status_code == 404


class TestPathwayPage:
    def test_links_to_history_and_to_what_changed(self, client, three_versions):
        html = client.get("/pathways/ovarian-cancer/").content.decode()
        assert 'href="/pathways/ovarian-cancer/versions/">All versions' in html
        assert (
            'href="/pathways/ovarian-cancer/compare/?from=1.1&amp;to=2.0">What changed since version 1.1'
            in html
        )
        assert "Changed the staging advice." in html  # this version's change note

    def test_says_prominently_when_the_review_is_overdue(self, client, published, monkeypatch):
        assert "Review overdue" not in client.get("/pathways/ovarian-cancer/").content.decode()
        later = published.next_review_on + timedelta(days=1)
        monkeypatch.setattr(timezone, "localdate", lambda *args: later)
        assert "Review overdue" in client.get("/pathways/ovarian-cancer/").content.decode()

    def test_a_scheduled_version_takes_over_at_its_moment_with_no_job(
        self, client, published, team
    ):
        in_two_days = timezone.localdate() + timedelta(days=2)
        scheduled = publish_change(
            published, body=BODY + "\nScheduled text.\n", effective_on=in_two_days, **team
        )
        assert "Scheduled text." not in client.get("/pathways/ovarian-cancer/").content.decode()
        moment = scheduled.effective_from + timedelta(minutes=1)
        pathway = published.pathway
        assert (
            PathwayVersion.objects.filter(pathway=pathway).in_effect(moment).newest_first().first()
            == scheduled
        )


class TestVersionFacts:
    """A version no longer in use has no next review: its page says how its use ended."""

    def test_a_superseded_version_says_when_and_by_which_version(self, client, three_versions):
        first, minor, _ = three_versions
        html = client.get("/pathways/ovarian-cancer/versions/1.0/").content.decode()
        day = timezone.localtime(minor.effective_from)
        assert f"Superseded on {day.day} {day:%B %Y} by version 1.1" in html
        assert "Next review due" not in html
        html = client.get("/pathways/ovarian-cancer/versions/1.1/").content.decode()
        assert "by version 2.0" in html and "Next review due" not in html

    def test_the_current_version_says_when_its_review_is_due(self, client, three_versions):
        for path in ["/pathways/ovarian-cancer/", "/pathways/ovarian-cancer/versions/2.0/"]:
            html = client.get(path).content.decode()
            assert "Next review due" in html and "Superseded on" not in html

    def test_a_withdrawn_pathways_last_version_says_when_it_was_withdrawn(
        self, client, three_versions, lead
    ):
        pathway = three_versions[0].pathway
        services.withdraw(actor=lead, pathway=pathway, reason="Replaced.")
        pathway.refresh_from_db()
        day = timezone.localtime(pathway.withdrawn_at)
        html = client.get("/pathways/ovarian-cancer/versions/2.0/").content.decode()
        assert f"Withdrawn on {day.day} {day:%B %Y}" in html
        assert "Next review due" not in html and "Superseded on" not in html
        older = client.get("/pathways/ovarian-cancer/versions/1.0/").content.decode()
        assert "by version 1.1" in older and "Next review due" not in older


HIDDEN = '<span class="nhsuk-u-visually-hidden">'


def ins(text):
    return f"<ins>{HIDDEN}[added: </span>{text}{HIDDEN}]</span></ins>"


def dele(text):
    return f"<del>{HIDDEN}[removed: </span>{text}{HIDDEN}]</span></del>"


def pathway_text(html):
    """The compared text of a compare or review page, apart from its legend and summary."""
    return html.split('<div class="portal-diff portal-diff--document">', 1)[1]


TABLE = (
    "\n### Timing standards\n\n| Step | Standard |\n|---|---|\n"
    "| Referral to first treatment | 62 days |\n"
)


class TestCompare:
    def test_shows_what_changed_word_by_word_for_eyes_and_screen_readers(
        self, client, three_versions
    ):
        response = client.get("/pathways/ovarian-cancer/compare/", {"from": "1.1", "to": "2.0"})
        html = response.content.decode()
        assert response.status_code == 200
        assert (
            '<p id="Change-1" class="portal-diff__change portal-diff__change--changed">'
            f"Stage with {dele('CT.')}{ins('PET-CT.')}</p>"
        ) in pathway_text(html)

    def test_opens_with_a_summary_linking_to_each_change(self, client, three_versions):
        html = client.get(
            "/pathways/ovarian-cancer/compare/", {"from": "1.1", "to": "2.0"}
        ).content.decode()
        assert (
            '<nav class="portal-diff-summary" aria-labelledby="changes-summary">\n'
            '  <p class="nhsuk-body-l portal-diff-summary__line" id="changes-summary">'
            "1 section changed: Staging</p>"
        ) in html
        assert '<li>Staging: <a href="#Change-1">paragraph changed</a></li>' in html
        assert html.index('id="changes-summary"') < html.index("<h2>Pathway text</h2>")

    def test_shows_a_table_change_as_a_table_with_each_new_cell_marked(
        self, client, published, team
    ):
        publish_change(published, body=BODY + TABLE, change_type="minor", **team)
        html = client.get(
            "/pathways/ovarian-cancer/compare/", {"from": "1.0", "to": "1.1"}
        ).content.decode()
        text = pathway_text(html)
        assert (
            '<table id="Change-2" class="portal-diff__change portal-diff__change--added '
            'portal-diff__added"><thead class="portal-diff__added"><tr class="portal-diff__added">'
            f'<th class="portal-diff__added">{ins("Step")}</th>'
            f'<th class="portal-diff__added">{ins("Standard")}</th></tr></thead>'
        ) in text
        assert f'<td class="portal-diff__added">{ins("62 days")}</td>' in text
        assert "| Step |" not in html and "|---|" not in html
        assert (
            '<li>Staging: <a href="#Change-1">heading added</a>, '
            '<a href="#Change-2">table added</a></li>'
        ) in html

    def test_folds_unchanged_sections_and_never_shows_removed_text_unmarked(
        self, client, three_versions
    ):
        html = client.get(
            "/pathways/ovarian-cancer/compare/", {"from": "1.0", "to": "2.0"}
        ).content.decode()
        text = pathway_text(html)
        assert (
            '<h3>Referral</h3><details class="nhsuk-details">'
            '<summary class="nhsuk-details__summary">'
        ) in text
        assert text.count("<del>") == text.count(f"<del>{HIDDEN}[removed: ") == 1
        assert text.count("<ins>") == text.count(f"<ins>{HIDDEN}[added: ") == 2

    def test_shows_changes_to_the_title_and_summary_too(self, client, published, team):
        version = services.start_new_version(actor=team["author"], pathway=published.pathway)
        version = write(
            team["author"],
            version,
            body=BODY,
            title="Ovarian and fallopian tube cancer",
            summary="For adults with ovarian or fallopian tube cancer.",
        )
        version = services.submit(actor=team["author"], version=version, change_type="minor")
        services.publish(
            actor=team["lead"],
            version=services.approve(actor=team["reviewers"][0], version=version),
        )
        html = client.get(
            "/pathways/ovarian-cancer/compare/", {"from": "1.0", "to": "1.1"}
        ).content.decode()
        assert (
            '<h2>Title</h2>\n<div class="portal-diff"><p class="portal-diff__block '
            f'portal-diff__block--changed">Ovarian {ins("and fallopian tube ")}cancer</p></div>'
        ) in html
        assert f"For adults with ovarian {ins('or fallopian tube ')}cancer." in html
        assert "No changes to the pathway text." in html

    def test_compares_whichever_order_the_versions_are_given(self, client, three_versions):
        html = client.get(
            "/pathways/ovarian-cancer/compare/", {"from": "2.0", "to": "1.0"}
        ).content.decode()
        assert "from version 1.0 to 2.0" in html

    @pytest.mark.parametrize(
        "query",
        [
            {},
            {"from": "1.0"},
            {"from": "one", "to": "2.0"},
            {"from": "1.0", "to": "1.0"},
            {"from": "1.0.1", "to": "2.0"},
            {"from": "-1.0", "to": "2.0"},
        ],
    )
    def test_malformed_requests_get_a_clear_400(self, client, three_versions, query):
        response = client.get("/pathways/ovarian-cancer/compare/", query)
        assert response.status_code == 400
        assert "Sorry, that request could not be understood" in response.content.decode()

    def test_unknown_versions_are_not_found(self, client, three_versions):
        response = client.get("/pathways/ovarian-cancer/compare/", {"from": "1.0", "to": "7.0"})
        assert response.status_code == 404

    def test_unpublished_versions_cannot_be_compared(self, client, published, team):
        version = services.start_new_version(actor=team["author"], pathway=published.pathway)
        write(team["author"], version, body="Secret draft text")
        response = client.get("/pathways/ovarian-cancer/compare/", {"from": "1.0", "to": "2.0"})
        assert response.status_code == 404


class TestSearch:
    def test_finds_current_pathways_by_their_text_with_highlighted_snippets(
        self, client, three_versions
    ):
        html = client.get("/search/", {"q": "PET-CT staging"}).content.decode()
        assert "Results 1 to 1 for" in html
        assert "Version 2.0" in html and "<mark>" in html

    def test_ranks_a_title_match_above_a_body_match(self, client, published, team):
        publish_pathway(
            team,
            published.pathway.network,
            "Lung cancer",
            body=BODY + "\nOvarian metastases are rare.\n",
        )
        html = client.get("/search/", {"q": "ovarian"}).content.decode()
        assert html.index(">Ovarian cancer</a>") < html.index(">Lung cancer</a>")

    def test_does_not_find_superseded_withdrawn_or_draft_text(self, client, three_versions, team):
        services.start_new_version(actor=team["author"], pathway=three_versions[0].pathway)
        assert "No results for" in client.get("/search/", {"q": '"Stage with CT"'}).content.decode()

    def test_suggests_the_pathway_a_misspelt_search_meant(self, client, published):
        html = client.get("/search/", {"q": "ovarain"}).content.decode()
        assert "Showing results for ovarian." in html and "Results 1 to 1 for “ovarian”" in html
        assert 'href="/pathways/ovarian-cancer/">Ovarian cancer' in html

    def test_shows_the_corrected_search_when_the_one_as_typed_finds_nothing(
        self, client, published, team
    ):
        publish_pathway(team, published.pathway.network, "Breast cancer", BREAST, "breast")
        html = client.get("/search/", {"q": "Braest"}).content.decode()
        assert "Showing results for breast." in html
        assert '<a href="/search/?q=Braest&amp;exact=1">Search instead for Braest</a>' in html
        assert 'href="/pathways/breast-cancer/">Breast cancer' in html
        assert "Ovarian cancer" not in html
        assert 'value="Braest"' in html  # the box keeps what was typed

    def test_search_instead_searches_exactly_as_typed(self, client, published, team):
        publish_pathway(team, published.pathway.network, "Breast cancer", BREAST, "breast")
        html = client.get("/search/", {"q": "Braest", "exact": "1"}).content.decode()
        assert "No results for “Braest”" in html
        assert "Showing results for" not in html and "Did you mean" not in html
        assert "Breast cancer" not in html

    def test_finds_carboplatin_for_carboplatn(self, client, published, team):
        publish_pathway(team, published.pathway.network, "Breast cancer", BREAST, "breast")
        html = client.get("/search/", {"q": "carboplatn"}).content.decode()
        assert "Showing results for carboplatin." in html
        assert "<mark>carboplatin</mark>" in html

    def test_offers_the_correction_when_the_search_as_typed_finds_something_too(
        self, client, published, team
    ):
        publish_pathway(team, published.pathway.network, "Breast cancer", BREAST, "breast")
        html = client.get("/search/", {"q": "braest or referral"}).content.decode()
        assert (
            '<a href="/search/?q=breast+or+referral">Did you mean breast or referral?</a>' in html
        )
        assert "Showing results for" not in html
        assert "Results 1 to 1 for “braest or referral”" in html and ">Ovarian cancer</a>" in html

    def test_correction_links_keep_the_filters(self, client, published, team):
        publish_pathway(team, published.pathway.network, "Breast cancer", BREAST, "breast")
        html = client.get("/search/", {"q": "braest", "network": "woscan"}).content.decode()
        assert 'href="/search/?q=braest&amp;network=woscan&amp;exact=1"' in html
        html = client.get(
            "/search/", {"q": "braest or referral", "cancer": "breast"}
        ).content.decode()
        assert "Showing results for breast or referral." in html
        html = client.get(
            "/search/", {"q": "braest or referral", "network": "woscan"}
        ).content.decode()
        assert 'href="/search/?q=breast+or+referral&amp;network=woscan">Did you mean' in html

    def test_offers_no_correction_that_would_find_nothing(self, client, published, team, lead):
        breast = publish_pathway(team, published.pathway.network, "Breast cancer", BREAST, "breast")
        services.withdraw(actor=lead, pathway=breast.pathway, reason="Replaced.")
        for text in ("carboplatn", "braest", "carboplatn or referral"):
            html = client.get("/search/", {"q": text}).content.decode()
            assert "Showing results for" not in html and "Did you mean" not in html, text
        html = client.get("/search/", {"q": "braest", "cancer": "lung"}).content.decode()
        assert "No results for “braest”" in html and "Showing results for" not in html

    def test_snippets_are_cut_from_readable_text_never_markdown(self, client, published, team):
        body = (
            "## Staging\n\n**Measure** CA125 and see [the *RMI* guide](https://example.org/rmi)."
            "\n\n| Test | When |\n|---|---|\n| CA125 | at referral |\n\n"
            "Where 5 < 6 & <em>risk</em> is high, refer.\n"
        )
        publish_change(published, body=body, **team)
        html = client.get("/search/", {"q": "CA125"}).content.decode()
        snippet = html.split('<p class="nhsuk-body-s portal-snippet">', 1)[1].split("</p>")[0]
        assert "<mark>CA125</mark>" in snippet
        assert "Staging · Measure <mark>CA125</mark> and see the RMI guide." in snippet
        for syntax in ("##", "**", "](", "|---|", "| CA125 |", "example.org", "<em>"):
            assert syntax not in snippet, syntax
        html = client.get("/search/", {"q": "risk"}).content.decode()
        assert "5 &lt; 6 &amp; <mark>risk</mark> is high" in html

    def test_filters_by_network(self, client, published, other_network):
        html = client.get(
            "/search/", {"q": "ovarian", "network": other_network.slug}
        ).content.decode()
        assert "No results for" in html

    @pytest.mark.parametrize(
        "text",
        [
            '"unbalanced',
            "-",
            "&|!():*",
            "OR OR",
            "a" * 200,
            "' OR 1=1 --",
            "\\",
            "🙂 ovarian",
            "<script>alert(1)</script>",
        ],
    )
    def test_malformed_queries_never_fail(self, client, published, text):
        response = client.get("/search/", {"q": text})
        assert response.status_code == 200
        assert "<script>alert(1)" not in response.content.decode()

    @pytest.mark.parametrize(
        "query", [{"q": "a\x00b"}, {"q": "a" * 201}, {"q": "x", "cancer": "nope"}]
    )
    def test_impossible_queries_get_a_clear_400(self, client, query):
        assert client.get("/search/", query).status_code == 400


class TestFeedsAndIndexes:
    def test_the_portal_feed_lists_publications_in_atom(self, client, three_versions):
        response = client.get("/feeds/")
        xml = response.content.decode()
        assert response["Content-Type"].startswith("application/atom+xml")
        assert (
            "Ovarian cancer version 2.0" in xml and "/pathways/ovarian-cancer/versions/2.0/" in xml
        )

    def test_each_pathway_has_its_own_feed(self, client, three_versions):
        xml = client.get("/pathways/ovarian-cancer/feed/").content.decode()
        assert xml.count("<entry>") == 3

    def test_a_draft_has_no_feed(self, client, draft):
        assert client.get(f"/pathways/{draft.pathway.slug}/feed/").status_code == 404

    def test_entries_are_plain_text_never_html_from_authors(self, client, three_versions):
        for url in ["/feeds/", "/pathways/ovarian-cancer/feed/"]:
            xml = client.get(url).content.decode()
            assert 'type="html"' not in xml
            assert '<summary type="text">Changed the staging advice.\n\n' in xml

    def test_a_withdrawal_is_announced_in_the_pathway_feed_and_the_portal_feed(
        self, client, three_versions, lead
    ):
        pathway = three_versions[0].pathway
        services.withdraw(actor=lead, pathway=pathway, reason="Replaced by the gynae pathway.")
        pathway.refresh_from_db()
        day = timezone.localtime(pathway.withdrawn_at)
        for url in ["/feeds/", "/pathways/ovarian-cancer/feed/"]:
            entries = feed_entries(client.get(url).content)
            newest = entries[0]
            assert newest["title"] == "Ovarian cancer withdrawn"
            assert newest["summary"] == (
                f"Withdrawn on {day.day} {day:%B %Y}. Do not use it to guide care. "
                "Reason: Replaced by the gynae pathway."
            )
            assert newest["link"] == "http://testserver/pathways/ovarian-cancer/#withdrawn"
            assert newest["id"] == newest["link"]  # its own entry, apart from the versions'
            assert [entry["title"] for entry in entries[1:]] == [
                "Ovarian cancer version 2.0",
                "Ovarian cancer version 1.1",
                "Ovarian cancer version 1.0",
            ]

    def test_the_sitemap_lists_pathways_and_their_versions(self, client, three_versions):
        xml = client.get("/sitemap.xml").content.decode()
        assert "/pathways/ovarian-cancer/</loc>" in xml
        assert "/pathways/ovarian-cancer/versions/1.0/</loc>" in xml

    def test_robots_txt_points_to_the_sitemap(self, client):
        assert (
            "Sitemap: http://testserver/sitemap.xml" in client.get("/robots.txt").content.decode()
        )


class TestCaching:
    def test_the_current_page_revalidates_and_answers_304(self, client, published):
        first = client.get("/pathways/ovarian-cancer/")
        assert first["Cache-Control"] == "public, max-age=0, must-revalidate"
        assert first["ETag"].startswith('"')
        # No Last-Modified: a date could not say that the network's details changed, so a
        # cache revalidates by the ETag alone, which covers everything (public_site/caching.py).
        assert "Last-Modified" not in first
        again = client.get("/pathways/ovarian-cancer/", HTTP_IF_NONE_MATCH=first["ETag"])
        assert again.status_code == 304 and again.content == b""
        assert again["ETag"] == first["ETag"]

    def test_a_304_costs_no_rendering_and_one_query(
        self, client, published, django_assert_num_queries
    ):
        etag = client.get("/pathways/ovarian-cancer/")["ETag"]
        with django_assert_num_queries(1):
            assert (
                client.get("/pathways/ovarian-cancer/", HTTP_IF_NONE_MATCH=etag).status_code == 304
            )

    def test_a_new_publication_changes_the_validator_so_no_cache_keeps_the_old_text(
        self, client, published, team
    ):
        etag = client.get("/pathways/ovarian-cancer/")["ETag"]
        publish_change(published, body=BODY + "\nNew.\n", **team)
        response = client.get("/pathways/ovarian-cancer/", HTTP_IF_NONE_MATCH=etag)
        assert response.status_code == 200 and "2.0 (current)" in response.content.decode()

    def test_a_superseded_version_page_revalidates_as_the_current_one_does(
        self, client, three_versions
    ):
        old = client.get("/pathways/ovarian-cancer/versions/1.0/")
        current = client.get("/pathways/ovarian-cancer/versions/2.0/")
        # A withdrawal can still add to what a superseded page says (see test_cache_headers).
        assert old["Cache-Control"] == "public, max-age=0, must-revalidate"
        assert current["Cache-Control"] == "public, max-age=0, must-revalidate"
        assert (
            client.get(
                "/pathways/ovarian-cancer/versions/1.0/", HTTP_IF_NONE_MATCH=old["ETag"]
            ).status_code
            == 304
        )

    def test_withdrawal_changes_the_version_pages_validators(self, client, published, lead):
        etag = client.get("/pathways/ovarian-cancer/versions/1.0/")["ETag"]
        services.withdraw(actor=lead, pathway=published.pathway, reason="Replaced.")
        response = client.get("/pathways/ovarian-cancer/versions/1.0/", HTTP_IF_NONE_MATCH=etag)
        assert response.status_code == 200 and "withdrawn" in response.content.decode()


def feed_entries(xml):
    """Each Atom entry's title, summary, link and id, newest first, as a feed reader reads them."""
    atom = "{http://www.w3.org/2005/Atom}"
    return [
        {
            "title": entry.findtext(f"{atom}title"),
            "summary": entry.findtext(f"{atom}summary"),
            "link": entry.find(f"{atom}link").get("href"),
            "id": entry.findtext(f"{atom}id"),
        }
        for entry in ElementTree.fromstring(xml).iter(f"{atom}entry")
    ]


def _grow(published, team, extra_versions, extra_pathways):
    """More versions of the pathway, more pathways, more networks."""
    version = published
    for number in range(extra_versions):
        version = publish_change(
            version, body=BODY + f"\nRevision {number}.\n", change_type="minor", **team
        )
    for number in range(extra_pathways):
        make_network()
        publish_pathway(team, published.pathway.network, f"Pathway {number}")
    return version


PAGES = {
    "home": ("/", 3),
    "list": ("/pathways/", 4),
    "list filtered": ("/pathways/?network=woscan&cancer=ovarian&sort=newest", 6),
    # Revision, current version, the one before, its sections (with the version each last
    # changed in), the references of those changes, its regimens with their advice.
    "pathway": ("/pathways/ovarian-cancer/", 6),
    "versions": ("/pathways/ovarian-cancer/versions/", 4),
    # Revision, the version, its sections, references and regimens.
    "version": ("/pathways/ovarian-cancer/versions/1.0/", 5),
    # Revision, the version (with its network, publisher and consultation), its network's
    # leads, the constituencies its rule names, the decisions, their reviewers' constituencies.
    "how it was agreed": ("/pathways/ovarian-cancer/versions/1.0/consensus/", 5),
    "compare": ("/pathways/ovarian-cancer/compare/?from=1.0&to=1.1", 2),
    # Revision, the pathway, the version current at the end of that day.
    "as at a date": ("/pathways/ovarian-cancer/as-at/2000-01-01/", 3),
    "search": ("/search/?q=staging", 5),
    # The typed search, the correction (the words near, then how many pathways hold them),
    # then the corrected search with its snippets. Each search's first page also asks which
    # current pathways' regimens name the words as a medicine (one query).
    "search misspelt": ("/search/?q=ovarain", 8),
    "search misspelt, nothing near": ("/search/?q=qqxqz", 5),
    "search found, correction offered": ("/search/?q=ovarian+or+stagng", 8),
    "search as typed": ("/search/?q=ovarain&exact=1", 4),
    "feed": ("/feeds/", 2),
    "networks": ("/networks/", 3),
    "medicines": ("/medicines/", 2),  # revision, the current versions' regimens
}


def test_public_pages_cost_the_same_queries_at_small_and_large_sizes(
    client, published, team, django_assert_num_queries
):
    _grow(published, team, extra_versions=1, extra_pathways=0)
    for page, (path, expected) in PAGES.items():
        with django_assert_num_queries(expected):
            assert client.get(path).status_code == 200, page
    _grow(published, team, extra_versions=30, extra_pathways=30)
    for page, (path, expected) in PAGES.items():
        with django_assert_num_queries(expected):
            assert client.get(path).status_code == 200, page
