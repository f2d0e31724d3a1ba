"""My tasks in a real browser: the signed-in home lists the scan that waits for me, my
overdue and nearly due actions, my stalled project and the invitation I sent; the header
counts unread notices; the notices list and settings work. axe-core in Dutch and English, at
1280 and 320 px wide (no sideways scrolling at 320). The clock is fixed, so the page reads
the same any day."""

import datetime
from zoneinfo import ZoneInfo

import pytest
from playwright.sync_api import expect

from koers.accounts.services import invitation_create_for_project
from koers.actions.services import action_create
from koers.assessments.services import scan_start
from koers.notifications.models import Preference
from koers.organisations.models import Role
from koers.projects.models import Project
from koers.projects.services import project_move_stage, team_member_set
from tests.factories import OrganisationFactory, load_framework, make_project, member

from .conftest import check_accessibility, log_in

pytestmark = pytest.mark.e2e

MONDAY = datetime.datetime(2026, 12, 7, 8, 0, tzinfo=ZoneInfo("Europe/Amsterdam"))


def fits_width(page) -> bool:
    return page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")


def test_my_tasks(live_server, page, transactional_db, monkeypatch):
    now = [MONDAY - datetime.timedelta(weeks=20)]
    monkeypatch.setattr("django.utils.timezone.now", lambda: now[0])
    load_framework()
    org = OrganisationFactory(name="Gemeente Utrecht")
    leader = member(org, Role.MEMBER, username="leider", first_name="Lotte", last_name="Leider")
    me = member(org, Role.MEMBER, username="analist", first_name="Ali", last_name="Analist")
    stalled = make_project(org, me, title="Parkeerdruk voorspellen")
    now[0] = MONDAY - datetime.timedelta(days=3)
    project = make_project(org, leader, title="Slim vegen met een heel lange titel die afbreekt")
    team_member_set(project=project, by=leader, user=me, team_role="data_scientist")
    scan_start(project=project, by=leader, respondents=[leader, me])
    for title, days in (("Privacytoets laten doen", -4), ("Dashboard aan de wijkteams tonen", 2)):
        action_create(
            project=project,
            by=leader,
            title=title,
            owner=me,
            due_date=MONDAY.date() + datetime.timedelta(days=days),
        )
    project_move_stage(project=project, by=leader, to="experiment", note="Pilot in twee wijken")
    invitation_create_for_project(
        by=me,
        project=Project.objects.get(pk=project.pk),  # read afresh: I am on its team now
        email="nina@example.org",
        name="Nina Nieuw",
        team_role="end_user",
        site_url="http://testserver",
    )
    now[0] = MONDAY
    base = live_server.url

    log_in(page, base, me.username)
    expect(page.locator("h1")).to_have_text("Mijn taken")
    main = page.locator("main")
    expect(main).to_contain_text("Slim vegen met een heel lange titel")
    expect(main).to_contain_text("over de datum sinds 3 december 2026")
    expect(main).to_contain_text("moet over 2 dagen af")
    expect(main).to_contain_text(stalled.title)
    expect(main).to_contain_text("Nina Nieuw (nina@example.org)")
    expect(page.locator(".koers-badge")).to_contain_text("2")  # invited, and the stage move
    check_accessibility(page, "my-tasks-nl-1280")
    page.set_viewport_size({"width": 320, "height": 800})
    check_accessibility(page, "my-tasks-nl-320")
    assert fits_width(page)

    page.click("button:has-text('English')")
    expect(page.locator("h1")).to_have_text("My tasks")
    expect(main).to_contain_text("overdue since 3 December 2026")
    check_accessibility(page, "my-tasks-en-320")
    assert fits_width(page)
    page.set_viewport_size({"width": 1280, "height": 900})
    check_accessibility(page, "my-tasks-en-1280")

    page.click(".koers-notices")
    expect(page.locator("h1")).to_have_text("Notices")
    check_accessibility(page, "notices-en")
    page.click("a:has-text('moved from Idea to Experiment')")
    expect(page.locator("h1")).to_contain_text("Slim vegen")
    expect(page.locator(".koers-badge")).to_contain_text("1")

    page.goto(f"{base}/notices/settings/")
    check_accessibility(page, "notice-settings-en")
    page.check("input[name=stage_changed][value=off]")
    page.click("button:has-text('Save settings')")
    expect(page.locator(".utrecht-alert")).to_contain_text("saved")
    assert Preference.objects.get(user=me, kind="stage_changed").delivery == "off"

    page.click("button:has-text('Nederlands')")
    page.set_viewport_size({"width": 320, "height": 800})
    check_accessibility(page, "notice-settings-nl-320")
    assert fits_width(page)
    page.goto(f"{base}/notices/")
    check_accessibility(page, "notices-nl-320")
    assert fits_width(page)

    # From My tasks straight into the scan that waits.
    page.goto(f"{base}/")
    page.click("a:has-text('Slim vegen met een heel lange titel')")
    expect(page.locator("h1")).to_contain_text("negen factoren")
