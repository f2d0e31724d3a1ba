"""Sign-in hardening: lockout per account and address after repeated failures, told in the
user's language and lifted by an administrator; a second step (TOTP) that administrators must
use and anyone may; sessions that end after inactivity; all of it in the history."""

import pytest
from django.conf import settings
from django.test import Client
from django.urls import reverse
from django_otp.oath import totp
from django_otp.plugins.otp_totp.models import TOTPDevice

from koers.accounts import two_factor
from koers.audit.models import ChangeRecord

LOGIN = "/accounts/login/"


def attempt(client, user, password):
    return client.post(LOGIN, {"username": user.username, "password": password})


def code_for(device: TOTPDevice) -> str:
    return f"{totp(device.bin_key, step=device.step, t0=device.t0, digits=device.digits):06d}"


def actions_on(user) -> list[str]:
    return list(
        ChangeRecord.objects.filter(content_type__model="user", object_id=user.pk)
        .order_by("at", "id")
        .values_list("action", flat=True)
    )


def test_failures_lock_the_account_from_that_address_until_an_administrator_unlocks(world):
    client = Client()
    for _ in range(settings.AXES_FAILURE_LIMIT - 1):
        assert attempt(client, world.member, "wrong").status_code == 200
    locked = attempt(client, world.member, "wrong")
    assert locked.status_code == 429
    assert "Inloggen is even geblokkeerd" in locked.content.decode()
    # The right password does not help while locked.
    assert attempt(client, world.member, "secret-pass-123").status_code == 429
    english = Client()
    english.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    assert "Signing in is blocked for now" in attempt(english, world.member, "x").content.decode()
    assert "locked_out" in actions_on(world.member)
    assert actions_on(world.member).count("sign_in_failed") >= settings.AXES_FAILURE_LIMIT

    admin = Client()
    admin.force_login(world.admin)
    members = admin.get(reverse("web:org_members", args=[world.a.slug])).content.decode()
    assert "geblokkeerd na mislukte inlogpogingen" in members
    admin.post(reverse("web:org_member_unlock", args=[world.a.slug, world.member.pk]))
    assert attempt(client, world.member, "secret-pass-123").status_code == 302
    assert actions_on(world.member)[-2:] == ["unlocked", "signed_in"]


def test_only_the_organisations_administrators_unlock(world):
    client = Client()
    client.force_login(world.coordinator)
    url = reverse("web:org_member_unlock", args=[world.a.slug, world.member.pk])
    assert client.post(url).status_code == 403
    client.force_login(world.b_coordinator)
    assert client.post(url).status_code == 404


def test_a_session_ends_after_eight_idle_hours_by_default():
    assert settings.SESSION_COOKIE_AGE == 8 * 3600 and settings.SESSION_SAVE_EVERY_REQUEST


def test_signing_in_and_out_is_in_the_history(world):
    client = Client()
    assert attempt(client, world.member, "secret-pass-123").status_code == 302
    client.post(reverse("logout"))
    assert actions_on(world.member) == ["signed_in", "signed_out"]


@pytest.fixture
def required(settings):
    settings.KOERS_ADMIN_TWO_FACTOR = True


def test_an_administrator_without_a_device_is_sent_to_set_one_up(world, required):
    client = Client()
    assert attempt(client, world.admin, "secret-pass-123").status_code == 302
    home = client.get("/")
    assert home.status_code == 302 and home.url.startswith(reverse("two_factor_setup"))
    setup = client.get(home.url)
    assert setup.status_code == 200 and "data:image/svg+xml" in setup.content.decode()
    device = TOTPDevice.objects.get(user=world.admin, confirmed=False)
    wrong = client.post(home.url, {"code": "000000" if code_for(device) != "000000" else "111111"})
    assert wrong.status_code == 200 and not TOTPDevice.objects.filter(confirmed=True).exists()
    done = client.post(home.url, {"code": code_for(device), "next": "/"})
    assert done.status_code == 302
    assert client.get("/").status_code == 200
    assert "two_factor_enabled" in actions_on(world.admin)


def test_a_member_is_not_forced_but_may_turn_it_on_and_off(world, required):
    client = Client()
    client.force_login(world.member)
    assert client.get("/").status_code == 200
    client.get(reverse("two_factor_setup"))
    device = TOTPDevice.objects.get(user=world.member)
    client.post(reverse("two_factor_setup"), {"code": code_for(device)})
    assert two_factor.two_factor_enabled(world.member)
    client.post(reverse("two_factor_disable"))
    assert not two_factor.two_factor_enabled(world.member)


def test_administrators_cannot_turn_it_off(world, required):
    TOTPDevice.objects.create(user=world.admin, name="Koers", confirmed=True)
    client = Client()
    client.force_login(world.admin)
    client.post(reverse("two_factor_disable"))
    assert two_factor.two_factor_enabled(world.admin)


def test_with_a_device_the_password_alone_does_not_open_koers(world):
    device = TOTPDevice.objects.create(user=world.member, name="Koers", confirmed=True)
    client = Client()
    attempt(client, world.member, "secret-pass-123")
    page = client.get(reverse("web:project", args=[world.project.pk]))
    assert page.status_code == 302 and page.url.startswith(reverse("two_factor_verify"))
    refused = client.post(reverse("two_factor_verify"), {"code": "12345x"})
    assert refused.status_code == 200 and "two_factor_failed" in actions_on(world.member)
    device.refresh_from_db()
    assert device.throttling_failure_count == 1  # a failure slows the next try down ...
    device.throttle_reset()  # ... for a second; the test does not wait on the clock
    # The right code opens Koers; a "next" that points elsewhere is ignored.
    ok = client.post(page.url, {"code": code_for(device), "next": "https://elsewhere.example/"})
    assert ok.status_code == 302 and ok.url == "/"
    assert client.get(reverse("web:project", args=[world.project.pk])).status_code == 200
