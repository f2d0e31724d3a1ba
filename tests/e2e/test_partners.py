"""Recording a project's partners and budget in a real browser: a project leader adds a
supplier that brings knowledge, a network partner that is an organisation in Koers, and a
budget line; a period in the wrong order and a negative amount are refused with a Dutch
message on their field. axe-core checks every page on the way."""

import pytest
from playwright.sync_api import expect

from koers.organisations.models import Role
from tests.factories import OrganisationFactory, load_framework, make_project, member

from .conftest import check_accessibility, log_in

pytestmark = pytest.mark.e2e


def test_a_leader_records_partners_and_budget(live_server, page, transactional_db):
    load_framework()
    org = OrganisationFactory(name="Gemeente Utrecht")
    OrganisationFactory(name="Gemeente Zeist")
    leader = member(org, Role.MEMBER, username="leider", first_name="Lotte", last_name="Leider")
    project = make_project(org, leader, title="Slim vegen")
    base = live_server.url

    log_in(page, base, leader.username)
    page.goto(f"{base}/projects/{project.pk}/")
    expect(page.locator("#h-disciplines")).to_be_visible()
    check_accessibility(page, "project-without-partners")

    page.click("text=Partner toevoegen")
    check_accessibility(page, "partner-add")
    page.select_option("#id_kind", "supplier")
    page.fill("#id_name", "Datalab Noord BV")
    page.check("input[name=brings][value=knowledge]")
    page.check("input[name=brings][value=technology]")
    page.fill("#id_starts_on", "2026-03-01")
    page.fill("#id_ends_on", "2026-01-31")
    page.click("button[type=submit]")  # the period in the wrong order: refused, kept
    expect(page.locator(".koers-error")).to_contain_text("einddatum kan niet voor")
    check_accessibility(page, "partner-add-refused")
    page.fill("#id_ends_on", "")
    page.click("button[type=submit]")
    expect(page.locator("#partners")).to_contain_text("Datalab Noord BV")
    expect(page.locator("#partners")).to_contain_text("Kennis")

    page.click("text=Partner toevoegen")
    page.select_option("#id_kind", "municipality")
    page.select_option("#id_organisation", label="Gemeente Zeist")
    page.check("input[name=brings][value=data]")
    page.fill("#id_starts_on", "2026-04-01")
    page.click("button[type=submit]")
    expect(page.locator("#partners")).to_contain_text("Gemeente Zeist")
    expect(page.locator("#partners")).to_contain_text("Netwerk en keten")

    page.click("text=Budgetregel toevoegen")
    check_accessibility(page, "budget-add")
    page.fill("#id_amount", "-100")
    page.fill("#id_source", "Innovatiebudget")
    page.fill("#id_starts_on", "2026-01-01")
    page.fill("#id_ends_on", "2026-12-31")
    page.click("button[type=submit]")
    expect(page.locator(".koers-error")).to_contain_text("niet negatief")
    check_accessibility(page, "budget-add-refused")
    page.fill("#id_amount", "25000")
    page.click("button[type=submit]")
    expect(page.locator("#room")).to_contain_text("Innovatiebudget")
    expect(page.locator("#room")).to_contain_text("25.000,00")
    check_accessibility(page, "project-with-partners")
    expect(page.locator("#h-history")).to_be_visible()
    expect(page.locator(".koers-history")).to_contain_text("budgetregel")
