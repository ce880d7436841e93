"""A pathway version as Chromium prints it (to PDF, read back with pypdf): the stamp (version,
print date, "may be out of date", the /verify/ address and its QR code) on every page, and no
text of the pathway under it."""

import io

import pytest
from django.urls import reverse
from django.utils import timezone
from django.utils.dateformat import format as format_date
from pypdf import PdfReader

from accounts.links import absolute_url
from tests.lifecycle import publish_pathway

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

# The longest title a pathway may have (200 characters): the tallest stamp.
TITLE = (
    "Ovarian, fallopian tube and primary peritoneal cancer, borderline tumours included: "
    "referral, diagnosis, staging, surgery, systemic anti-cancer therapy, radiotherapy and "
    "follow-up of adults in the NHS"
)
assert len(TITLE) == 200

PARAGRAPHS = [
    f"Step {number}: check the {topic} before the clinic, record it in the notes and tell the "
    f"patient what it means for them; if it is not available, ask the {role} the same day and "
    f"say so in the referral letter."
    for number, (topic, role) in enumerate(
        [
            ("CA125 result", "GP"),
            ("ultrasound report", "radiologist"),
            ("Risk of Malignancy Index", "gynaecologist"),
            ("CT of chest, abdomen and pelvis", "radiologist"),
            ("FIGO stage", "MDT coordinator"),
            ("germline BRCA status", "genetics service"),
            ("performance status", "oncologist"),
            ("renal function", "pharmacist"),
        ]
        * 4,
        start=1,
    )
]
BODY = "".join(
    f"## Section {number}\n\n{first}\n\n{second}\n\n- Item one of section {number}\n- Item two\n\n"
    for number, (first, second) in enumerate(zip(PARAGRAPHS[::2], PARAGRAPHS[1::2]), start=1)
)
PADDING = 4  # pt: the stamp's padding, between its border and the QR code or the text
# An A4 page inside print.css's 15 mm margins (180 mm wide), in CSS pixels.
A4_INSIDE_MARGINS = {"width": 680, "height": 1000}


def squeezed(text):
    """`text` without white space: a printed line may break anywhere, even after a hyphen."""
    return "".join(text.split())


def page_layout(pdf_page):
    """A PDF page's lines of text, as (text, baseline, font size), and its drawn paths, as
    lists of points; in points from the bottom left of the page, in the order drawn."""
    lines, paths, path = [], [], []

    def on_text(text, cm, tm, font_dict, font_size):
        if text.strip():
            baseline = tm[4] * cm[1] + tm[5] * cm[3] + cm[5]
            lines.append((text.strip(), baseline, font_size * abs(tm[3] * cm[3])))

    def on_operator(operator, operands, cm, tm):
        if operator in (b"m", b"l"):
            x, y = (float(value) for value in operands)
            path.append((x * cm[0] + y * cm[2] + cm[4], x * cm[1] + y * cm[3] + cm[5]))
        elif operator in (b"S", b"s", b"f", b"F", b"f*", b"B", b"B*", b"b", b"b*", b"n"):
            if path:
                paths.append(list(path))
            path.clear()

    pdf_page.extract_text(visitor_text=on_text, visitor_operand_before=on_operator)
    return lines, paths


def find_stamp(lines, stamp):
    """The indexes of the lines that, one after the other, read as the whole stamp."""
    wanted = squeezed(stamp)
    for start in range(len(lines)):
        read = ""
        for end in range(start, len(lines)):
            read += squeezed(lines[end][0])
            if read == wanted:
                return range(start, end + 1)
            if not wanted.startswith(read):
                break
    return None


@pytest.fixture
def long_version(reference_data, team, woscan):
    return publish_pathway(team, woscan, TITLE, body=BODY)


def test_every_printed_page_carries_the_stamp_and_its_qr_code_and_no_text_lies_under_them(
    long_version, live_url, browser
):
    context = browser.new_context(viewport=A4_INSIDE_MARGINS)
    page = context.new_page()
    response = page.goto(
        live_url + reverse("pathways:version", args=[long_version.pathway.slug, "1.0"])
    )
    assert response.ok
    pdf = PdfReader(io.BytesIO(page.pdf(format="A4")))

    # At the printed width, the space each page keeps free at its foot is taller than the stamp.
    page.emulate_media(media="print")
    stamp_height, kept_free = page.evaluate(
        "() => [document.querySelector('.portal-print-footer').getBoundingClientRect().height,"
        " parseFloat(getComputedStyle(document.body).paddingBottom)]"
    )
    context.close()
    assert stamp_height < kept_free

    address = absolute_url(reverse("verify", args=[long_version.fingerprint]))
    printed = format_date(timezone.localdate(), "j F Y")
    stamp = (
        f"{TITLE}, version 1.0 (fingerprint {long_version.fingerprint}). Printed {printed}. "
        f"This copy may be out of date: check it is current at {address}"
    )
    assert len(pdf.pages) >= 3
    body_read = ""
    for number, pdf_page in enumerate(pdf.pages, start=1):
        lines, paths = page_layout(pdf_page)
        in_stamp = find_stamp(lines, stamp)
        assert in_stamp, f"page {number} has no stamp, or not all of it"
        stamp_lines = [lines[i] for i in in_stamp]
        others = [line for i, line in enumerate(lines) if i not in in_stamp]

        # The QR code: the page's biggest path, 20 mm (57 pt) square less its white border,
        # drawn as lines through the middle of its modules (each under 2 pt), on the page.
        qr = max(paths, key=len)
        xs, ys = [x for x, _ in qr], [y for _, y in qr]
        width, height = max(xs) - min(xs), max(ys) - min(ys)
        assert len(qr) > 200 and 45 < width < 56 and 45 < height < 56, (number, width, height)
        assert min(ys) - 1 > 0, f"the QR code is cut off at the foot of page {number}"
        assert all(baseline - 0.3 * size > 0 for _, baseline, size in stamp_lines)

        # Nothing else on the page reaches down to the top of the stamp's box.
        stamp_top = max(max(ys) + 1, *(baseline + size for _, baseline, size in stamp_lines))
        for text, baseline, size in others:
            assert baseline - 0.3 * size > stamp_top + PADDING, (
                f"page {number}: {text!r} lies under the stamp"
            )
        body_read += "".join(squeezed(text) for text, _, _ in others)

    # Read page after page without the stamps, the whole guidance is there, in order.
    start = 0
    for paragraph in PARAGRAPHS:
        found = body_read.find(squeezed(paragraph), start)
        assert found >= 0, f"not printed, or not in order: {paragraph!r}"
        start = found + 1
