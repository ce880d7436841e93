import os
import secrets
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]


def production_environment():
    values = {}
    for line in (ROOT / "docs/production.env").read_text().splitlines():
        if line.strip() and not line.startswith("#"):
            name, _, value = line.partition("=")
            values[name] = value
    values["SECRET_KEY"] = secrets.token_urlsafe(50)
    values["DATABASE_URL"] = os.environ["DATABASE_URL"]
    return values


def manage(*args, env):
    env.pop("DJANGO_ALLOW_ASYNC_UNSAFE", None)  # set by the browser tests for their own thread
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_check_deploy_reports_nothing_with_the_documented_production_settings():
    env = {**os.environ, **production_environment()}
    result = manage("check", "--deploy", "--fail-level", "WARNING", env=env)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "System check identified no issues" in result.stdout


@pytest.mark.parametrize(
    "name, value",
    [
        ("DEBUG", "perhaps"),
        ("SECURE_HSTS_SECONDS", "a year"),
        ("DATABASE_URL", "sqlite:///db.sqlite3"),
    ],
)
def test_a_bad_setting_stops_the_portal_with_its_name(name, value):
    env = {**os.environ, **production_environment(), name: value}
    result = manage("check", env=env)
    assert result.returncode != 0
    assert name in result.stderr or "PostgreSQL" in result.stderr
