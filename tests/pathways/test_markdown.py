from html.parser import HTMLParser
from urllib.parse import urlsplit

import pytest

from pathways.markdown import ALLOWED_PROTOCOLS, ALLOWED_TAGS, plain_text, render
from tests.pathways.hostile_markdown import HOSTILE_MARKDOWN

ALLOWED_ATTRIBUTES = {"href", "title", "rel", "id", "colspan", "rowspan", "scope"}


class _Inspector(HTMLParser):
    """Collects every tag, attribute and link the browser would see."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.tags, self.attributes, self.links, self.rels = set(), set(), [], []
        self.anchors = 0

    def handle_starttag(self, tag, attrs):
        self.tags.add(tag)
        self.anchors += tag == "a"
        for name, value in attrs:
            self.attributes.add(name)
            if name == "href":
                self.links.append(value)
            if name == "rel":
                self.rels.append(value)


def inspect(html):
    inspector = _Inspector()
    inspector.feed(html)
    return inspector


@pytest.mark.parametrize("payload", HOSTILE_MARKDOWN)
def test_hostile_markdown_renders_inert(payload):
    html, _ = render(f"Some text.\n\n{payload}\n\nMore text.")
    seen = inspect(html)
    assert seen.tags <= ALLOWED_TAGS, seen.tags - ALLOWED_TAGS
    assert seen.attributes <= ALLOWED_ATTRIBUTES, seen.attributes - ALLOWED_ATTRIBUTES
    for link in seen.links:
        scheme = urlsplit(link.strip()).scheme.lower()
        assert scheme in ALLOWED_PROTOCOLS or scheme == "", link
    assert seen.rels == ["noopener noreferrer"] * seen.anchors


def test_the_corpus_is_large_enough_to_mean_something():
    assert len(HOSTILE_MARKDOWN) >= 30


def test_script_in_a_code_span_is_shown_as_text():
    html, _ = render("`<script>alert(1)</script>`")
    assert "<code>&lt;script&gt;alert(1)&lt;/script&gt;</code>" in html


def test_ordinary_pathway_markdown_keeps_its_structure():
    html, contents = render(
        "## Staging\n\nUse **TNM 8**, see [SIGN](https://www.sign.ac.uk).\n\n"
        "| Stage | Treatment |\n|---|---|\n| I | Surgery |\n\n- one\n- two\n"
    )
    assert '<h2 id="staging">Staging</h2>' in html
    assert "<strong>TNM 8</strong>" in html
    assert '<a href="https://www.sign.ac.uk" rel="noopener noreferrer">SIGN</a>' in html
    assert "<td>Surgery</td>" in html and "<li>one</li>" in html
    assert contents == [{"id": "staging", "text": "Staging", "level": 2}]


def test_heading_anchors_are_stable_and_unique():
    first, _ = render("## Follow-up\n\ntext\n\n## Follow-up\n")
    second, _ = render("## Follow-up\n\ntext\n\n## Follow-up\n")
    assert first == second
    assert 'id="follow-up"' in first and 'id="follow-up_1"' in first


def test_a_level_one_heading_becomes_a_section_heading():
    html, contents = render("# Referral\n")
    assert html == '<h2 id="referral">Referral</h2>'
    assert contents[0]["level"] == 2


def test_mailto_and_in_page_links_are_kept():
    html, _ = render("[email](mailto:team@example.org) [staging](#staging)")
    assert 'href="mailto:team@example.org"' in html and 'href="#staging"' in html


def test_plain_text_is_what_a_reader_reads_a_line_per_block():
    html, _ = render(
        "## Staging\n\n**Measure** CA125 &amp; see [the *RMI* guide](https://example.org/rmi)."
        "\n\n| Test | When |\n|---|---|\n| CA125 | at referral |\n\n- one\n- two\n\n"
        "If 5 < 6, <script>alert(1)</script> refer.\n"
    )
    assert plain_text(html) == (
        "Staging\nMeasure CA125 & see the RMI guide.\nTest\nWhen\nCA125\nat referral\none\ntwo\n"
        "If 5 < 6, alert(1) refer."
    )
    assert plain_text("") == ""
