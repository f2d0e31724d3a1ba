"""The main menu: every page of the site belongs to at most one of its items, which says so
(aria-current="page" on the very page, "true" on the pages under it); the lessons are in it
for everyone, the coordinator's items only for coordinators."""

import re

import pytest
from django.test import Client
from django.urls import reverse

from koers.web.navigation import section_of


@pytest.mark.parametrize(
    "view_name, section",
    [
        ("web:home", "tasks"),  # My tasks is the signed-in home
        ("web:projects", "projects"),
        ("web:project_create", "project_create"),  # its own item, not under Projects
        ("web:scan_answer", "projects"),  # a scan is a project's
        ("web:learning_event_edit", "projects"),
        ("web:register_edit", "projects"),  # a project's register record
        ("web:register_organisation", "organisation"),  # the organisation's register
        ("web:question_triage", "questions"),
        ("web:my_questions", "questions"),
        ("web:study_case", "library"),
        ("web:lessons", "lessons"),
        ("web:analysis", "dashboard"),
        ("web:portfolio_report", "dashboard"),
        ("web:org_identity_groups", "organisation"),
        ("web:import_check", "organisation"),
        ("web:notices", ""),  # in the tools beside the menu, not in it
        ("account_security", ""),  # not a page of the web namespace
        (None, ""),  # a 404 has no view
    ],
)
def test_section_of(view_name, section):
    assert section_of(view_name) == section


def menu(client: Client, url: str) -> str:
    html = client.get(url).content.decode()
    return re.search(r'<nav class="koers-nav".*?</nav>', html, re.S).group(0)


def test_lessons_are_in_the_menu_and_marked_on_their_page(world):
    client = Client()
    client.force_login(world.viewer)
    lessons = reverse("web:lessons")
    on_lessons = menu(client, lessons)
    assert f'<a href="{lessons}" aria-current="page">Lessen</a>' in on_lessons
    assert on_lessons.count("aria-current") == 1
    assert "Dashboard" not in on_lessons  # a viewer coordinates nothing

    on_project = menu(client, reverse("web:project", args=[world.project.pk]))
    assert f'<a href="{reverse("web:projects")}" aria-current="true">Projecten</a>' in on_project
    assert f'<a href="{lessons}">Lessen</a>' in on_project


def test_coordinator_sees_dashboard_marked_under_analysis(world):
    client = Client()
    client.force_login(world.coordinator)
    nav = menu(client, reverse("web:analysis", args=[world.a.slug]))
    assert f'href="{reverse("web:dashboard_home")}" aria-current="true"' in nav
    assert nav.count("aria-current") == 1
