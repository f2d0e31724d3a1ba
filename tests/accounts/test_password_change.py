"""Changing one's password while signed in: the old password must be right, the new one
passes the house's validators (messages in Dutch and English), the session stays signed in
and the change is in the account's history. People who sign in with their organisation's
account (OIDC, no password in Koers) neither see the link nor reach the page."""

from django.contrib.auth import SESSION_KEY
from django.test import Client
from django.urls import reverse

from koers.audit.models import ChangeRecord

OLD = "secret-pass-123"  # the factories' password
NEW = "Zeven-brug-Lantaarn-48"


def signed_in(user, language: str = "nl") -> Client:
    client = Client()
    client.force_login(user)
    client.cookies["django_language"] = language
    return client


def change(client: Client, old: str, new: str, again: str | None = None):
    return client.post(
        reverse("password_change"),
        {"old_password": old, "new_password1": new, "new_password2": again or new},
    )


def test_the_security_page_links_to_the_change(world):
    page = signed_in(world.member).get(reverse("account_security")).content.decode()
    assert f'href="{reverse("password_change")}">Je wachtwoord wijzigen</a>' in page
    form = signed_in(world.member, "en").get(reverse("password_change"))
    assert form.status_code == 200
    html = form.content.decode()
    assert "<h1" in html and "Change your password" in html
    assert 'name="old_password"' in html and 'autocomplete="new-password"' in html


def test_a_good_change_keeps_one_signed_in_and_is_recorded(world):
    elsewhere = signed_in(world.member)  # the same person on another device
    client = signed_in(world.member)
    response = change(client, OLD, NEW)
    assert response.status_code == 302 and response["Location"] == reverse("password_change_done")
    world.member.refresh_from_db()
    assert world.member.check_password(NEW)
    assert client.session[SESSION_KEY] == str(world.member.pk)  # still signed in here
    done = client.get(response["Location"]).content.decode()
    assert "Je wachtwoord is gewijzigd" in done
    record = ChangeRecord.objects.get(action="password_changed")
    assert record.actor == world.member and record.object_id == world.member.pk
    # The other device's session was made with the old password: it is signed out.
    assert elsewhere.get(reverse("web:home"))["Location"].startswith(reverse("login"))


def test_a_wrong_old_password_changes_nothing(world):
    response = change(signed_in(world.member), "niet-mijn-wachtwoord", NEW)
    assert response.status_code == 200
    assert "Dit is niet je huidige wachtwoord. Er is niets gewijzigd." in response.content.decode()
    world.member.refresh_from_db()
    assert world.member.check_password(OLD)
    assert not ChangeRecord.objects.filter(action="password_changed").exists()


def test_a_weak_new_password_is_refused_in_the_users_language(world):
    common = change(signed_in(world.member), OLD, "wachtwoord").content.decode()
    assert "Dit wachtwoord is te algemeen." in common
    short = change(signed_in(world.member), OLD, "b7Xq-").content.decode()
    assert "Dit wachtwoord is te kort: het moet minstens 8 tekens lang zijn." in short
    assert "Je wachtwoord mag geen veelgebruikt wachtwoord zijn." in short  # the help, as "je"
    en = change(signed_in(world.member, "en"), OLD, "12345678").content.decode()
    assert "This password is too common." in en and "This password is entirely numeric." not in en
    mismatch = change(signed_in(world.member, "en"), OLD, NEW, NEW + "x").content.decode()
    assert "The two new passwords are not the same." in mismatch
    world.member.refresh_from_db()
    assert world.member.check_password(OLD)


def test_people_signing_in_with_their_organisations_account_have_no_password_here(world):
    world.member.set_unusable_password()
    world.member.save()
    client = signed_in(world.member)
    page = client.get(reverse("account_security")).content.decode()
    assert reverse("password_change") not in page
    response = client.get(reverse("password_change"), follow=True)
    assert response.redirect_chain == [(reverse("account_security"), 302)]
    assert "wijzig je wachtwoord daar" in response.content.decode()
    assert change(client, "", NEW).status_code == 302
    world.member.refresh_from_db()
    assert not world.member.has_usable_password()


def test_strangers_are_sent_to_sign_in(client, db):
    response = client.get(reverse("password_change"))
    assert response.status_code == 302 and response["Location"].startswith(reverse("login"))
