"""Evidence pages: a team member records a step, an end-user session and a learning event from
the project page with today filled in; bad input is said on the field in the user's language
and nothing is saved; viewers see but cannot record; another organisation's ids are 404; the
project page and its history show the records; lessons are searchable within visibility."""

import datetime

from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from koers.evidence import services
from koers.evidence.models import EndUserSession, LearningEvent, Step
from koers.projects.models import Visibility
from tests.factories import make_project


def client_for(user, language: str = "en") -> Client:
    client = Client(headers={"accept-language": language})
    client.force_login(user)
    client.cookies["django_language"] = language
    return client


def test_a_step_is_recorded_with_today_filled_in(world):
    client = client_for(world.member)
    url = reverse("web:step_create", args=[world.project.pk])
    form = client.get(url).context["form"]
    today = timezone.localdate()
    assert form["started_on"].value() == today
    assert form["planned_end"].value() == today + datetime.timedelta(days=14)
    response = client.post(
        url,
        {"goal": "Proef met de veegroute", "started_on": today, "planned_end": today},
    )
    assert response.status_code == 302 and response["Location"].endswith("#steps")
    step = Step.objects.get()
    assert (step.goal, step.result, step.created_by) == ("Proef met de veegroute", "", world.member)
    page = client.get(reverse("web:project", args=[world.project.pk])).content.decode()
    assert "Proef met de veegroute" in page
    history = client.get(reverse("web:project_history", args=[world.project.pk])).content.decode()
    assert "recorded the step “Proef met de veegroute”." in history


def test_a_redo_without_a_note_is_refused_on_its_field_in_dutch(world):
    client = client_for(world.member, "nl")
    step = services.step_create(
        project=world.project,
        by=world.member,
        goal="Eerste poging",
        started_on=timezone.localdate() - datetime.timedelta(days=7),
        planned_end=timezone.localdate(),
    )
    url = reverse("web:step_edit", args=[step.pk])
    data = {
        "version": 1,
        "goal": "Eerste poging",
        "started_on": step.started_on,
        "planned_end": step.planned_end,
        "result": "redo",
        "note": "",
    }
    response = client.post(url, data)
    assert response.status_code == 200
    assert "Bij ‘opnieuw’ hoort een toelichting" in " ".join(
        response.context["form"].errors["note"]
    )
    assert Step.objects.get().result == "" and Step.objects.count() == 1
    # with a note the redo is saved, finished today, and the next try is open
    response = client.post(url, {**data, "note": "De kaart was te grof."})
    assert response.status_code == 302
    first, second = Step.objects.order_by("id")
    assert (first.result, first.ended_on) == ("redo", timezone.localdate())
    assert (second.previous_try, second.try_number) == (first, 2)
    history = client.get(reverse("web:project_history", args=[world.project.pk])).content.decode()
    assert "rond de stap “Eerste poging” af: opnieuw." in history or "Eerste poging" in history


def test_an_end_user_session_with_a_negative_count_saves_nothing(world):
    client = client_for(world.member)
    url = reverse("web:end_user_session_create", args=[world.project.pk])
    form = client.get(url).context["form"]
    assert form["held_on"].value() == timezone.localdate() and form["kind"].value() == "interview"
    data = {"kind": "test", "held_on": timezone.localdate(), "participants": -4}
    response = client.post(url, data)
    assert response.context["form"].errors["participants"] == [
        "The number of participants cannot be negative."
    ]
    assert not EndUserSession.objects.exists()
    response = client.post(url, {**data, "participants": 6, "outcome": "Knop groter gemaakt"})
    assert response.status_code == 302 and response["Location"].endswith("#end-users")
    assert EndUserSession.objects.get().participants == 6


def test_a_stale_edit_is_refused(world):
    session = services.end_user_session_create(
        project=world.project,
        by=world.member,
        kind="demo",
        held_on=timezone.localdate(),
        participants=9,
    )
    services.end_user_session_update(
        session=session, by=world.coordinator, expected_version=1, participants=10
    )
    response = client_for(world.member).post(
        reverse("web:end_user_session_edit", args=[session.pk]),
        {"version": 1, "kind": "demo", "held_on": session.held_on, "participants": 11},
    )
    assert "Someone else changed this in the meantime" in response.content.decode()
    assert EndUserSession.objects.get().participants == 10


def test_viewers_see_evidence_but_cannot_record_it(world):
    services.learning_event_create(
        project=world.project,
        by=world.member,
        kind="learning_lunch",
        held_on=timezone.localdate(),
        lesson="Begin met de vraag, niet met de data.",
    )
    event = LearningEvent.objects.get()
    viewer = client_for(world.viewer)
    page = viewer.get(reverse("web:project", args=[world.project.pk])).content.decode()
    assert "Begin met de vraag, niet met de data." in page
    assert reverse("web:learning_event_create", args=[world.project.pk]) not in page
    assert (
        viewer.get(reverse("web:learning_event_create", args=[world.project.pk])).status_code == 403
    )
    assert viewer.post(reverse("web:learning_event_delete", args=[event.pk])).status_code == 403
    assert LearningEvent.objects.exists()


def _step(world, goal):
    today = timezone.localdate()
    return services.step_create(
        project=world.project, by=world.member, goal=goal, started_on=today, planned_end=today
    )


def test_another_organisations_ids_are_404(world):
    step = _step(world, "Intern")
    team_only = make_project(world.a, world.member, visibility=Visibility.TEAM, title="Dicht")
    outsider = client_for(world.b_coordinator)
    for url in (
        reverse("web:step_edit", args=[step.pk]),
        reverse("web:step_create", args=[team_only.pk]),
        reverse("web:end_user_session_create", args=[team_only.pk]),
        reverse("web:learning_event_edit", args=[10**6]),
    ):
        assert outsider.get(url).status_code == 404, url
    assert outsider.post(reverse("web:step_delete", args=[step.pk])).status_code == 404
    assert Step.objects.exists()


def test_deleting_keeps_the_history(world):
    client = client_for(world.member)
    session = services.end_user_session_create(
        project=world.project,
        by=world.member,
        kind="co_design",
        held_on=datetime.date(2026, 3, 2),
        participants=5,
    )
    assert client.get(reverse("web:end_user_session_delete", args=[session.pk])).status_code == 405
    response = client.post(reverse("web:end_user_session_delete", args=[session.pk]))
    assert response.status_code == 302 and not EndUserSession.objects.exists()
    history = client.get(reverse("web:project_history", args=[world.project.pk])).content.decode()
    assert "deleted the session with end users of" in history
    assert "recorded a session with end users of" in history


def _project_page_queries(client, project) -> int:
    with CaptureQueriesContext(connection) as queries:
        assert client.get(reverse("web:project", args=[project.pk])).status_code == 200
    return len(queries)


def test_the_project_page_does_not_query_per_record(world):
    client = client_for(world.member)
    today = timezone.localdate()

    def add(n):
        for k in range(n):
            day = today - datetime.timedelta(days=3 * k + 1)
            services.step_create(
                project=world.project,
                by=world.member,
                goal=f"Stap {k}",
                started_on=day - datetime.timedelta(days=5),
                planned_end=day,
                ended_on=day,
                result="redo",
                note="Opnieuw",
            )
            services.end_user_session_create(
                project=world.project, by=world.member, kind="test", held_on=day, participants=3
            )
            services.learning_event_create(
                project=world.project, by=world.member, kind="retrospective", held_on=day
            )

    add(1)
    few = _project_page_queries(client, world.project)
    add(8)
    assert _project_page_queries(client, world.project) == few


def test_lessons_page_searches_within_visibility(world):
    shared = make_project(world.b, world.b_member, visibility=Visibility.NETWORK, title="Buren")
    hidden = make_project(
        world.b, world.b_member, visibility=Visibility.ORGANISATION, title="Dicht"
    )
    for project, lesson in ((shared, "Wijkteams willen een kaart"), (hidden, "Wijkteams geheim")):
        services.learning_event_create(
            project=project,
            by=world.b_member,
            kind="community",
            held_on=datetime.date(2026, 2, 1),
            lesson=lesson,
        )
    client = client_for(world.viewer)
    page = client.get(reverse("web:lessons"), {"q": "wijkteams"}).content.decode()
    assert "Wijkteams willen een kaart" in page and "geheim" not in page
    own = client.get(reverse("web:lessons"), {"q": "wijkteams", "own": "1"}).content.decode()
    assert "Wijkteams willen een kaart" not in own and "No lesson matches" in own
    library = client.get(reverse("web:shared_project", args=[shared.pk])).content.decode()
    assert "Wijkteams willen een kaart" in library


def test_deleting_a_record_changed_since_the_page_was_read_is_refused(world):
    """The delete button sends the version its page showed, as the partners' and budget's
    do: a step changed in the meantime stays, and the page says why."""
    step = _step(world, "Proef")
    client = client_for(world.member)
    page = client.get(reverse("web:step_edit", args=[step.pk])).content.decode()
    assert 'name="version" value="1"' in page
    services.step_update(step=step, by=world.coordinator, expected_version=1, goal="Anders")
    response = client.post(reverse("web:step_delete", args=[step.pk]), {"version": 1}, follow=True)
    assert "Someone else changed this in the meantime" in response.content.decode()
    assert Step.objects.get().goal == "Anders"
    client.post(reverse("web:step_delete", args=[step.pk]), {"version": 2})
    assert not Step.objects.exists()
