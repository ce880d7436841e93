"""What a printed pathway carries on every page: the QR code of the address that says whether
the copy is still current."""

import segno
from django import template
from django.urls import reverse
from django.utils.safestring import mark_safe

from accounts.links import absolute_url

register = template.Library()


@register.simple_tag
def verify_address(version):
    """The public address that checks `version`: /verify/<fingerprint>/."""
    return absolute_url(reverse("verify", args=[version.fingerprint]))


@register.simple_tag
def verify_qr(version):
    """The QR code of `version`'s verify address, as inline SVG made here from our own URL."""
    code = segno.make(verify_address(version), error="m")
    # One unit a module, a viewBox and no width or height: print.css gives it its printed size
    # (20 mm). With scale=2 segno scales the path by a transform, which Chromium's PDF output
    # dropped: the code came out at half its size in the corner of its box.
    svg = code.svg_inline(border=2, omitsize=True, title=f"QR code: check version {version.number}")
    return mark_safe(svg)  # segno's SVG of a URL we built: no outside text in it
