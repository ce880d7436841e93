"""The documented nginx configuration, run for real in front of the portal."""

import gzip
import http.client
import shutil
import socket
import ssl
import subprocess
import time
from pathlib import Path

import pytest

from tests.ports import free_port

pytestmark = pytest.mark.django_db(transaction=True)

CONFIG = Path(__file__).resolve().parents[2] / "docs/nginx/scn-portal.conf"


@pytest.fixture
def nginx(tmp_path, live_url, settings):
    binary = shutil.which("nginx") or "/usr/sbin/nginx"
    if not Path(binary).exists():
        pytest.fail("nginx is needed for this test: apt-get install nginx (.ci/run installs it)")
    settings.SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    settings.SECURE_HSTS_SECONDS = 31536000
    subprocess.run(
        [
            "openssl",
            "req",
            "-x509",
            "-newkey",
            "rsa:2048",
            "-nodes",
            "-days",
            "1",
            "-subj",
            "/CN=127.0.0.1",
            "-keyout",
            tmp_path / "key.pem",
            "-out",
            tmp_path / "cert.pem",
        ],
        check=True,
        capture_output=True,
    )
    http_port, https_port = free_port(), free_port()
    site = (
        CONFIG.read_text()
        .replace(
            "127.0.0.1:8000", live_url.removeprefix("http://").replace("localhost", "127.0.0.1")
        )
        .replace("listen 80;", f"listen 127.0.0.1:{http_port};")
        .replace("listen 443 ssl http2;", f"listen 127.0.0.1:{https_port} ssl http2;")
        .replace("/etc/ssl/scn-portal/fullchain.pem", str(tmp_path / "cert.pem"))
        .replace("/etc/ssl/scn-portal/privkey.pem", str(tmp_path / "key.pem"))
    )
    (tmp_path / "site.conf").write_text(site)
    (tmp_path / "nginx.conf").write_text(f"""
        daemon off; pid {tmp_path}/nginx.pid; error_log {tmp_path}/error.log;
        events {{ worker_connections 64; }}
        http {{
            access_log off;
            client_body_temp_path {tmp_path}/body; proxy_temp_path {tmp_path}/proxy;
            fastcgi_temp_path {tmp_path}/fastcgi; uwsgi_temp_path {tmp_path}/uwsgi; scgi_temp_path {tmp_path}/scgi;
            include {tmp_path}/site.conf;
        }}""")
    check = subprocess.run(
        [binary, "-t", "-p", str(tmp_path), "-c", str(tmp_path / "nginx.conf")],
        capture_output=True,
        text=True,
    )
    assert check.returncode == 0, check.stderr
    server = subprocess.Popen(
        [binary, "-p", str(tmp_path), "-c", str(tmp_path / "nginx.conf")], stderr=subprocess.DEVNULL
    )
    for _ in range(50):
        try:
            socket.create_connection(("127.0.0.1", https_port), timeout=0.2).close()
            break
        except OSError:
            time.sleep(0.1)
    yield http_port, https_port
    server.terminate()
    server.wait()


def get(port, path, *, tls=True, method="GET", body=None, headers=None):
    context = ssl._create_unverified_context()
    connection = (
        http.client.HTTPSConnection("127.0.0.1", port, context=context, timeout=10)
        if tls
        else http.client.HTTPConnection("127.0.0.1", port, timeout=10)
    )
    connection.request(method, path, body=body, headers=headers or {})
    response = connection.getresponse()
    response.body = response.read()
    return response


def test_nginx_serves_the_portal_over_https_and_passes_the_scheme_on(
    reference_data, nginx, published
):
    _, https_port = nginx
    response = get(https_port, "/pathways/ovarian-cancer/")
    assert response.status == 200
    assert response.getheader("Strict-Transport-Security", "").startswith("max-age=31536000")
    assert response.getheader("Content-Security-Policy")


def test_nginx_sends_plain_http_to_https(nginx):
    http_port, _ = nginx
    response = get(http_port, "/pathways/", tls=False)
    assert response.status == 301
    assert response.getheader("Location").startswith("https://127.0.0.1")


def test_nginx_refuses_oversized_bodies_before_they_reach_a_worker(nginx):
    _, https_port = nginx
    assert (
        get(https_port, "/accounts/login/", method="POST", body=b"x" * (3 * 1024 * 1024)).status
        == 413
    )


@pytest.mark.parametrize(
    "path", ["/pathways/ovarian-cancer/", "/pathways/", "/feeds/", "/sitemap.xml"]
)
def test_nginx_compresses_pages_and_feeds_also_for_a_cdn(reference_data, nginx, published, path):
    _, https_port = nginx
    # A CDN's request carries Via: Debian's nginx compresses none of those unless told to.
    headers = {"Accept-Encoding": "gzip", "Via": "1.1 cdn.example"}
    response = get(https_port, path, headers=headers)
    assert response.status == 200
    assert response.getheader("Content-Encoding") == "gzip"
    assert "Accept-Encoding" in response.getheader("Vary", "")
    assert len(gzip.decompress(response.body)) > 2 * len(response.body)


def test_nginx_sends_uncompressed_pages_to_clients_that_ask_for_them(
    reference_data, nginx, published
):
    _, https_port = nginx
    response = get(https_port, "/pathways/ovarian-cancer/")
    assert response.status == 200 and response.getheader("Content-Encoding") is None
    assert b"Ovarian cancer" in response.body
