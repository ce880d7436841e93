"""`make run` points the links in its e-mails at the address it serves."""

import os
import shutil
import subprocess
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]

# Runs only RUN_ENV through the shell, as the run target's recipes do; nothing is built or served.
SHOW_RUN_ENV = "show-run-env:\n\t@$(RUN_ENV) sh -c 'echo \"$$PORTAL_BASE_URL\"'\n"


def base_url_under_make_run(*make_arguments, **environment):
    unset = {"PORTAL_BASE_URL", "HOST", "PORT", "MAKEFLAGS"}  # so that only the test sets them
    env = {k: v for k, v in os.environ.items() if k not in unset} | environment
    env.setdefault("DATABASE_URL", "postgres://unused/unused")  # the Makefile starts no database
    result = subprocess.run(
        ["make", "--no-print-directory", "-f", "Makefile", "-f", "-", *make_arguments],
        input=SHOW_RUN_ENV,
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        check=True,
        timeout=30,
    )
    return result.stdout.strip()


pytestmark = pytest.mark.skipif(shutil.which("make") is None, reason="needs make")


def test_make_run_links_email_to_the_host_and_port_it_serves():
    assert base_url_under_make_run("show-run-env") == "http://127.0.0.1:8000"
    assert base_url_under_make_run("show-run-env", "HOST=0.0.0.0", "PORT=9000") == (
        "http://0.0.0.0:9000"
    )


def test_make_run_keeps_a_base_url_the_person_has_set():
    assert (
        base_url_under_make_run("show-run-env", PORTAL_BASE_URL="https://pathways.example.scot")
        == "https://pathways.example.scot"
    )
