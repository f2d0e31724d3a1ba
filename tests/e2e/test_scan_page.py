"""The 45-statement scan page in a real browser, at 1280 px and at 320 px: progress that
follows the answers, an index that jumps to a factor, "not applicable" beside "don't know",
no sideways scrolling (WCAG 1.4.10) and no axe-core violation; then the result with the
evidence notes, also without JavaScript."""

import pytest
from playwright.sync_api import expect

from koers.framework.services import DEFAULT_FRAMEWORK_FILE, framework_load
from koers.organisations.models import Role
from tests.factories import OrganisationFactory, make_project, member

from .conftest import check_accessibility, log_in

pytestmark = pytest.mark.e2e


def no_sideways_scrolling(page) -> None:
    widths = page.evaluate(
        "() => [document.documentElement.scrollWidth, document.documentElement.clientWidth]"
    )
    assert widths[0] <= widths[1], f"document {widths[0]} px wide in a {widths[1]} px viewport"


@pytest.mark.parametrize("width", [1280, 320])
def test_the_scan_page_at_two_widths(live_server, browser, transactional_db, width):
    framework_load(raw=DEFAULT_FRAMEWORK_FILE.read_bytes())
    org = OrganisationFactory(name="Gemeente Utrecht")
    leader = member(org, Role.MEMBER, username="leider", first_name="Lotte", last_name="Leider")
    project = make_project(org, leader, title="Slim vegen")
    base = live_server.url
    context = browser.new_context(
        bypass_csp=True, viewport={"width": width, "height": 800}, locale="nl-NL"
    )
    page = context.new_page()
    try:
        log_in(page, base, leader.username)
        page.goto(f"{base}/projects/{project.pk}/scans/new/")
        page.click("button[type=submit]")
        expect(page.locator("#scan-progress-label")).to_contain_text("0 van 45")
        no_sideways_scrolling(page)
        check_accessibility(page, f"scan-answer-{width}")

        page.click("#factor-index a[href='#factor-7']")
        expect(page.locator("#factor-7")).to_be_in_viewport()
        statements = page.locator("fieldset.koers-statement")
        assert statements.count() == 45
        statements.nth(0).locator("input[value='na']").check()
        statements.nth(1).locator("input[value='dk']").check()
        statements.nth(2).locator("input[value='5']").check()
        expect(page.locator("#scan-progress-label")).to_contain_text("3 van 45")
        page.fill("textarea[name^=note]", "Besluit van de stuurgroep, maart")
        page.click("button[name=submit]")  # factors 2 to 9 still open: refused, draft kept
        expect(page.locator(".utrecht-alert--error")).to_contain_text("Nog open")
        expect(page.locator("#scan-progress-label")).to_contain_text("3 van 45")
        no_sideways_scrolling(page)
        check_accessibility(page, f"scan-answer-refused-{width}")

        for index in range(statements.count()):
            fieldset = statements.nth(index)
            if not fieldset.locator("input:checked").count():
                fieldset.locator("input[value='4']").check()
        page.click("button[name=submit]")
        expect(page.locator("svg.koers-radar")).to_be_visible()
        expect(page.locator(".koers-evidence")).to_contain_text("Besluit van de stuurgroep")
        no_sideways_scrolling(page)
        check_accessibility(page, f"scan-result-{width}")
    finally:
        context.close()


def test_the_scan_page_works_without_javascript(live_server, browser, transactional_db):
    framework_load(raw=DEFAULT_FRAMEWORK_FILE.read_bytes())
    org = OrganisationFactory(name="Gemeente Utrecht")
    leader = member(org, Role.MEMBER, username="leider")
    project = make_project(org, leader, title="Slim vegen")
    base = live_server.url
    context = browser.new_context(
        bypass_csp=True, java_script_enabled=False, viewport={"width": 320, "height": 800}
    )
    page = context.new_page()
    try:
        page.goto(f"{base}/accounts/login/")
        page.fill("#id_username", "leider")
        page.fill("#id_password", "secret-pass-123")
        page.click("button[type=submit]")
        page.goto(f"{base}/projects/{project.pk}/scans/new/")
        page.click("button[type=submit]")
        page.locator("fieldset.koers-statement").first.locator("input[value='3']").check()
        page.click("button[name=draft]")
        expect(page.locator("#scan-progress-label")).to_contain_text("1 van 45")
        expect(page.locator("#factor-index li").first).to_contain_text("1 van 5")
    finally:
        context.close()
