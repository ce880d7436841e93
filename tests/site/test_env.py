import pytest
from django.core.exceptions import ImproperlyConfigured

from scn_portal.env import env_bool, env_int, env_list, env_str


def test_a_missing_required_variable_is_named_in_the_error(monkeypatch):
    monkeypatch.delenv("PORTAL_TEST_VALUE", raising=False)
    with pytest.raises(ImproperlyConfigured, match="PORTAL_TEST_VALUE must be set"):
        env_str("PORTAL_TEST_VALUE")


@pytest.mark.parametrize("raw, expected", [("1", True), ("yes", True), ("off", False), ("", False)])
def test_booleans_are_read_in_their_usual_spellings(monkeypatch, raw, expected):
    monkeypatch.setenv("PORTAL_TEST_VALUE", raw)
    assert env_bool("PORTAL_TEST_VALUE") is expected


def test_an_unreadable_boolean_fails_loudly(monkeypatch):
    monkeypatch.setenv("PORTAL_TEST_VALUE", "sometimes")
    with pytest.raises(ImproperlyConfigured, match="PORTAL_TEST_VALUE='sometimes'"):
        env_bool("PORTAL_TEST_VALUE")


def test_numbers_are_checked(monkeypatch):
    monkeypatch.setenv("PORTAL_TEST_VALUE", "ten")
    with pytest.raises(ImproperlyConfigured, match="not a whole number"):
        env_int("PORTAL_TEST_VALUE", default=1)
    monkeypatch.setenv("PORTAL_TEST_VALUE", "-1")
    with pytest.raises(ImproperlyConfigured, match="at least 0"):
        env_int("PORTAL_TEST_VALUE", default=1, minimum=0)


def test_lists_drop_blank_items(monkeypatch):
    monkeypatch.setenv("PORTAL_TEST_VALUE", " a.example, ,b.example ")
    assert env_list("PORTAL_TEST_VALUE") == ["a.example", "b.example"]
    monkeypatch.delenv("PORTAL_TEST_VALUE")
    assert env_list("PORTAL_TEST_VALUE", default=("x",)) == ["x"]


@pytest.mark.parametrize("rate, accepted", [("120/minute", True), ("5/s", True), ("fast", False)])
def test_the_api_rate_is_checked_at_start_up(rate, accepted):
    import os
    import subprocess
    import sys

    result = subprocess.run(
        [sys.executable, "-c", "import scn_portal.settings"],
        env={**os.environ, "API_THROTTLE_RATE": rate},
        capture_output=True,
        text=True,
    )
    assert (result.returncode == 0) is accepted, result.stderr
    if not accepted:
        assert "API_THROTTLE_RATE: 'fast' is not a rate" in result.stderr
