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
    for n, (strong, implemented) in enumerate([(True, True)] * 3 + [(False, False)] * 3):
        # Started long enough ago that not being implemented counts (cases.TOO_YOUNG_DAYS).
        project = make_project(org, coordinator, title=f"Project {n}", started_on=LONG_AGO)
        if implemented:
            for stage in ("experiment", "development", "implemented"):
                project_move_stage(project=project, by=coordinator, to=stage)
        scored(project, coordinator, lambda f, s=strong, n=n: 5 if s and f in (2, 4) else 1 + n % 2)

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
