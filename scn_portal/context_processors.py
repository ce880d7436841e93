"""What every page's template is given, beyond Django's own context processors."""

from django.conf import settings

from networks import demo


def demo_content(request):
    """`demo_content` is true while the demonstration content is loaded, so that base.html
    says so on every page. It is never true with DEBUG off (load_demo refuses to run then),
    and with DEBUG off it costs nothing, not even a query."""
    return {"demo_content": settings.DEBUG and demo.is_loaded()}
