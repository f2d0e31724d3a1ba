"""Reading evidence: scoped by the project's visibility (another organisation's ids give 404),
the latest evidence dates of many projects in a fixed number of queries, lessons searchable
across what the user may see, and step activity keeping a project off the stalled list."""

import datetime

import pytest
from django.http import Http404
from django.utils import timezone

from koers.evidence import selectors, services
from koers.evidence.selectors import EvidenceDates
from koers.insights.stalls import last_activity, stalled_projects
from koers.projects.models import Project, Visibility
from tests.factories import make_project

D = datetime.date


def _session(project, by, day, n=5):
    return services.end_user_session_create(
        project=project, by=by, kind="test", held_on=day, participants=n
    )


def _learning(project, by, day, lesson="Kleine stappen"):
    return services.learning_event_create(
        project=project, by=by, kind="retrospective", held_on=day, lesson=lesson
    )


def _finished_step(project, by, day):
    return services.step_create(
        project=project,
        by=by,
        goal="Stap",
        started_on=day - datetime.timedelta(days=10),
        planned_end=day,
        ended_on=day,
        result="worked",
    )


def test_another_organisations_records_are_not_found(world):
    team_only = make_project(world.a, world.member, visibility=Visibility.TEAM, title="Geheim")
    step = _finished_step(team_only, world.member, D(2026, 1, 10))
    session = _session(team_only, world.member, D(2026, 1, 10))
    event = _learning(team_only, world.member, D(2026, 1, 10))
    assert selectors.step_get(user=world.member, pk=step.pk) == step
    for getter, record in (
        (selectors.step_get, step),
        (selectors.end_user_session_get, session),
        (selectors.learning_event_get, event),
    ):
        for outsider in (world.b_member, world.b_coordinator, world.viewer):
            with pytest.raises(Http404):
                getter(user=outsider, pk=record.pk)
        with pytest.raises(Http404):
            getter(user=world.member, pk=2**70)  # not even an id


def test_evidence_dates_of_many_projects_in_three_queries(world, django_assert_num_queries):
    projects = [world.project] + [
        make_project(world.a, world.member, title=f"Project {n}") for n in range(4)
    ]
    for n, project in enumerate(projects[:4]):
        day = D(2026, 3, 1 + n)
        _finished_step(project, world.member, day)
        _finished_step(project, world.member, day - datetime.timedelta(days=20))
        _session(project, world.member, day)
        if n % 2 == 0:
            _learning(project, world.member, day)
    # a running step is not a finished one
    services.step_create(
        project=projects[4],
        by=world.member,
        goal="Loopt nog",
        started_on=D(2026, 3, 1),
        planned_end=D(2026, 3, 20),
    )
    ids = [p.pk for p in projects]
    with django_assert_num_queries(3):
        dates = selectors.evidence_dates(ids)
    assert dates[projects[0].pk] == EvidenceDates(D(2026, 3, 1), D(2026, 3, 1), D(2026, 3, 1))
    assert dates[projects[1].pk] == EvidenceDates(D(2026, 3, 2), D(2026, 3, 2), None)
    assert projects[4].pk not in dates
    # a queryset of ids works the same, still three queries
    with django_assert_num_queries(3):
        assert selectors.evidence_dates(Project.objects.filter(pk__in=ids).values("pk")) == dates


def test_lessons_are_searched_across_what_the_user_may_see(world):
    shared = make_project(world.b, world.b_member, visibility=Visibility.NETWORK, title="Buren")
    hidden = make_project(world.b, world.b_member, visibility=Visibility.TEAM, title="Dicht")
    _learning(world.project, world.member, D(2026, 2, 1), lesson="Betrek de wijkteams vroeg")
    _learning(shared, world.b_member, D(2026, 2, 2), lesson="Wijkteams willen een kaart")
    _learning(hidden, world.b_member, D(2026, 2, 3), lesson="Wijkteams zijn druk")
    _learning(world.project, world.member, D(2026, 2, 4), lesson="")  # no lesson: not listed

    found = list(selectors.lessons_search(user=world.viewer, query="wijkteams"))
    assert [e.project.title for e in found] == ["Buren", "Slim vegen"]
    assert [e.project for e in selectors.lessons_search(user=world.viewer, query="kaart")] == [
        shared
    ]
    own = selectors.lessons_search(user=world.viewer, organisation_ids=[world.a.pk])
    assert [e.project for e in own] == [world.project]
    assert [e.project for e in selectors.lessons_search(user=world.b_member, query="druk")] == [
        hidden
    ]
    assert list(selectors.shared_lessons_of(project=shared))[0].lesson.startswith("Wijkteams")
    assert not selectors.shared_lessons_of(project=world.project).exists()  # organisation only


def test_project_evidence_in_three_queries(world, django_assert_num_queries):
    for n in range(3):
        _finished_step(world.project, world.member, D(2026, 3, 1 + 7 * n))
        _session(world.project, world.member, D(2026, 3, 1 + 7 * n))
        _learning(world.project, world.member, D(2026, 3, 1 + 14 * n))
    with django_assert_num_queries(3):
        evidence = selectors.project_evidence(project=world.project, today=D(2026, 4, 1))
    assert evidence.step_figures.days_since_last_finished == 17
    assert evidence.step_figures.median_days == 10
    assert evidence.learning_cadence.median_interval_days == 14
    assert evidence.learning_cadence.last == D(2026, 3, 29)


def test_a_step_recorded_counts_as_activity_against_stalling(world):
    today = timezone.localdate()
    Project.objects.filter(pk=world.project.pk).update(
        stage="experiment", stage_since=today - datetime.timedelta(weeks=30)
    )
    projects = Project.objects.filter(pk=world.project.pk)
    assert list(stalled_projects(projects, today=today)) == [world.project]
    stalled = stalled_projects(projects, today=today).get()
    assert stalled.last_step_at is None
    assert last_activity(stalled) == today - datetime.timedelta(weeks=30)

    services.step_create(
        project=world.project,
        by=world.member,
        goal="Nieuwe poging",
        started_on=today,
        planned_end=today + datetime.timedelta(days=14),
    )
    assert not stalled_projects(projects, today=today).exists()
