"""/healthz says the process answers; /readyz says it can serve (database reachable,
migrations applied, cache reachable), whatever the Host header and over plain HTTP."""

import json
from unittest import mock

import pytest
from django.db import OperationalError, connection
from django.db.migrations.recorder import MigrationRecorder


def _get(client, path):
    response = client.get(path, HTTP_HOST="10.0.0.7")  # a load balancer probes by address
    return response.status_code, json.loads(response.content), response


def test_alive_without_touching_the_database(client):
    # No database fixture: any query here would fail the test.
    status, body, response = _get(client, "/healthz")
    assert (status, body) == (200, {"status": "alive"})
    assert response["Cache-Control"] == "no-store" and "Set-Cookie" not in response


@pytest.mark.django_db
def test_ready_when_the_database_is_migrated(client):
    status, body, _ = _get(client, "/readyz")
    assert status == 200
    assert body == {"status": "ready", "database": "ok", "migrations": "ok", "cache": "ok"}


@pytest.mark.django_db
def test_not_ready_while_a_migration_is_missing(client):
    MigrationRecorder.Migration.objects.filter(app="projects").order_by("-id").first().delete()
    status, body, _ = _get(client, "/readyz")
    assert status == 503
    assert body["status"] == "not ready" and body["migrations"] == "not applied"


@pytest.mark.django_db
def test_not_ready_when_the_database_is_unreachable(client):
    with mock.patch.object(connection, "cursor", side_effect=OperationalError("down")):
        status, body, _ = _get(client, "/readyz")
    assert status == 503
    assert body == {"status": "not ready", "database": "unreachable: OperationalError"}
