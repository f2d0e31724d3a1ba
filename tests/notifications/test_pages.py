"""My tasks (the signed-in home), the notices list with its unread count in the header, and
the settings page: each shows only what the person may see, and costs the same number of
queries however much data there is."""

import datetime

from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from koers.accounts.services import invitation_create, invitation_create_for_project
from koers.actions.services import action_create
from koers.assessments.models import Response
from koers.assessments.services import response_save, scan_indicators, scan_start
from koers.notifications.models import Notice, NoticeKind, Preference
from koers.notifications.sending import notifications_run
from koers.projects.models import Visibility
from koers.projects.services import project_move_stage, team_member_set
from tests.factories import make_project

from .conftest import MONDAY


def client_for(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def _action(world, title, days, owner=None, project=None, by=None):
    return action_create(
        project=project or world.project,
        by=by or world.member,
        title=title,
        owner=owner or world.member,
        due_date=MONDAY.date() + datetime.timedelta(days=days),
    )


def test_my_tasks_lists_my_scans_actions_and_stalled_projects(clock, world):
    clock.advance(weeks=-20)
    make_project(world.a, world.member, title="Stil project")
    clock.advance(weeks=20)
    scan_start(project=world.project, by=world.member, respondents=[world.member])
    _action(world, "Te laat", -3)
    _action(world, "Bijna", 2)
    _action(world, "Later", 40)
    _action(world, "Van een ander", 1, owner=world.coordinator)

    page = client_for(world.member).get(reverse("web:home")).content.decode()

    assert "Mijn taken" in page
    assert reverse("web:scan_answer", args=[world.project.scans.get().pk]) in page
    assert "Te laat" in page and "over de datum sinds 4 december 2026" in page
    assert "Bijna" in page and "moet over 2 dagen af" in page
    assert "Later" not in page and "nog 1 openstaande actie" in page
    assert "Van een ander" not in page
    assert "Stil project" in page and "Slim vegen" not in page.split("h-stalled")[1]


def test_my_tasks_lists_the_invitations_i_sent_that_are_still_open(clock, world):
    invitation_create(
        by=world.coordinator,
        organisation=world.a,
        email="nieuw@example.org",
        role="member",
        name="Nina Nieuw",
        site_url="http://testserver",
    )
    invitation_create_for_project(
        by=world.member,
        project=world.project,
        email="team@example.org",
        team_role="end_user",
        site_url="http://testserver",
    )
    page = client_for(world.coordinator).get(reverse("web:home")).content.decode()
    assert "Nina Nieuw (nieuw@example.org)" in page
    assert "de link werkt tot 14 december 2026" in page
    assert "team@example.org" not in page  # sent by someone else
    page = client_for(world.member).get(reverse("web:home")).content.decode()
    assert "team@example.org" in page
    assert reverse("web:project_invite", args=[world.project.pk]) in page


def test_my_tasks_shows_nothing_of_projects_i_may_not_see(clock, world):
    hidden = make_project(world.a, world.member, visibility=Visibility.TEAM, title="Geheim")
    team_member_set(project=hidden, by=world.member, user=world.viewer, team_role="end_user")
    scan_start(project=hidden, by=world.member, respondents=[world.viewer])
    # The viewer leaves the team: the scan that waited for them is no longer theirs to see.
    hidden.team.filter(user=world.viewer).delete()
    page = client_for(world.viewer).get(reverse("web:home")).content.decode()
    assert "Geheim" not in page
    assert "Er wacht geen scan op je antwoorden" in page


def test_my_tasks_in_english(clock, world):
    client = client_for(world.member)
    client.post(reverse("set_language"), {"language": "en", "next": "/"})
    page = client.get(reverse("web:home")).content.decode()
    assert "My tasks" in page and "No scan waits for your answers." in page


def test_the_header_counts_unread_notices_and_opening_one_reads_it(clock, world):
    team_member_set(
        project=world.project, by=world.member, user=world.other_member, team_role="developer"
    )
    project_move_stage(project=world.project, by=world.member, to="experiment")
    client = client_for(world.other_member)
    page = client.get(reverse("web:home")).content.decode()
    assert '<span class="koers-badge">1<span class="koers-visually-hidden"> ongelezen' in page

    listing = client.get(reverse("web:notices")).content.decode()
    notice = Notice.objects.get(recipient=world.other_member)
    assert "is van Idee naar Experiment gegaan" in listing
    response = client.get(reverse("web:notice_open", args=[notice.pk]))
    assert response["Location"] == reverse("web:project", args=[world.project.pk]) + "#h-timeline"
    assert "koers-badge" not in client.get(reverse("web:home")).content.decode()
    # Someone else's notice is not found.
    assert (
        client_for(world.member).get(reverse("web:notice_open", args=[notice.pk])).status_code
        == 404
    )


def test_mark_all_read(clock, world):
    scan_start(project=world.project, by=world.coordinator, respondents=[world.member])
    client = client_for(world.member)
    assert client.get(reverse("web:notices_read")).status_code == 405  # a change needs POST
    client.post(reverse("web:notices_read"))
    assert not Notice.objects.filter(read_at__isnull=True).exists()


def test_settings_page_saves_choices_and_offers_the_overview_to_coordinators_only(clock, world):
    url = reverse("web:notice_preferences")
    assert NoticeKind.COORDINATOR_DIGEST not in client_for(world.member).get(url).content.decode()
    client = client_for(world.coordinator)
    assert NoticeKind.COORDINATOR_DIGEST in client.get(url).content.decode()
    choices = {kind: "weekly" for kind in NoticeKind.values}
    response = client.post(url, {**choices, "scan_invited": "off", "language": "en"})
    assert response.status_code == 302
    saved = dict(Preference.objects.filter(user=world.coordinator).values_list("kind", "delivery"))
    assert saved["scan_invited"] == "off" and saved["coordinator_digest"] == "weekly"
    # A choice that is not offered is refused with a message, and nothing changes.
    response = client.post(url, {**choices, "coordinator_digest": "immediately", "language": "nl"})
    assert response.status_code == 200 and "koers-error" in response.content.decode()
    assert Preference.objects.get(user=world.coordinator, kind="scan_invited").delivery == "off"


def test_query_counts_do_not_grow_with_the_data(clock, world):
    client = client_for(world.member)

    def count(url):
        with CaptureQueriesContext(connection) as ctx:
            assert client.get(url).status_code == 200
        return len(ctx.captured_queries)

    def add(n):
        project = make_project(world.a, world.other_member, title=f"Project {n}")
        team_member_set(
            project=project, by=world.other_member, user=world.member, team_role="other"
        )
        project_move_stage(project=project, by=world.other_member, to="experiment")
        _action(world, f"Actie {n}", n % 10 - 5, project=project, by=world.other_member)
        invitation_create_for_project(
            by=world.member,
            project=world.project,
            email=f"genodigde{n}@example.org",
            team_role="end_user",
            site_url="http://testserver",
        )
        scan = scan_start(
            project=project, by=world.other_member, respondents=[world.member, world.other_member]
        )
        response = Response.objects.get(scan=scan, respondent=world.other_member)
        answers = {i.pk: 3 for i in scan_indicators(scan)}
        response_save(
            response=response,
            by=world.other_member,
            answers=answers,
            notes={},
            expected_version=1,
            submit=True,
        )

    add(0)
    add(1)
    notifications_run(now=MONDAY)
    urls = [reverse("web:home"), reverse("web:notices"), reverse("web:notice_preferences")]
    small = [count(url) for url in urls]
    for n in range(2, 14):
        add(n)
    notifications_run(now=MONDAY)
    assert Notice.objects.filter(recipient=world.member).count() > 30
    assert [count(url) for url in urls] == small
