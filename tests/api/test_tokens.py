"""Tokens: hashed, shown once, scoped, expiring, revocable, last use recorded, throttled."""

import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.management import call_command
from django.utils import timezone

from koers.api.models import ApiToken
from koers.api.services import api_token_create, api_token_revoke
from koers.api.tokens import token_hash
from koers.audit.models import ChangeRecord

from .conftest import TokenClient


def test_only_the_hash_is_stored_and_it_is_on_record(world):
    token, secret = api_token_create(
        by=world.coordinator, organisation=world.a, scope="read", name="BI"
    )
    assert secret.startswith("koers_") and len(secret) > 40
    stored = ApiToken.objects.get(pk=token.pk)
    assert stored.key_hash == token_hash(secret) and secret not in stored.key_hash
    assert stored.prefix == secret[:12]
    record = ChangeRecord.objects.get(
        object_id=token.pk, action="created", content_type__model="apitoken"
    )
    assert secret not in str(record.changes)
    assert record.actor == world.coordinator


def test_who_may_make_which_token(world):
    with pytest.raises(PermissionDenied):
        api_token_create(by=world.member, organisation=world.a, scope="read", name="x")
    with pytest.raises(PermissionDenied):
        api_token_create(
            by=world.viewer, organisation=world.a, scope="write", name="x", user=world.viewer
        )
    with pytest.raises(PermissionDenied):
        api_token_create(
            by=world.member, organisation=world.a, scope="read", name="x", user=world.coordinator
        )
    with pytest.raises(ValidationError):
        api_token_create(by=None, organisation=world.a, scope="admin", name="x")
    with pytest.raises(ValidationError):
        api_token_create(by=None, organisation=world.b, scope="read", name="x", user=world.member)
    token, _ = api_token_create(
        by=world.viewer, organisation=world.a, scope="read", name="x", user=world.viewer
    )
    assert token.is_personal


def test_last_use_revocation_and_expiry(world):
    token, secret = api_token_create(by=None, organisation=world.a, scope="read", name="x")
    client = TokenClient(secret)
    assert client.get("/api/v1/projects").status_code == 200
    token.refresh_from_db()
    assert token.last_used_at is not None
    with pytest.raises(PermissionDenied):
        api_token_revoke(token=token, by=world.member)
    api_token_revoke(token=token, by=world.coordinator)
    assert client.get("/api/v1/projects").status_code == 401
    expiring, secret = api_token_create(
        by=None,
        organisation=world.a,
        scope="read",
        name="y",
        expires_at=timezone.now() + datetime.timedelta(days=1),
    )
    assert TokenClient(secret).get("/api/v1/projects").status_code == 200
    ApiToken.objects.filter(pk=expiring.pk).update(expires_at=timezone.now())
    assert TokenClient(secret).get("/api/v1/projects").status_code == 401


def test_a_personal_token_stops_when_its_person_leaves(world):
    from koers.organisations.models import Membership

    _, secret = api_token_create(
        by=None, organisation=world.a, scope="read", name="x", user=world.member
    )
    Membership.objects.filter(user=world.member).delete()
    assert TokenClient(secret).get("/api/v1/projects").status_code == 401


def test_command_prints_only_the_token(world, capsys):
    call_command("api_token", "create", "--organisation", world.a.slug, "--scope", "read")
    out = capsys.readouterr().out.strip()
    assert out.startswith("koers_") and "\n" not in out
    assert ApiToken.objects.get(key_hash=token_hash(out)).user is None
    call_command(
        "api_token",
        "create",
        "--organisation",
        world.a.slug,
        "--scope",
        "write",
        "--user",
        world.member.username,
    )
    personal = capsys.readouterr().out.strip()
    assert ApiToken.objects.get(key_hash=token_hash(personal)).user == world.member
    assert TokenClient(personal).get("/api/v1/projects").status_code == 200


def test_throttled_per_token_with_a_problem(world, settings):
    settings.KOERS_API_RATE = "3/hour"
    _, first = api_token_create(by=None, organisation=world.a, scope="read", name="x")
    _, second = api_token_create(by=None, organisation=world.a, scope="read", name="y")
    client = TokenClient(first)
    assert [client.get("/api/v1/projects").status_code for _ in range(4)] == [200, 200, 200, 429]
    refused = client.get("/api/v1/projects")
    assert refused["Content-Type"] == "application/problem+json"
    assert int(refused["Retry-After"]) > 0
    assert TokenClient(second).get("/api/v1/projects").status_code == 200


def test_session_sign_in_reads_and_needs_csrf_to_write(world):
    from django.test import Client

    browser = Client(enforce_csrf_checks=True)
    browser.force_login(world.coordinator)
    assert browser.get("/api/v1/projects").status_code == 200
    response = browser.patch(
        f"/api/v1/projects/{world.project.pk}",
        {"title": "x"},
        content_type="application/json",
        headers={"if-match": '"1"'},
    )
    assert response.status_code == 403
    assert "CSRF" in response.json()["detail"]
