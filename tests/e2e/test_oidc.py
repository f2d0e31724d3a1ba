"""Signing in with the municipality's identity provider, in a real browser against a real
OpenID provider (npm oidc-provider) that the test starts on loopback: a mapped group gives
its role at the first sign-in; an unmapped group, a missing e-mail claim and a forged answer
end on a clear refusal page, never an error, and create nobody."""

import pytest
from django.contrib.auth import get_user_model
from playwright.sync_api import expect

from koers.accounts.models import IdentityGroup
from koers.organisations.models import Membership, Role
from tests.factories import OrganisationFactory
from tests.oidc.provider import Provider

from .conftest import check_accessibility

pytestmark = pytest.mark.e2e

ACCOUNTS = {
    "ida": {
        "email": "Ida@Utrecht.nl",
        "email_verified": True,
        "given_name": "Ida",
        "family_name": "Identiteit",
        "groups": ["koers-leden", "koers-coordinatoren", "iets-anders"],
    },
    "onbekend": {"email": "onbekend@utrecht.nl", "groups": ["geen-koers-groep"]},
    "zonder-mail": {"groups": ["koers-leden"]},
}


@pytest.fixture
def provider(live_server, settings):
    provider = Provider(redirect_uri=f"{live_server.url}/oidc/callback/", accounts=ACCOUNTS)
    provider.configure(settings)
    yield provider
    provider.stop()


def sign_in_at_provider(page, base: str, login: str) -> None:
    page.goto(f"{base}/accounts/login/")
    page.click("text=Inloggen met Testgemeente-ID")
    page.fill("input[name=login]", login)
    page.fill("input[name=password]", "anything")
    page.click("button[type=submit]")


def test_a_mapped_group_signs_in_with_its_role(live_server, page, transactional_db, provider):
    org = OrganisationFactory(name="Gemeente Utrecht", slug="utrecht")
    IdentityGroup.objects.create(organisation=org, group="koers-leden", role=Role.MEMBER)
    IdentityGroup.objects.create(
        organisation=org, group="koers-coordinatoren", role=Role.COORDINATOR
    )
    base = live_server.url

    page.goto(f"{base}/accounts/login/")
    check_accessibility(page, "login-with-provider")
    sign_in_at_provider(page, base, "ida")
    page.wait_for_url(f"{base}/")
    expect(page.locator(".koers-user")).to_have_text("Ida Identiteit")
    user = get_user_model().objects.get(email="ida@utrecht.nl")
    assert not user.has_usable_password()  # no local password: the provider signs her in
    assert Membership.objects.get(user=user, organisation=org).role == Role.COORDINATOR
    page.goto(f"{base}/accounts/security/")
    expect(page.locator("main")).to_contain_text("identiteitsprovider")


@pytest.mark.parametrize("login", ["onbekend", "zonder-mail"])
def test_unmapped_or_incomplete_sign_ins_are_refused(
    live_server, page, transactional_db, provider, login
):
    OrganisationFactory(slug="utrecht")
    base = live_server.url
    users = get_user_model().objects.count()
    sign_in_at_provider(page, base, login)
    expect(page.locator("h1")).to_have_text("Inloggen lukte niet")
    check_accessibility(page, f"oidc-refused-{login}")
    assert get_user_model().objects.count() == users


def test_a_forged_answer_is_refused_not_an_error(live_server, page, transactional_db, provider):
    base = live_server.url
    page.goto(f"{base}/oidc/callback/?code=made-up&state=made-up")
    expect(page.locator("h1")).to_have_text("Inloggen lukte niet")
    page.goto(f"{base}/oidc/callback/?error=access_denied")
    expect(page.locator("h1")).to_have_text("Inloggen lukte niet")
