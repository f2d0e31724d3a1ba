"""The cross-case analysis in a real browser: read the paths, change a setting, axe-core."""

import pytest
from playwright.sync_api import expect

from koers.organisations.models import Role
from koers.projects.services import project_move_stage
from tests.factories import OrganisationFactory, load_framework, make_project, member
from tests.insights.test_dashboard import scored
from tests.insights.test_qca import LONG_AGO

from .conftest import check_accessibility, log_in

pytestmark = pytest.mark.e2e


def test_a_coordinator_reads_the_analysis(live_server, page, transactional_db):
    load_framework()
    org = OrganisationFactory(name="Gemeente Utrecht")
    coordinator = member(org, Role.COORDINATOR, username="coordinator")
    _portfolio(org, coordinator)
    log_in(page, live_server.url, coordinator.username)
    page.goto(f"{live_server.url}/dashboard/{org.slug}/")
    page.click("a[href$='/analysis/']")
    expect(page.locator("h1")).to_contain_text("Vergelijkende analyse")
    expect(page.locator("#h-paths")).to_be_visible()
    expect(page.locator(".koers-summary")).to_contain_text("sterk")
    check_accessibility(page, "analysis")
    page.click("summary")
    page.fill("#id_crossover", "90")  # above 'clearly strong': refused, nothing analysed
    page.locator("form button[type=submit]").click()
    expect(page.locator(".utrecht-alert--error")).to_contain_text("omslagpunt")
    expect(page.locator("#h-paths")).to_have_count(0)
    check_accessibility(page, "analysis-refused")


def _portfolio(org, coordinator):
    """Six projects: three implemented with factors 2 and 4 strong, three neither; started
    long enough ago that not being implemented counts (cases.TOO_YOUNG_DAYS)."""
    for n, (strong, implemented) in enumerate([(True, True)] * 3 + [(False, False)] * 3):
        project = make_project(org, coordinator, title=f"Project {n}", started_on=LONG_AGO)
        if implemented:
            for stage in ("experiment", "development", "implemented"):
                project_move_stage(project=project, by=coordinator, to=stage)
        scored(project, coordinator, lambda f, s=strong, n=n: 5 if s and f in (2, 4) else 1 + n % 2)
    return project


def _worker_runs():
    from tests.insights.test_worker import run_worker

    run_worker()


@pytest.mark.parametrize("width", [1280, 320])
def test_the_page_says_being_computed_and_refreshes_when_the_worker_is_done(
    live_server, page, transactional_db, settings, width
):
    """Production's set-up (tasks wait for `koers db_worker`): the page says the analysis is
    being computed, passes axe at both widths, and shows it by itself once the worker ran."""
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    load_framework()
    org = OrganisationFactory(name="Gemeente Utrecht")
    coordinator = member(org, Role.COORDINATOR, username="coordinator")
    project = _portfolio(org, coordinator)
    page.set_viewport_size({"width": width, "height": 900})
    log_in(page, live_server.url, coordinator.username)
    page.goto(f"{live_server.url}/dashboard/{org.slug}/analysis/")
    status = page.locator(".koers-computing")
    expect(status).to_contain_text("wordt berekend")
    expect(status.get_by_role("link", name="Opnieuw kijken")).to_be_visible()
    check_accessibility(page, f"analysis-computing-{width}")
    page.goto(f"{live_server.url}/projects/{project.pk}/")
    expect(page.locator(".koers-computing")).to_contain_text("wordt berekend")
    check_accessibility(page, f"project-computing-{width}")

    page.goto(f"{live_server.url}/dashboard/{org.slug}/analysis/")
    _worker_runs()
    expect(page.locator("#h-paths")).to_be_visible(timeout=60_000)  # reloaded by itself
    expect(page.locator(".koers-computing")).to_have_count(0)


def test_without_javascript_the_link_looks_again(live_server, browser, transactional_db, settings):
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    load_framework()
    org = OrganisationFactory(name="Gemeente Utrecht")
    coordinator = member(org, Role.COORDINATOR, username="coordinator")
    _portfolio(org, coordinator)
    context = browser.new_context(java_script_enabled=False, locale="nl-NL")
    page = context.new_page()
    try:
        page.goto(f"{live_server.url}/accounts/login/")  # axe needs JavaScript: not here
        page.fill("#id_username", coordinator.username)
        page.fill("#id_password", "secret-pass-123")
        page.click("button[type=submit]")
        page.wait_for_url(f"{live_server.url}/")
        page.goto(f"{live_server.url}/dashboard/{org.slug}/analysis/?scope=organisation")
        expect(page.locator(".koers-computing")).to_be_visible()
        _worker_runs()
        page.get_by_role("link", name="Opnieuw kijken").click()
        expect(page.locator("#h-paths")).to_be_visible()
        assert page.url.endswith("/analysis/?scope=organisation")
    finally:
        context.close()
