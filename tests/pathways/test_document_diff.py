"""The diff of two rendered versions (pathways.diff.compare_documents): what a reader sees change,
on the document they know, marked for eyes and for screen readers, and never anything that runs."""

import re
from html.parser import HTMLParser

import pytest

from pathways.diff import compare_documents, document
from pathways.markdown import render
from tests.inert import assert_inert
from tests.pathways.hostile_markdown import HOSTILE_MARKDOWN

HIDDEN = '<span class="nhsuk-u-visually-hidden">'


def ins(text):
    return f"<ins>{HIDDEN}[added: </span>{text}{HIDDEN}]</span></ins>"


def dele(text):
    return f"<del>{HIDDEN}[removed: </span>{text}{HIDDEN}]</span></del>"


def changes(old_markdown, new_markdown):
    return compare_documents(render(old_markdown)[0], render(new_markdown)[0])


def descriptions(result):
    return [
        (section.name, [change.description for change in section.changes])
        for section in result.sections
    ]


TABLE = (
    "## Staging\n\nStage with CT.\n\n"
    "| Step | Standard |\n|---|---|\n"
    "| Referral to first treatment | 62 days |\n"
    "| Decision to treat to first treatment | 31 days |\n"
)
SECTIONS = (
    "## Referral\n\nRefer urgently.\n\n## Staging\n\nStage with CT.\n\n"
    "## Follow-up\n\nReview every three months.\n"
)


def test_a_changed_paragraph_shows_its_removed_and_added_words_in_place():
    result = changes("## Staging\n\nStage with CT.\n", "## Staging\n\nStage with PET-CT.\n")
    assert (
        '<p id="Change-1" class="portal-diff__change portal-diff__change--changed">'
        f"Stage with {dele('CT.')}{ins('PET-CT.')}</p>"
    ) in result.html
    assert descriptions(result) == [("Staging", ["paragraph changed"])]


def test_words_keep_their_emphasis_and_links_when_they_change():
    result = changes(
        "Offer **carboplatin** by [the protocol](https://example.org/p).\n",
        "Offer **carboplatin** weekly by [the protocol](https://example.org/p).\n",
    )
    link = '<a href="https://example.org/p" rel="noopener noreferrer">'
    assert f"Offer <strong>carboplatin</strong> {ins('weekly')} by {link}the protocol</a>." in (
        result.html
    )


def test_an_added_list_item_is_an_item_marked_as_added():
    result = changes(
        "## SACT\n\n* Carboplatin\n* Paclitaxel\n",
        "## SACT\n\n* Carboplatin\n* Bevacizumab\n* Paclitaxel\n",
    )
    assert (
        '<ul id="Change-1" class="portal-diff__change portal-diff__change--changed">'
        "<li>Carboplatin</li>"
        f'<li class="portal-diff__added">{ins("Bevacizumab")}</li>'
        "<li>Paclitaxel</li></ul>"
    ) in result.html
    assert descriptions(result) == [("SACT", ["list changed"])]


def test_a_removed_list_item_is_an_item_marked_as_removed():
    result = changes("## SACT\n\n1. Carboplatin\n2. Paclitaxel\n", "## SACT\n\n1. Carboplatin\n")
    assert (
        f'<li>Carboplatin</li><li class="portal-diff__removed">{dele("Paclitaxel")}</li></ol>'
    ) in result.html


def test_a_changed_table_cell_shows_its_old_and_new_value_in_that_cell():
    result = changes(TABLE, TABLE.replace("62 days", "50 days"))
    assert (
        '<tr class="portal-diff__changed"><td>Referral to first treatment</td>'
        f'<td class="portal-diff__changed">{dele("62")}{ins("50")} days</td></tr>'
    ) in result.html
    assert "<tr><td>Decision to treat to first treatment</td><td>31 days</td></tr>" in result.html
    assert '<table id="Change-1" class="portal-diff__change portal-diff__change--changed">' in (
        result.html
    )
    assert descriptions(result) == [("Staging", ["table changed"])]


def test_an_added_table_row_is_a_row_marked_as_added_with_every_cell_marked():
    result = changes(TABLE, TABLE + "| Surgery after decision | 14 days |\n")
    assert (
        "<tr><td>Decision to treat to first treatment</td><td>31 days</td></tr>"
        '<tr class="portal-diff__added">'
        f'<td class="portal-diff__added">{ins("Surgery after decision")}</td>'
        f'<td class="portal-diff__added">{ins("14 days")}</td></tr></tbody></table>'
    ) in result.html


def test_an_added_column_adds_a_marked_cell_to_each_row_and_keeps_the_table_a_table():
    old = "| Step | Standard |\n|---|---|\n| Referral | 62 days |\n"
    new = "| Step | Standard | Owner |\n|---|---|---|\n| Referral | 62 days | GP |\n"
    result = changes(old, new)
    assert (
        f'<th>Step</th><th>Standard</th><th class="portal-diff__added">{ins("Owner")}</th>'
    ) in result.html
    assert (
        f'<td>Referral</td><td>62 days</td><td class="portal-diff__added">{ins("GP")}</td>'
    ) in result.html
    assert result.html.count("<table") == 1 and "|" not in result.html


def test_a_new_table_is_a_whole_table_marked_as_added_not_markdown_pipes():
    result = changes("## Staging\n\nStage with CT.\n", TABLE)
    assert (
        '<table id="Change-1" class="portal-diff__change portal-diff__change--added '
        'portal-diff__added"><thead class="portal-diff__added"><tr class="portal-diff__added">'
        f'<th class="portal-diff__added">{ins("Step")}</th>'
    ) in result.html
    assert "| Step |" not in result.html
    assert descriptions(result) == [("Staging", ["table added"])]


def test_a_renamed_section_heading_shows_both_names_and_keeps_its_text_unchanged():
    result = changes(SECTIONS, SECTIONS.replace("## Follow-up", "## Follow-up and survivorship"))
    assert (
        '<h3 id="Change-1" class="portal-diff__change portal-diff__change--changed">'
        f"Follow-up {ins('and survivorship')}</h3><p>Review every three months.</p>"
    ) in result.html
    assert descriptions(result) == [("Follow-up and survivorship", ["section heading changed"])]


def test_a_renamed_subheading_is_one_heading_changed():
    result = changes("## Staging\n\n### Imaging\n\nCT.\n", "## Staging\n\n### Scans\n\nCT.\n")
    assert (
        f'<h4 id="Change-1" class="portal-diff__change portal-diff__change--changed">'
        f"{dele('Imaging')}{ins('Scans')}</h4>"
    ) in result.html


def test_an_added_section_is_marked_added_whole():
    result = changes(SECTIONS, SECTIONS + "\n## Supportive care\n\nName a key worker.\n")
    assert (
        '<div id="Change-1" class="portal-diff__section portal-diff__section--added '
        'portal-diff__change portal-diff__change--added">'
        f'<h3 class="portal-diff__added">{ins("Supportive care")}</h3>'
        f'<p class="portal-diff__added">{ins("Name a key worker.")}</p></div>'
    ) in result.html
    assert descriptions(result) == [("Supportive care", ["section added"])]


def test_a_removed_section_is_marked_removed_whole_so_no_word_of_it_reads_as_current():
    result = changes(SECTIONS, SECTIONS.split("## Follow-up")[0])
    assert (
        '<div id="Change-1" class="portal-diff__section portal-diff__section--removed '
        'portal-diff__change portal-diff__change--removed">'
        f'<h3 class="portal-diff__removed">{dele("Follow-up")}</h3>'
        f'<p class="portal-diff__removed">{dele("Review every three months.")}</p></div>'
    ) in result.html
    assert descriptions(result) == [("Follow-up", ["section removed"])]


def test_the_summary_line_names_the_changed_sections_and_each_change_has_one_anchor():
    old = SECTIONS + "\n## SACT\n\nOffer carboplatin.\n"
    new = (
        old.replace("Stage with CT.", "Stage with PET-CT.")
        .replace("Offer carboplatin.", "Offer carboplatin.\n\n* Weekly paclitaxel\n")
        .replace("## Follow-up\n\nReview every three months.\n", "")
    )
    result = changes(old, new)
    assert result.summary == "3 sections changed: Staging, Follow-up, SACT"
    assert descriptions(result) == [
        ("Staging", ["paragraph changed"]),
        ("Follow-up", ["section removed"]),
        ("SACT", ["list added"]),
    ]
    anchors = [change.anchor for section in result.sections for change in section.changes]
    assert anchors == ["Change-1", "Change-2", "Change-3"]
    for anchor in anchors:
        assert result.html.count(f'id="{anchor}"') == 1
    assert re.findall(r'id="([^"]+)"', result.html) == anchors  # no other ids, none repeated


def test_one_changed_section_reads_in_the_singular():
    assert changes(SECTIONS, SECTIONS.replace("CT", "MRI")).summary == (
        "1 section changed: Staging"
    )


def test_unchanged_sections_are_folded_under_their_heading():
    result = changes(SECTIONS, SECTIONS.replace("CT", "MRI"))
    assert (
        '<div class="portal-diff__section portal-diff__section--unchanged"><h3>Referral</h3>'
        '<details class="nhsuk-details"><summary class="nhsuk-details__summary">'
        '<span class="nhsuk-details__summary-text">Show the unchanged text'
        f"{HIDDEN} of Referral</span></span></summary>"
        '<div class="nhsuk-details__text"><p>Refer urgently.</p></div></details></div>'
    ) in result.html


def test_identical_documents_have_no_changes_and_say_so():
    result = changes(SECTIONS, SECTIONS)
    assert result.sections == ()
    assert result.summary == "No changes to the pathway text."
    assert "<ins>" not in result.html and "<del>" not in result.html


def test_a_first_version_is_all_added():
    result = compare_documents("", render(SECTIONS)[0])
    assert result.summary == "3 sections changed: Referral, Staging, Follow-up"
    assert "<del>" not in result.html and result.html.count("<ins>") == 6


def test_text_before_the_first_heading_is_a_section_of_its_own():
    result = changes("Read this first.\n\n" + SECTIONS, "Read this now.\n\n" + SECTIONS)
    assert descriptions(result) == [("Opening text", ["paragraph changed"])]


def test_an_authors_own_ins_and_del_are_not_shown_as_changes():
    result = changes(
        "Stage with <del>CT</del> <ins>MRI</ins>.\n\nOld.\n",
        "Stage with <del>CT</del> <ins>MRI</ins>.\n\nNew.\n",
    )
    assert "Stage with <s>CT</s> <u>MRI</u>." in result.html
    assert result.html.count("<ins>") == 1 and result.html.count("<del>") == 1


def test_line_breaks_and_preformatted_text_survive():
    result = changes(
        "Line one  \nline two\n\n    dose = 5\n    twice daily\n",
        "Line one  \nline three\n\n    dose = 6\n    twice daily\n",
    )
    assert f"Line one<br>line {dele('two')}{ins('three')}</p>" in result.html
    assert (
        '<pre id="Change-2" class="portal-diff__change portal-diff__change--changed">'
        f"<code>dose =</code> {dele('<code>5</code>')}{ins('<code>6</code>')}"
        "<code>\ntwice daily</code></pre>"
    ) in result.html


def test_a_paragraph_too_long_to_compare_word_by_word_is_shown_removed_and_added_whole(
    monkeypatch,
):
    monkeypatch.setattr(document, "MAX_WORD_PAIRS", 8)  # 3 words by 3: past the limit
    result = changes("Stage with CT.\n", "Stage with PET-CT.\n")
    assert f"{dele('Stage with CT.')}{ins('Stage with PET-CT.')}</p>" in result.html


class _Tags(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.tags, self.attributes = set(), set()

    def handle_starttag(self, tag, attrs):
        self.tags.add(tag)
        self.attributes |= {name for name, _ in attrs}


# All the diff ever writes: the document's own elements, its marks and the folding of
# unchanged sections. Anything else in the output would have come from the stored HTML.
WRITTEN_TAGS = {
    "a", "abbr", "b", "blockquote", "br", "caption", "code", "dd", "del", "details", "div", "dl",
    "dt", "em", "h3", "h4", "h5", "h6", "hr", "i", "ins", "li", "ol", "p", "pre", "s", "span",
    "strong", "sub", "summary", "sup", "table", "tbody", "td", "tfoot", "th", "thead", "tr", "u",
    "ul",
}  # fmt: skip
WRITTEN_ATTRIBUTES = {"class", "colspan", "href", "id", "rel", "rowspan", "scope", "title"}


def assert_only_written_markup(html):
    found = _Tags()
    found.feed(html)
    assert found.tags <= WRITTEN_TAGS, found.tags - WRITTEN_TAGS
    assert found.attributes <= WRITTEN_ATTRIBUTES, found.attributes - WRITTEN_ATTRIBUTES


def assert_every_change_has_its_anchor(result):
    for section in result.sections:
        for change in section.changes:
            assert result.html.count(f'id="{change.anchor}"') == 1, change


@pytest.mark.parametrize("payload", HOSTILE_MARKDOWN)
def test_hostile_markdown_stays_inert_in_a_diff_both_ways(payload):
    old, new = f"## Staging\n\n{payload}\n", f"## Staging\n\n{payload} revised\n\nAdded.\n"
    for before, after in [(old, new), (new, old), ("", new), (old, "")]:
        result = changes(before, after)
        assert_inert(result.html, portal_page=False)
        assert_only_written_markup(result.html)
        assert_every_change_has_its_anchor(result)


CORRUPT = (
    '<h2 id="x" onclick="alert(1)">Staging</h2><script>alert(1)</script>'
    '<p style="x"><a href="javascript:alert(1)" onmouseover="alert(1)">one</a> '
    '<img src=x onerror=alert(1)><a href=" javascript:alert(1)">two</a> '
    '<a href="data:text/html,x">three</a><iframe src="https://evil.example"></iframe></p>'
    '<table><tr><td background="javascript:alert(1)" colspan="2; x">cell</td></tr></table>'
)


def test_stored_html_that_escaped_the_sanitiser_is_still_written_inert():
    """Defence in depth: the diff copies no markup through, so even a corrupt row is inert."""
    for before, after in [("", CORRUPT), (CORRUPT, "<h2>Staging</h2><p>Safe.</p>")]:
        result = compare_documents(before, after)
        assert_inert(result.html, portal_page=False)
        assert_only_written_markup(result.html)
        assert_every_change_has_its_anchor(result)
    html = compare_documents("", CORRUPT).html
    link = '<a rel="noopener noreferrer">'
    assert f"{link}one</a> {link}two</a> {link}three</a>" in html
    assert f'<td class="portal-diff__added">{ins("cell")}</td>' in html
    assert "alert(1)" not in html.replace(ins("alert(1)"), "")  # the script's text, shown
