"""The core loop in a real browser: log in, register a project, build the team, answer a scan
as two respondents, read the radar and options, plan an action, move the stage, switch to
English. axe-core checks every page on the way."""

import re

import pytest
from playwright.sync_api import expect

from koers.organisations.models import Role
from tests.factories import OrganisationFactory, load_framework, member

from .conftest import check_accessibility, log_in

pytestmark = pytest.mark.e2e


def log_out(page):
    page.click("text=Uitloggen")


def answer_every_statement(page, value):
    for radio in page.locator(f"input[type=radio][value='{value}']").all():
        radio.check()
    check_accessibility(page, f"scan-answer-{value}")
    page.click("button[name=submit]")


def test_core_loop(live_server, page, transactional_db):
    load_framework()
    org = OrganisationFactory(name="Gemeente Utrecht")
    leader = member(org, Role.MEMBER, username="leider", first_name="Lotte", last_name="Leider")
    member(org, Role.MEMBER, username="analist", first_name="Ali", last_name="Analist")
    base = live_server.url

    log_in(page, base, leader.username)
    check_accessibility(page, "home-empty")

    page.click("text=Project registreren")
    check_accessibility(page, "project-create")
    page.click("button[type=submit]")  # empty form: field errors, nothing saved
    expect(page.locator(".koers-error").first).to_contain_text("verplicht")
    check_accessibility(page, "project-create-errors")
    page.fill("#id_title", "Slim vegen")
    page.fill("#id_problem", "Vegen waar het nodig is, niet volgens een vast rooster.")
    page.select_option("#id_domain", "physical")
    page.check("input[name=visibility][value=organisation]")
    page.click("button[type=submit]")
    expect(page.locator("h1")).to_have_text("Slim vegen")
    check_accessibility(page, "project-new")

    page.click("text=Iemand aan het team toevoegen")
    page.select_option("#id_user", label="Ali Analist")
    page.select_option("#id_team_role", "data_scientist")
    check_accessibility(page, "team-add")
    page.click("button[type=submit]")
    expect(page.locator(".koers-team")).to_contain_text("Ali Analist")

    page.click("text=Scan starten")
    check_accessibility(page, "scan-start")
    page.click("button[type=submit]")
    expect(page.locator("h1")).to_contain_text("negen factoren")
    answer_every_statement(page, "4")
    expect(page.locator("svg.koers-radar")).to_be_visible()
    scan_url = page.url

    log_out(page)
    log_in(page, base, "analist")
    page.goto(scan_url)
    # not yet answered: the team's result waits, so that it cannot anchor the answers
    expect(page.locator("svg.koers-radar")).to_have_count(0)
    check_accessibility(page, "scan-result-hidden")
    page.click("text=Mijn antwoorden invullen")
    page.click("button[name=submit]")  # nothing answered: refused, the open factors named
    expect(page.locator(".utrecht-alert--error")).to_contain_text("Nog open")
    check_accessibility(page, "scan-answer-refused")
    answer_every_statement(page, "2")
    expect(page.locator("text=2 van de 2 teamleden")).to_be_visible()
    expect(page.locator(".koers-flag").first).to_be_visible()  # 75 vs 25: the team disagrees
    check_accessibility(page, "scan-result")

    log_out(page)
    log_in(page, base, leader.username)
    page.goto(scan_url)
    page.click("button:has-text('De scan sluiten')")
    expect(page.locator(".koers-note").first).to_contain_text("definitief")
    check_accessibility(page, "scan-closed")
    page.locator(".koers-option a").first.click()  # asks who owns it and by when
    page.click("button[type=submit]")
    expect(page.locator(".koers-error").first).to_contain_text("verplicht")
    page.select_option("#id_owner", label="Ali Analist")
    page.fill("#id_due_date", "2099-06-30")
    check_accessibility(page, "option-to-plan")
    page.click("button[type=submit]")
    expect(page.locator("#actions table")).to_be_visible()
    check_accessibility(page, "project-with-action")

    page.click("text=Naar een andere fase")
    page.select_option("#id_to", "experiment")
    page.fill("#id_note", "Pilot in twee wijken")
    page.click("text=Fase opslaan")
    expect(page.locator(".koers-timeline")).to_contain_text("Pilot in twee wijken")
    expect(page.locator(".koers-facts")).to_contain_text("Experiment")

    page.click("button:has-text('English')")
    expect(page.locator("h2#h-actions")).to_have_text("Action plan")
    expect(page.locator("html")).to_have_attribute("lang", re.compile("en"))
    check_accessibility(page, "project-english")
