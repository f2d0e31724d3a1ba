"""Bringing people in, in a real browser with a real SMTP server on loopback: a coordinator
invites two colleagues, the mail arrives, an invitee follows the link, chooses a password and
lands on the home page; a forgotten password is reset by mail. axe-core checks every new
page, in Dutch and in English."""

import re

import pytest
from django.conf import settings
from django_otp.plugins.otp_totp.models import TOTPDevice
from playwright.sync_api import expect

from koers.assessments.services import scan_start
from koers.organisations.models import Membership, Role
from tests import mailserver
from tests.accounts.test_hardening import code_for
from tests.factories import OrganisationFactory, load_framework, make_project, member

from .conftest import check_accessibility, log_in

pytestmark = pytest.mark.e2e


@pytest.fixture
def inbox(settings):
    controller, inbox = mailserver.start(settings)
    yield inbox
    controller.stop()


def link_in(inbox, address: str, path: str) -> str:
    (message,) = inbox.to(address)
    return re.search(rf"https?://\S+{path}\S+", mailserver.Inbox.body(message)).group(0)


def test_a_coordinator_invites_two_colleagues_and_one_joins(
    live_server, page, transactional_db, inbox
):
    load_framework()
    org = OrganisationFactory(name="Gemeente Utrecht", slug="utrecht")
    member(org, Role.COORDINATOR, username="coord", first_name="Cora", last_name="Coördinator")
    base = live_server.url

    log_in(page, base, "coord")
    page.click("nav >> text=Organisatie")
    expect(page.locator("h1")).to_have_text("Leden")
    check_accessibility(page, "org-members")
    page.click("text=Een groep uitnodigen")
    check_accessibility(page, "invite-bulk")
    page.fill("#id_addresses", "Ada Analist <ada@utrecht.nl>\nbob@utrecht.nl, geen-adres")
    page.click("button:has-text('De lijst controleren')")
    expect(page.locator("[role=alert]")).to_contain_text("1 regel heeft een probleem")
    check_accessibility(page, "invite-bulk-report-error")
    assert not inbox.messages  # a bad row stops the whole list

    page.fill("#id_addresses", "Ada Analist <ada@utrecht.nl>\nbob@utrecht.nl")
    page.click("button:has-text('De lijst controleren')")
    expect(page.locator("[role=status]")).to_contain_text("Alle 2 uitnodigingen")
    check_accessibility(page, "invite-bulk-report")
    page.click("button:has-text('2 uitnodigingen versturen')")
    expect(page.locator(".koers-messages")).to_contain_text("2 uitnodigingen verstuurd")
    check_accessibility(page, "invitations")
    assert sorted(m["To"] for m in inbox.messages) == ["ada@utrecht.nl", "bob@utrecht.nl"]
    page.click("text=Uitloggen")

    link = link_in(inbox, "ada@utrecht.nl", "/accounts/invitation/")
    page.goto(link)
    expect(page.locator("#id_first_name")).to_have_value("Ada")
    check_accessibility(page, "invitation-accept")
    page.fill("#id_password1", "een-goed-wachtwoord-7")
    page.fill("#id_password2", "iets-anders")
    page.click("button:has-text('Mijn account aanmaken')")
    expect(page.locator(".koers-error")).to_contain_text("verschillen")
    check_accessibility(page, "invitation-accept-errors")
    page.fill("#id_password1", "een-goed-wachtwoord-7")
    page.fill("#id_password2", "een-goed-wachtwoord-7")
    page.click("button:has-text('Mijn account aanmaken')")
    page.wait_for_url(f"{base}/")
    expect(page.locator(".koers-messages")).to_contain_text("Welkom bij Koers")
    expect(page.locator(".koers-user")).to_have_text("Ada Analist")
    assert Membership.objects.get(user__email="ada@utrecht.nl", organisation=org).role == "member"

    page.goto(link)  # a link works once
    expect(page.locator("h1")).to_have_text("Deze uitnodigingslink werkt niet")
    check_accessibility(page, "invitation-used")


def test_a_forgotten_password_is_reset_by_mail(live_server, page, transactional_db, inbox):
    org = OrganisationFactory()
    member(org, Role.MEMBER, username="lid", email="lid@utrecht.nl")
    base = live_server.url

    page.goto(f"{base}/accounts/login/")
    page.click("text=Wachtwoord vergeten?")
    check_accessibility(page, "password-reset")
    page.fill("#id_email", "lid@utrecht.nl")
    page.click("button:has-text('Link versturen')")
    expect(page.locator("h1")).to_have_text("Kijk in je mail")
    check_accessibility(page, "password-reset-done")

    page.goto(link_in(inbox, "lid@utrecht.nl", "/accounts/reset/"))
    check_accessibility(page, "password-reset-confirm")
    page.fill("#id_new_password1", "nieuw-en-lang-genoeg")
    page.fill("#id_new_password2", "nieuw-en-lang-genoeg")
    page.click("button:has-text('Het nieuwe wachtwoord opslaan')")
    expect(page.locator("h1")).to_have_text("Je wachtwoord is gewijzigd")
    check_accessibility(page, "password-reset-complete")

    page.click("main a:has-text('Inloggen')")
    page.fill("#id_username", "lid")
    page.fill("#id_password", "nieuw-en-lang-genoeg")
    page.click("button[type=submit]")
    page.wait_for_url(f"{base}/")


@pytest.mark.parametrize("language", ["nl", "en"])
def test_new_pages_pass_axe_in_both_languages(live_server, page, transactional_db, language):
    org = OrganisationFactory(slug="aastad")
    member(org, Role.ADMINISTRATOR, username="beheer")
    base = live_server.url
    page.context.add_cookies([{"name": "django_language", "value": language, "url": base}])
    for path, name in [
        ("/help/", "help"),
        ("/accessibility/", "accessibility"),
        ("/privacy/", "privacy"),
        ("/accounts/password_reset/", "password-reset"),
        ("/accounts/password_reset/done/", "password-reset-done"),
        ("/accounts/reset/MQ/not-a-token/", "password-reset-invalid"),
        ("/accounts/invitation/forged/", "invitation-forged"),
    ]:
        page.goto(f"{base}{path}")
        expect(page.locator("html")).to_have_attribute("lang", language)
        check_accessibility(page, f"{name}-{language}")
    page.set_viewport_size({"width": 320, "height": 800})
    page.goto(f"{base}/help/")
    check_accessibility(page, f"help-320-{language}")
    log_in(page, base, "beheer")
    page.set_viewport_size({"width": 1280, "height": 900})
    for path, name in [
        ("/organisations/aastad/members/", "org-members"),
        ("/organisations/aastad/invitations/", "invitations"),
        ("/organisations/aastad/invitations/bulk/", "invite-bulk"),
        ("/organisations/aastad/settings/", "org-settings"),
        ("/organisations/aastad/identity-groups/", "identity-groups"),
        ("/accounts/security/", "security"),
        ("/accounts/oidc/refused/", "oidc-refused"),
    ]:
        page.goto(f"{base}{path}")
        check_accessibility(page, f"{name}-{language}")
    page.set_viewport_size({"width": 320, "height": 800})
    page.goto(f"{base}/organisations/aastad/members/")
    check_accessibility(page, f"org-members-320-{language}")
    assert page.evaluate("document.documentElement.scrollWidth") <= 320


def test_repeated_failures_lock_the_account_in_the_browser(live_server, page, transactional_db):
    org = OrganisationFactory()
    member(org, Role.MEMBER, username="lid")
    base = live_server.url
    page.goto(f"{base}/accounts/login/")
    for _ in range(settings.AXES_FAILURE_LIMIT):
        page.fill("#id_username", "lid")
        page.fill("#id_password", "fout")
        page.click("button[type=submit]")
    expect(page.locator("h1")).to_have_text("Inloggen is even geblokkeerd")
    expect(page.locator("[role=alert]")).to_contain_text("30 minuten")
    check_accessibility(page, "locked-out")
    page.click("button:has-text('English')")
    page.goto(f"{base}/accounts/login/")
    page.fill("#id_username", "lid")
    page.fill("#id_password", "secret-pass-123")  # right, but still locked
    page.click("button[type=submit]")
    expect(page.locator("h1")).to_have_text("Signing in is blocked for now")
    check_accessibility(page, "locked-out-en")


def test_an_administrator_signs_in_with_a_code(live_server, page, transactional_db, settings):
    settings.KOERS_ADMIN_TWO_FACTOR = True  # on in production; the test settings switch it off
    org = OrganisationFactory(slug="aastad")
    admin = member(org, Role.ADMINISTRATOR, username="beheer")
    base = live_server.url

    # First sign-in: the administrator must set up the second step before anything else.
    page.goto(f"{base}/accounts/login/")
    page.fill("#id_username", "beheer")
    page.fill("#id_password", "secret-pass-123")
    page.click("button[type=submit]")
    expect(page.locator("h1")).to_have_text("De tweede stap instellen")
    check_accessibility(page, "two-factor-setup")
    page.set_viewport_size({"width": 320, "height": 800})
    check_accessibility(page, "two-factor-setup-320")
    assert page.evaluate("document.documentElement.scrollWidth") <= 320
    page.set_viewport_size({"width": 1280, "height": 900})
    device = TOTPDevice.objects.get(user=admin, confirmed=False)
    page.fill("#id_code", code_for(device))
    page.click("button:has-text('Aanzetten')")
    page.wait_for_url(f"{base}/")
    page.goto(f"{base}/accounts/security/")
    check_accessibility(page, "security")
    page.click("text=Uitloggen")

    # The next sign-in asks for a code after the password. A fresh device (made here, not
    # through the page) keeps this independent of the code used a moment ago.
    TOTPDevice.objects.filter(user=admin).delete()
    device = TOTPDevice.objects.create(user=admin, name="Koers", confirmed=True)
    page.goto(f"{base}/organisations/aastad/members/")
    page.fill("#id_username", "beheer")
    page.fill("#id_password", "secret-pass-123")
    page.click("button[type=submit]")
    expect(page.locator("h1")).to_have_text("Vul je code in")
    check_accessibility(page, "two-factor-verify")
    page.fill("#id_code", code_for(device))
    page.click("main button:has-text('Inloggen')")
    expect(page.locator("h1")).to_have_text("Leden")


def test_a_project_leader_invites_a_colleague_who_answers_the_scan(
    live_server, page, transactional_db, inbox
):
    load_framework()
    org = OrganisationFactory(name="Gemeente Utrecht")
    leader = member(org, Role.MEMBER, username="leider", first_name="Lotte", last_name="Leider")
    project = make_project(org, leader, title="Slim vegen")
    scan_start(project=project, by=leader, respondents=[leader])
    base = live_server.url

    log_in(page, base, "leider")
    page.goto(f"{base}/projects/{project.pk}/")
    page.click("text=Iemand uitnodigen per e-mail")
    check_accessibility(page, "project-invite")
    page.fill("#id_email", "dirk@utrecht.nl")
    page.fill("#id_name", "Dirk Domein")
    page.select_option("#id_team_role", "domain_expert")
    page.select_option("#id_scan", index=1)
    page.click("button:has-text('Uitnodiging versturen')")
    expect(page.locator(".koers-messages")).to_contain_text("dirk@utrecht.nl")
    page.click("text=Uitloggen")

    page.goto(link_in(inbox, "dirk@utrecht.nl", "/accounts/invitation/"))
    expect(page.locator("main")).to_contain_text("Slim vegen")
    page.fill("#id_password1", "een-goed-wachtwoord-7")
    page.fill("#id_password2", "een-goed-wachtwoord-7")
    page.click("button:has-text('Mijn account aanmaken')")
    page.wait_for_url(f"{base}/")  # My tasks: the scan waits for an answer
    page.click("main a:has-text('Slim vegen')")
    for radio in page.locator("input[type=radio][value='4']").all():
        radio.check()
    page.click("button[name=submit]")
    expect(page.locator("svg.koers-radar")).to_be_visible()
    assert project.team.get(user__email="dirk@utrecht.nl").team_role == "domain_expert"
