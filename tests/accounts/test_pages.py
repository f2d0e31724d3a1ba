"""The account pages answer in the site's look, refuse strangers, and a bad invitation link
gets a clear page that changes nothing."""

import re

import pytest
from django.contrib.auth import get_user_model
from django.urls import reverse

from koers.accounts import services
from koers.accounts.models import Invitation
from koers.organisations.models import Membership, Role

SITE = "http://testserver/"


@pytest.mark.parametrize("name", ["help", "accessibility", "privacy"])
@pytest.mark.parametrize("language, word", [("nl", "Koers"), ("en", "Koers")])
def test_statements_are_public_in_both_languages(client, db, name, language, word):
    client.cookies["django_language"] = language
    response = client.get(reverse(f"web:{name}"))
    assert response.status_code == 200
    assert f'lang="{language}"' in response.content.decode()


def test_a_forged_link_gets_a_clear_page(client, db):
    response = client.get(reverse("invitation_accept", args=["made-up-token"]))
    assert response.status_code == 404
    assert "herkennen deze link niet" in response.content.decode()


def test_accepting_through_the_page_signs_the_new_user_in(
    client, world, mailoutbox, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        services.invitation_create(
            by=world.coordinator,
            organisation=world.a,
            email="nina@aastad.nl",
            role=Role.MEMBER,
            site_url=SITE,
        )
    link = re.search(r"http://testserver(/accounts/invitation/\S+/)", mailoutbox[0].body).group(1)
    page = client.get(link)
    assert page.status_code == 200
    done = client.post(
        link,
        {
            "first_name": "Nina",
            "last_name": "N",
            "password1": "lang-genoeg-42",
            "password2": "lang-genoeg-42",
        },
    )
    assert done.status_code == 302 and done.url == reverse("web:home")
    user = get_user_model().objects.get(email="nina@aastad.nl")
    assert int(client.session["_auth_user_id"]) == user.pk
    again = client.get(link)
    assert again.status_code == 410


def test_posting_to_a_revoked_link_changes_nothing(client, world):
    invitation = services.invitation_create(
        by=world.coordinator,
        organisation=world.a,
        email="nina@aastad.nl",
        role=Role.MEMBER,
        site_url=SITE,
    )
    # The token is only in the mail; make one we know for this test.
    from koers.accounts import tokens

    Invitation.objects.filter(pk=invitation.pk).update(
        token_hash=tokens.token_hash("known"), status="revoked"
    )
    response = client.post(
        reverse("invitation_accept", args=["known"]),
        {
            "first_name": "N",
            "last_name": "N",
            "password1": "lang-genoeg-42",
            "password2": "lang-genoeg-42",
        },
    )
    assert response.status_code == 410
    assert not get_user_model().objects.filter(email="nina@aastad.nl").exists()


@pytest.mark.parametrize(
    "who, status",
    [("admin", 200), ("coordinator", 200), ("member", 404), ("b_coordinator", 404)],
)
def test_member_pages_are_for_the_organisations_coordinators(client, world, who, status):
    client.force_login(getattr(world, who))
    assert client.get(reverse("web:org_members", args=[world.a.slug])).status_code == status
    assert client.get(reverse("web:org_invitations", args=[world.a.slug])).status_code == status
    assert client.get(reverse("web:org_invite_bulk", args=[world.a.slug])).status_code == status


def test_settings_page_is_for_administrators(client, world):
    client.force_login(world.coordinator)
    assert client.get(reverse("web:org_settings", args=[world.a.slug])).status_code == 403
    client.force_login(world.admin)
    assert client.get(reverse("web:org_settings", args=[world.a.slug])).status_code == 200


def test_bulk_page_previews_then_sends_all(
    client, world, mailoutbox, django_capture_on_commit_callbacks
):
    client.force_login(world.coordinator)
    url = reverse("web:org_invite_bulk", args=[world.a.slug])
    preview = client.post(url, {"addresses": "ada@x.nl\nbob@x.nl", "role": "member"})
    assert preview.status_code == 200 and not Invitation.objects.exists()
    rows = preview.context["rows_csv"]
    with django_capture_on_commit_callbacks(execute=True):
        sent = client.post(url, {"confirm": "1", "rows": rows})
    assert sent.status_code == 302
    assert sorted(Invitation.objects.values_list("email", flat=True)) == ["ada@x.nl", "bob@x.nl"]
    assert len(mailoutbox) == 2


def test_role_change_through_the_page(client, world):
    client.force_login(world.admin)
    url = reverse("web:org_member_role", args=[world.a.slug, world.viewer.pk])
    assert client.post(url, {"role": "coordinator"}).status_code == 302
    assert Membership.objects.get(user=world.viewer, organisation=world.a).role == "coordinator"


def test_password_reset_mails_a_working_link(client, world, mailoutbox):
    world.member.email = "lid@aastad.nl"
    world.member.save()
    response = client.post(reverse("password_reset"), {"email": "lid@aastad.nl"})
    assert response.status_code == 302 and response.url == reverse("password_reset_done")
    link = re.search(r"http://testserver(/accounts/reset/\S+/)", mailoutbox[0].body).group(1)
    form = client.get(link, follow=True)
    assert form.status_code == 200 and form.context["validlink"]
    done = client.post(
        form.redirect_chain[-1][0],
        {"new_password1": "nieuw-wachtwoord-9", "new_password2": "nieuw-wachtwoord-9"},
    )
    assert done.status_code == 302 and done.url == reverse("password_reset_complete")
    world.member.refresh_from_db()
    assert world.member.check_password("nieuw-wachtwoord-9")
