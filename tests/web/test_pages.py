"""Pages: each renders for the roles that may see it, is refused for the others, and another
organisation's ids give 404. Forms answer field by field in the user's language."""

import re

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from koers.actions.services import action_create
from koers.assessments.models import Response
from koers.assessments.services import response_save, scan_indicators, scan_start
from koers.projects.models import Project, Visibility
from tests.factories import make_project


def client_for(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


@pytest.fixture
def pages(world):
    scan = scan_start(project=world.project, by=world.member, respondents=[world.member])
    action = action_create(project=world.project, by=world.member, title="Eerste actie")
    p = world.project.pk
    return {
        "read": [
            reverse("web:home"),
            reverse("web:projects"),
            reverse("web:notices"),
            reverse("web:notice_preferences"),
            reverse("web:project", args=[p]),
            reverse("web:scan", args=[scan.pk]),
        ],
        "edit": [
            reverse("web:project_edit", args=[p]),
            reverse("web:project_stage", args=[p]),
            reverse("web:project_team", args=[p]),
            reverse("web:scan_start", args=[p]),
            reverse("web:action_create", args=[p]),
            reverse("web:action_edit", args=[action.pk]),
        ],
        "answer": reverse("web:scan_answer", args=[scan.pk]),
        "scan": scan,
    }


def test_anonymous_visitors_are_sent_to_login(world, pages):
    for url in pages["read"] + pages["edit"]:
        response = Client().get(url)
        assert response.status_code == 302 and "/accounts/login/" in response["Location"]


@pytest.mark.parametrize("who", ["viewer", "member", "other_member", "coordinator", "admin"])
def test_everyone_in_the_organisation_reads(world, pages, who):
    client = client_for(getattr(world, who))
    for url in pages["read"]:
        assert client.get(url).status_code == 200, url


@pytest.mark.parametrize(
    ("who", "status"),
    [("member", 200), ("coordinator", 200), ("viewer", 403), ("other_member", 403)],
)
def test_edit_pages_per_role(world, pages, who, status):
    client = client_for(getattr(world, who))
    for url in pages["edit"]:
        assert client.get(url).status_code == status, url


@pytest.mark.parametrize("who", ["b_member", "b_coordinator"])
def test_another_organisation_gets_404_for_every_page(world, pages, who):
    client = client_for(getattr(world, who))
    for url in pages["read"][4:] + pages["edit"] + [pages["answer"]]:
        assert client.get(url).status_code == 404, url
    for url in pages["read"][:4]:
        assert world.project.title not in client.get(url).content.decode(), url


def test_only_invited_respondents_can_answer(world, pages):
    assert client_for(world.member).get(pages["answer"]).status_code == 200
    assert client_for(world.coordinator).get(pages["answer"]).status_code == 404


def test_create_project_form_validates_in_dutch_and_saves_nothing(world):
    client = client_for(world.member)
    response = client.post(
        reverse("web:project_create"), {"owner": world.a.pk, "title": "", "visibility": "x"}
    )
    assert response.status_code == 200
    body = response.content.decode()
    assert "Dit veld is verplicht." in body and 'aria-invalid="true"' in body
    assert Project.objects.count() == 1


def test_create_project_form_answers_in_english_on_request(world):
    client = client_for(world.member)
    client.post(reverse("set_language"), {"language": "en", "next": "/"})
    response = client.post(reverse("web:project_create"), {"owner": world.a.pk, "title": ""})
    assert "This field is required." in response.content.decode()


def test_cannot_register_a_project_for_another_organisation(world):
    client = client_for(world.member)
    data = {
        "owner": world.b.pk,
        "title": "Sneaky",
        "problem": "p",
        "domain": "physical",
        "visibility": "team",
    }
    response = client.post(reverse("web:project_create"), data)
    assert response.status_code == 200 and not Project.objects.filter(title="Sneaky").exists()


def test_full_flow_through_forms(world, pages):
    client = client_for(world.member)
    p = world.project.pk
    response = client.post(
        reverse("web:project_stage", args=[p]),
        {"to": "scaled_internal", "on": "2020-01-01", "note": ""},
    )
    assert response.status_code == 200  # not an allowed target: refused, nothing changed
    assert Project.objects.get().stage == "idea"
    scan = pages["scan"]
    indicators = {f"i{i.pk}": "4" for i in scan_indicators(scan) if i.position == 1}
    response = client.post(
        reverse("web:scan_answer", args=[scan.pk]), {"version": 1, "submit": "", **indicators}
    )
    assert response.status_code == 302
    assert Response.objects.get(scan=scan).submitted_at is not None
    body = client.get(reverse("web:scan", args=[scan.pk])).content.decode()
    assert "<svg" in body and "Factor 1 (nl)" in body
    assert not re.search(r'(cx|cy)="\d+,\d', body)  # SVG numbers never get a decimal comma


def test_stale_edit_form_shows_a_conflict(world):
    client = client_for(world.member)
    url = reverse("web:project_edit", args=[world.project.pk])
    data = {
        "title": "Nieuwe titel",
        "problem": "p",
        "domain": "physical",
        "visibility": "team",
        "version": 1,
    }
    assert client.post(url, data).status_code == 302
    response = client.post(url, {**data, "title": "Andere titel"})
    assert (
        "in the meantime" in response.content.decode() or "ondertussen" in response.content.decode()
    )
    assert Project.objects.get().title == "Nieuwe titel"


def test_query_counts_do_not_grow_with_the_data(world):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    client = client_for(world.coordinator)

    def count(url):
        with CaptureQueriesContext(connection) as ctx:
            assert client.get(url).status_code == 200
        return len(ctx.captured_queries)

    def add(n):
        make_project(world.a, world.member, visibility=Visibility.TEAM, title=f"Project {n}")
        action_create(project=world.project, by=world.member, title=f"Actie {n}")
        scan = scan_start(project=world.project, by=world.member, respondents=[world.member])
        response = Response.objects.get(scan=scan)
        response_save(
            response=response,
            by=world.member,
            answers={i.pk: 3 for i in scan_indicators(scan)},
            notes={},
            expected_version=1,
            submit=True,
        )

    add(0)
    project_url = reverse("web:project", args=[world.project.pk])
    count(project_url)  # warm: a framework version's content is read once a process
    add(1)  # with a previous scan, as most projects have
    urls = [reverse("web:home"), reverse("web:projects"), project_url]
    small = [count(url) for url in urls]
    for n in range(2, 17):
        add(n)
    large = [count(url) for url in urls]
    assert large == small


def test_dutch_by_default_whatever_the_browser_asks(world):
    client = client_for(world.member)
    response = client.get(reverse("web:home"), HTTP_ACCEPT_LANGUAGE="en-GB,en")
    assert response["Content-Language"] == "nl"
    client.post(reverse("set_language"), {"language": "en", "next": "/"})
    assert client.get(reverse("web:home"))["Content-Language"] == "en"
    client.post(reverse("set_language"), {"language": "xx", "next": "/"})  # unknown: ignored
    assert client.get(reverse("web:home"))["Content-Language"] == "en"


def test_stale_stage_form_shows_a_conflict(world):
    """The stage form carries the project's version: a move posted from a page read before
    someone else's move is refused with the conflict message, also when the stage it names
    is no longer offered."""
    page = client_for(world.member).get(reverse("web:project", args=[world.project.pk]))
    assert f'name="version" value="{world.project.version}"' in page.content.decode()
    url = reverse("web:project_stage", args=[world.project.pk])
    today = timezone.localdate().isoformat()
    read = {"on": today, "version": world.project.version}
    first = client_for(world.member).post(url, {**read, "to": "experiment"})
    assert first.status_code == 302
    for stale in ({"to": "stopped", "note": "Geen budget"}, {"to": "experiment"}):
        response = client_for(world.coordinator).post(url, {**read, **stale})
        assert response.status_code == 200
        assert "ondertussen" in response.content.decode()
    assert Project.objects.get().stage == "experiment"
    assert Project.objects.get().stage_events.count() == 2
