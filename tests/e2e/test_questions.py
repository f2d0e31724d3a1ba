"""A colleague without a project asks a question in a real browser; a coordinator finds it on
the board and starts a project from it; the colleague gets a notice, and sees it taken up
under My questions. axe-core on every page, in Dutch, at 1280 and 320 px wide (no sideways
scrolling at 320)."""

import pytest
from playwright.sync_api import expect

from koers.organisations.models import Role
from koers.questions.models import Question, QuestionStatus
from tests.factories import OrganisationFactory, load_framework, make_project, member

from .conftest import check_accessibility, log_in

pytestmark = pytest.mark.e2e


def fits_width(page) -> bool:
    return page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")


def check_both_widths(page, name: str) -> None:
    check_accessibility(page, f"{name}-1280")
    page.set_viewport_size({"width": 320, "height": 800})
    check_accessibility(page, f"{name}-320")
    assert fits_width(page), f"{name} scrolls sideways at 320 px"
    page.set_viewport_size({"width": 1280, "height": 900})


def log_out(page) -> None:
    page.click("button:has-text('Uitloggen')")


def test_a_colleague_asks_and_later_sees_the_question_taken_up(live_server, page, transactional_db):
    load_framework()
    org = OrganisationFactory(name="Gemeente Utrecht")
    colleague = member(org, Role.VIEWER, username="wijkbeheer", first_name="Wim", last_name="Wijk")
    coordinator = member(org, Role.COORDINATOR, username="coord", first_name="Cora")
    make_project(org, coordinator, title="Meldingen openbare ruimte")
    base = live_server.url

    log_in(page, base, colleague.username)
    page.click("nav.koers-nav a:has-text('Vragen')")
    expect(page.locator("h1")).to_have_text("Vragen uit de domeinen")
    check_both_widths(page, "questions-board-empty")
    page.click("a:has-text('Stel een vraag')")
    check_both_widths(page, "question-ask")
    page.click("button:has-text('Vraag versturen')")  # empty: refused, field by field
    expect(page.locator(".koers-error").first).to_be_visible()
    check_accessibility(page, "question-ask-errors")
    page.fill("#id_title", "Waar staan de lantaarnpalen die het vaakst stuk gaan?")
    page.fill("#id_description", "We horen het pas als bewoners bellen.")
    page.select_option("#id_domain", "physical")
    page.fill("#id_department", "Beheer openbare ruimte")
    page.check("#id_frequency_1")
    page.fill("#id_expected_change", "We vervangen lampen voordat ze uitvallen.")
    page.click("button:has-text('Vraag versturen')")
    expect(page.locator(".utrecht-alert")).to_contain_text("Je vraag is binnen")
    expect(page.locator(".koers-facts")).to_contain_text("Nieuw")
    check_both_widths(page, "question-asked")
    log_out(page)

    question = Question.objects.get()
    log_in(page, base, coordinator.username)
    page.goto(f"{base}/questions/")
    expect(page.locator("main table").last).to_contain_text("lantaarnpalen")
    check_both_widths(page, "questions-board")
    page.click("a:has-text('lantaarnpalen')")
    check_both_widths(page, "question-coordinator")
    page.click("a:has-text('Start een nieuw project vanuit deze vraag')")
    expect(page.locator("#id_problem")).to_contain_text("lantaarnpalen")
    check_both_widths(page, "question-start-project")
    page.fill("#id_title", "Voorspellend onderhoud straatverlichting")
    page.click("button:has-text('Project registreren')")
    expect(page.locator("#questions")).to_contain_text("lantaarnpalen")
    check_both_widths(page, "project-with-question")
    log_out(page)

    assert Question.objects.get().status == QuestionStatus.TAKEN_UP
    log_in(page, base, colleague.username)
    expect(page.locator(".koers-badge")).to_contain_text("1")
    page.goto(f"{base}/notices/")
    expect(page.locator("main")).to_contain_text("Opgepakt door een project")
    page.goto(f"{base}/questions/mine/")
    main = page.locator("main")
    expect(main).to_contain_text("Opgepakt door een project")
    expect(main).to_contain_text("Voorspellend onderhoud straatverlichting")
    check_both_widths(page, "my-questions")
    page.goto(f"{base}/questions/{question.pk}/")
    expect(page.locator("#h-qprojects + ul")).to_contain_text("Voorspellend onderhoud")
