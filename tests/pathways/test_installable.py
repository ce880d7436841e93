"""The web app manifest and the service worker: served as browsers require them, the worker
from the site root and never stale (public_site/app_views.py, static/js/sw.js)."""

import json
import re
import shutil
import subprocess

import pytest
from django.contrib.staticfiles import finders
from django.contrib.staticfiles.storage import staticfiles_storage
from django.core.files.storage import FileSystemStorage

from public_site import app_views

pytestmark = pytest.mark.django_db

SOURCE = finders.find("js/sw.js")


def test_the_manifest_is_json_with_what_installing_needs(client):
    response = client.get("/manifest.webmanifest")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/manifest+json"
    assert response["Cache-Control"] == "public, max-age=0, must-revalidate"
    manifest = json.loads(response.content)
    assert manifest["name"] == "SCN Pathways"
    assert 0 < len(manifest["short_name"]) <= 12
    assert manifest["start_url"] == "/"
    assert manifest["scope"] == "/"
    assert manifest["display"] == "standalone"
    assert manifest["theme_color"] == "#005eb8"
    assert manifest["background_color"] == "#f0f4f5"
    sizes = {icon["sizes"] for icon in manifest["icons"] if icon.get("purpose", "any") == "any"}
    assert {"192x192", "512x512"} <= sizes
    for icon in manifest["icons"]:
        assert icon["type"] == "image/png"
        # The content-hashed name of a collected file, as every static URL in production.
        assert re.fullmatch(r"/static/icons/icon-(192|512)\.[0-9a-f]{12}\.png", icon["src"])
        assert staticfiles_storage.exists(icon["src"].removeprefix("/static/"))


def test_the_icons_are_the_sizes_they_say():
    from PIL import Image

    for size in app_views.ICON_SIZES:
        with Image.open(finders.find(f"icons/icon-{size}.png")) as image:
            assert image.size == (size, size)
            assert image.getpixel((0, 0))[:3] == (0, 94, 184)  # NHS blue


def test_the_worker_is_served_from_the_root_as_javascript_never_kept_stale(client):
    response = client.get("/sw.js")
    assert response.status_code == 200
    assert response["Content-Type"].split(";")[0] == "application/javascript"
    assert response["Cache-Control"] == "no-cache"
    assert "Service-Worker-Allowed" not in response  # its own folder, /, is its scope
    body = response.content.decode()
    assert body.endswith(staticfiles_storage.open("js/sw.js").read().decode())
    again = client.get("/sw.js", HTTP_IF_NONE_MATCH=response["ETag"])
    assert again.status_code == 304
    assert again["Cache-Control"] == "no-cache"


def test_the_worker_keeps_the_files_pages_use_by_their_hashed_names(client, published):
    body = client.get("/sw.js").content.decode()
    config = json.loads(re.search(r"self\.SCN_WORKER = (\{.*?\});\n", body, re.S).group(1))
    page = client.get(f"/pathways/{published.pathway.slug}/").content.decode()
    for name in ("nhsuk/nhsuk-frontend.css", "css/portal.css", "js/portal.js"):
        url = staticfiles_storage.url(name)
        assert url in config["precache"]
        assert f'"{url}"' in page
    for url in config["precache"]:
        assert staticfiles_storage.exists(url.removeprefix("/static/")), url
    assert re.fullmatch(r"[0-9a-f]{12}", config["version"])


@pytest.mark.skipif(not shutil.which("node"), reason="node checks the worker's syntax")
def test_the_served_worker_is_valid_javascript(client, tmp_path):
    script = tmp_path / "sw.js"
    script.write_bytes(client.get("/sw.js").content)
    subprocess.run(["node", "--check", str(script)], check=True, capture_output=True)


def test_the_worker_served_is_the_file_as_collected_now(client, tmp_path, monkeypatch):
    """Read on every request: a new collection is served at once, with a new validator."""
    (tmp_path / "js").mkdir()
    collected = tmp_path / "js/sw.js"
    collected.write_text("// release one\n")
    monkeypatch.setattr(app_views, "staticfiles_storage", FileSystemStorage(location=tmp_path))
    first = client.get("/sw.js")
    assert first.content.decode().endswith("// release one\n")
    collected.write_text("// release two\n")
    second = client.get("/sw.js", HTTP_IF_NONE_MATCH=first["ETag"])
    assert second.status_code == 200
    assert second.content.decode().endswith("// release two\n")


def test_the_worker_under_debug_is_the_source_file(client, settings):
    settings.DEBUG = True
    body = client.get("/sw.js").content.decode()
    with open(SOURCE, encoding="utf-8") as source:
        assert body.endswith(source.read())


def test_every_page_links_the_manifest_and_has_the_offline_marker(client, published):
    for path in ("/", f"/pathways/{published.pathway.slug}/", "/no-such-page/"):
        page = client.get(path).content.decode()
        assert '<link rel="manifest" href="/manifest.webmanifest">' in page, path
        assert re.search(
            r'<main [^>]*>\s*<div class="portal-offline-banner" hidden data-offline-banner></div>',
            page,
        ), path


def test_a_pathway_page_anyone_may_read_is_one_the_worker_may_keep(client, published):
    """The worker keeps a page only when the portal marks it public (static/js/sw.js)."""
    response = client.get(f"/pathways/{published.pathway.slug}/")
    assert response["Cache-Control"].startswith("public")
    assert response["Content-Type"].startswith("text/html")
    assert response["ETag"]
