import re
from pathlib import Path

import pytest
from django.contrib.staticfiles.storage import staticfiles_storage
from django.urls import reverse

pytestmark = pytest.mark.django_db


def test_every_page_has_the_service_name_skip_link_main_landmark_and_footer(client, woscan):
    for url in ["/", reverse("networks:list"), woscan.get_absolute_url(), "/no-such-page/"]:
        html = client.get(url).content.decode()
        assert 'href="#maincontent">Skip to main content</a>' in html, url
        assert "Scottish Cancer Network pathways" in html, url
        assert '<main class="nhsuk-main-wrapper" id="maincontent">' in html, url
        assert '<footer class="nhsuk-footer"' in html, url


def test_static_files_have_hashed_names_and_no_page_loads_anything_from_another_site(client):
    html = client.get("/").content.decode()
    assert "/static/nhsuk/nhsuk-frontend." in html
    assert "/static/nhsuk/nhsuk-frontend.css" not in html  # hashed, so cacheable for ever
    assert "https://" not in html.split("<body")[0]


def test_breadcrumbs_lead_back_to_the_directory(client, woscan):
    html = client.get(woscan.get_absolute_url()).content.decode()
    assert 'aria-label="Breadcrumb"' in html
    assert f'href="{reverse("networks:list")}">Networks</a>' in html


def test_pages_carry_a_strict_content_security_policy(client):
    policy = client.get("/")["Content-Security-Policy"]
    assert "script-src 'self'" in policy
    assert "frame-ancestors 'none'" in policy
    assert "unsafe-inline" not in policy


def test_unknown_pages_get_the_site_404_page(client):
    response = client.get("/pathways-that-do-not-exist/")
    assert response.status_code == 404
    assert "Page not found" in response.content.decode()


def test_robots_txt_keeps_crawlers_out_of_the_admin(client):
    response = client.get("/robots.txt")
    assert response.status_code == 200
    assert "Disallow: /admin/" in response.content.decode()


def _streamed(response):
    return b"".join(response.streaming_content)


def test_static_files_are_served_brotli_compressed_to_browsers_that_accept_it(client):
    url = staticfiles_storage.url("nhsuk/nhsuk-frontend.css")
    brotli = client.get(url, HTTP_ACCEPT_ENCODING="br, gzip")
    gzipped = client.get(url, HTTP_ACCEPT_ENCODING="gzip")
    assert brotli["Content-Encoding"] == "br" and gzipped["Content-Encoding"] == "gzip"
    assert len(_streamed(brotli)) < len(_streamed(gzipped))


def test_the_frontend_module_is_preloaded_at_the_address_portal_js_imports(client):
    html = client.get("/").content.decode()
    preloaded = re.search(r'<link rel="modulepreload" href="([^"]+)">', html)[1]
    portal_js = staticfiles_storage.path(staticfiles_storage.stored_name("js/portal.js"))
    imported = re.search(r'from "\.\./nhsuk/([^"]+)"', Path(portal_js).read_text())[1]
    assert preloaded == staticfiles_storage.url("nhsuk/nhsuk-frontend.min.js")
    assert preloaded.endswith("/nhsuk/" + imported)
