"""Finding and adopting a case in a real browser, with axe-core on the library pages."""

import pytest
from playwright.sync_api import expect

from koers.library.models import Adoption
from koers.organisations.models import Role
from koers.projects import lifecycle
from koers.projects.models import Visibility
from koers.projects.services import project_move_stage
from tests.factories import OrganisationFactory, load_framework, make_project, member

from .conftest import check_accessibility, log_in

pytestmark = pytest.mark.e2e


def test_find_and_adopt_a_shared_project(live_server, page, transactional_db):
    load_framework()
    utrecht, zaanstad = (
        OrganisationFactory(name="Gemeente Utrecht"),
        OrganisationFactory(name="Gemeente Zaanstad"),
    )
    leader = member(utrecht, Role.MEMBER)
    original = make_project(utrecht, leader, visibility=Visibility.NETWORK, title="Slim vegen")
    make_project(utrecht, leader, visibility=Visibility.TEAM, title="Geheime pilot")
    for stage in ("experiment", "development", "implemented"):
        project_move_stage(project=original, by=leader, to=stage)
    coordinator = member(zaanstad, Role.COORDINATOR, username="coordinator")

    log_in(page, live_server.url, coordinator.username)
    page.goto(f"{live_server.url}/library/")
    check_accessibility(page, "library")
    expect(page.locator("main")).not_to_contain_text("Geheime pilot")
    page.fill("#f-q", "vegen")
    page.select_option("#f-stage", "implemented")
    page.locator("form[role=search] button[type=submit]").click()
    check_accessibility(page, "library-filtered")
    page.click("a:has-text('Slim vegen')")
    check_accessibility(page, "library-case")
    page.locator("form[action$='/adopt/'] button[type=submit]").click()

    adoption = Adoption.objects.get()
    assert adoption.adopter == zaanstad and adoption.original_project == original
    expect(page.locator("h1")).to_have_text("Slim vegen")
    check_accessibility(page, "adopted-project")
    for stage in ("development", "implemented"):
        project_move_stage(project=adoption.project, by=coordinator, to=stage)
    original.refresh_from_db()
    assert original.stage == lifecycle.SCALED_EXTERNAL
