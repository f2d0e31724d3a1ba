"""A project leader records a step and a session with end users from the project page, each
with one or two fields typed (today and a step of two weeks are filled in), sees them on the
page, gets a clear Dutch message for a negative participant count, finishes the step as a
redo (a note asked for) and finds a lesson by searching. axe-core checks every page, at
1280 px and at 320 px."""

import pytest
from playwright.sync_api import expect

from koers.evidence.models import EndUserSession, Step
from koers.organisations.models import Role
from tests.factories import OrganisationFactory, load_framework, make_project, member

from .conftest import check_accessibility, log_in

pytestmark = pytest.mark.e2e


def check_both_widths(page, name):
    check_accessibility(page, f"evidence-{name}-1280")
    page.set_viewport_size({"width": 320, "height": 800})
    check_accessibility(page, f"evidence-{name}-320")
    page.set_viewport_size({"width": 1280, "height": 900})


def test_a_leader_records_a_step_and_a_session(live_server, page, transactional_db):
    load_framework()
    org = OrganisationFactory(name="Gemeente Utrecht")
    leader = member(org, Role.MEMBER, username="leider", first_name="Lotte", last_name="Leider")
    project = make_project(org, leader, title="Slim vegen")
    base = live_server.url
    log_in(page, base, leader.username)
    page.goto(f"{base}/projects/{project.pk}/")
    check_both_widths(page, "project-empty")

    # A step: only its goal is typed.
    page.click("text=Stap vastleggen")
    check_both_widths(page, "step-new")
    page.fill("#id_goal", "Proef met de veegroute in Noord")
    page.click("button[type=submit]")
    expect(page.locator("#steps")).to_contain_text("Proef met de veegroute in Noord")
    expect(page.locator("#steps")).to_contain_text("Loopt")
    assert Step.objects.get().created_by == leader

    # A session: how many took part and what changed; kind and date are filled in.
    page.click("text=Sessie vastleggen")
    check_both_widths(page, "session-new")
    page.fill("#id_participants", "-3")
    page.click("button[type=submit]")
    expect(page.locator(".koers-error")).to_have_text(
        "Het aantal deelnemers kan niet negatief zijn."
    )
    check_both_widths(page, "session-error")
    assert not EndUserSession.objects.exists()
    page.fill("#id_participants", "7")
    page.fill("#id_outcome", "Filters vereenvoudigd: alleen wijk en periode.")
    page.click("button[type=submit]")
    expect(page.locator("#end-users")).to_contain_text("7 deelnemers")
    expect(page.locator("#end-users")).to_contain_text("Filters vereenvoudigd")

    # The step did not work: a redo asks for a note, then opens the next try.
    page.click("#steps >> text=Proef met de veegroute in Noord")
    page.check("input[name=result][value=redo]")
    page.click("button[type=submit]")
    expect(page.locator(".koers-error")).to_contain_text("Bij ‘opnieuw’ hoort een toelichting")
    check_both_widths(page, "step-redo-error")
    page.fill("#id_note", "Uitvoerders herkenden de kaart niet; samen opnieuw indelen.")
    page.click("button[type=submit]")
    expect(page.locator("#steps")).to_contain_text("poging 2")
    expect(page.locator("#steps")).to_contain_text("Opnieuw")
    assert Step.objects.count() == 2

    # A retrospective with a lesson, found again by searching.
    page.click("text=Leermoment vastleggen")
    check_both_widths(page, "learning-new")
    page.fill("#id_lesson", "Uitvoerders vanaf de eerste kaart laten meekijken.")
    page.click("button[type=submit]")
    expect(page.locator("#learning")).to_contain_text("Uitvoerders vanaf de eerste kaart")
    check_both_widths(page, "project-with-evidence")
    page.click("text=Zoek in de lessen van alle projecten")
    page.fill("#f-q", "uitvoerders")
    page.click("form[role=search] button[type=submit]")
    expect(page.locator(".koers-lessons")).to_contain_text("Uitvoerders vanaf de eerste kaart")
    check_both_widths(page, "lessons")
