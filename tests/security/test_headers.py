import pytest
from django.urls import path

from scn_portal import urls as portal_urls

pytestmark = pytest.mark.django_db

EXPECTED = {
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "same-origin",
    "Cross-Origin-Opener-Policy": "same-origin",
    "X-Frame-Options": "DENY",
}


def assert_secure_headers(response):
    for name, value in EXPECTED.items():
        assert response[name] == value, name
    policy = response["Content-Security-Policy"]
    for directive in [
        "default-src 'self'",
        "script-src 'self'",
        "img-src 'self'",
        "frame-ancestors 'none'",
        "object-src 'none'",
        "base-uri 'none'",
    ]:
        assert directive in policy
    assert "unsafe-inline" not in policy and "unsafe-eval" not in policy


def boom(request):
    raise RuntimeError("a bug")


urlpatterns = [path("boom/", boom), *portal_urls.urlpatterns]


@pytest.mark.parametrize(
    "path",
    [
        "/",
        "/pathways/",
        "/no-such-page/",
        "/healthz",
        "/robots.txt",
        "/accounts/login/",
        "/admin/login/",
    ],
)
def test_every_response_carries_the_security_headers(client, settings, path):
    settings.SECURE_HSTS_SECONDS = 31536000
    response = client.get(path, secure=True)
    assert_secure_headers(response)
    assert response["Strict-Transport-Security"].startswith("max-age=31536000")


def test_a_500_uses_the_site_page_reveals_nothing_and_keeps_the_headers(client, settings):
    settings.ROOT_URLCONF = __name__
    client.raise_request_exception = False
    response = client.get("/boom/")
    html = response.content.decode()
    assert response.status_code == 500
    assert "Sorry, there is a problem with the service" in html
    assert "RuntimeError" not in html and "Traceback" not in html
    assert_secure_headers(response)


def test_a_404_uses_the_site_page(client):
    response = client.get("/pathways/nothing-here/versions/1.0/")
    assert response.status_code == 404 and "Page not found" in response.content.decode()
    assert_secure_headers(response)


def test_cookies_are_secure_httponly_and_samesite_in_production(client, author):
    response = client.post(
        "/accounts/login/", {"username": author.username, "password": "a-long-test-password-1"}
    )
    cookie = response.cookies["sessionid"]
    assert cookie["secure"] and cookie["httponly"] and cookie["samesite"] == "Lax"
