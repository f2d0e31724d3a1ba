"""Production settings: `check --deploy` finds nothing, and without DATABASE_URL (or the
secret key) the settings refuse to load instead of quietly using SQLite."""

import os
import secrets
import subprocess
import sys

import pytest


def _koers(*args, **env):
    base = {
        k: v
        for k, v in os.environ.items()
        if not k.startswith(("KOERS_", "DATABASE_URL", "DJANGO_"))
    }
    return subprocess.run(
        [sys.executable, "-m", "koers.cli", *args],
        env={**base, "DJANGO_SETTINGS_MODULE": "koers.conf.production", **env},
        capture_output=True,
        text=True,
    )


GOOD = {
    "KOERS_SECRET_KEY": secrets.token_urlsafe(60),
    "DATABASE_URL": "postgres://koers:koers@127.0.0.1:54329/koers",
    "KOERS_ALLOWED_HOSTS": "koers.example.nl",
}


def test_check_deploy_reports_nothing():
    result = _koers("check", "--deploy", "--fail-level", "WARNING", **GOOD)
    assert result.returncode == 0, result.stderr
    assert "System check identified no issues (0 silenced)." in result.stdout


@pytest.mark.parametrize(
    "missing, named", [("DATABASE_URL", "DATABASE_URL"), ("KOERS_SECRET_KEY", "KOERS_SECRET_KEY")]
)
def test_production_refuses_to_start_without(missing, named):
    env = {k: v for k, v in GOOD.items() if k != missing}
    result = _koers("check", **env)
    assert result.returncode != 0
    assert "ImproperlyConfigured" in result.stderr and named in result.stderr
    assert "never falls back to SQLite" in result.stderr or missing != "DATABASE_URL"


def test_production_connections_persist_and_skip_jit():
    """Production keeps a connection per process and turns PostgreSQL's JIT off: compiling
    the header's notice count cost ~90 ms of database CPU per page for 0.1 ms of work."""
    script = (
        "from django.conf import settings; d = settings.DATABASES['default']; "
        "print(d['CONN_MAX_AGE'], d['CONN_HEALTH_CHECKS'], d['OPTIONS']['options'])"
    )
    result = _koers("shell", "-c", script, **GOOD)
    assert result.returncode == 0, result.stderr
    assert result.stdout.splitlines()[-1].split() == ["600", "True", "-c", "jit=off"]


def test_production_on_sqlite_opens_its_database(tmp_path):
    """SQLite is a documented set-up for one organisation: the PostgreSQL-only connection
    options must not reach it (sqlite3 refuses unknown keyword arguments)."""
    env = {**GOOD, "DATABASE_URL": f"sqlite:///{tmp_path / 'koers.sqlite3'}"}
    script = (
        "from django.db import connection; connection.cursor().execute('select 1'); print('ok')"
    )
    result = _koers("shell", "-c", script, **env)
    assert result.returncode == 0, result.stderr
    assert result.stdout.splitlines()[-1] == "ok"
