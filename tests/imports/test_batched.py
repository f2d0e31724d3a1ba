"""The batched apply: a fixed number of queries whatever the number of rows, and the same
history, versions, team and notices the project services leave for the same changes."""

import pytest
from django.contrib.contenttypes.models import ContentType
from django.db import connection
from django.test.utils import CaptureQueriesContext

from koers.audit.models import ChangeRecord
from koers.imports.columns import recognise
from koers.imports.reading import read_table
from koers.imports.services import import_apply
from koers.notifications.models import Notice, NoticeKind
from koers.organisations.models import Organisation, Role
from koers.projects import lifecycle
from koers.projects.models import Project, TeamRole
from koers.projects.services import team_member_set
from tests.factories import OrganisationFactory, member

from .files import HEADERS_NL, csv_bytes, project_row

STAGES = ["Idee", "Experiment", "Ontwikkeling", "Geïmplementeerd", "Gestopt"]


def apply(raw, org, by):
    table = read_table(raw)
    return import_apply(
        by=by, organisation=org, table=table, mapping=recognise(table.headers), source="l.csv"
    )


def _queries(step) -> int:
    with CaptureQueriesContext(connection) as captured:
        step()
    return len(captured.captured_queries)


def _organisation(n: int):
    org = OrganisationFactory(slug=f"org-{n}")
    coordinator = member(org, Role.COORDINATOR, email=f"coord{n}@example.nl")
    leaders = [member(org, Role.MEMBER, email=f"l{i}-{n}@example.nl") for i in range(3)]
    return org, coordinator, leaders


def _rows(count: int, leaders, **extra: str) -> list[list[str]]:
    return [
        project_row(
            n,
            Fase=STAGES[n % len(STAGES)],
            **{"E-mail projectleider": leaders[n % 3].email if n % 2 else ""},
            **extra,
        )
        for n in range(1, count + 1)
    ]


@pytest.mark.django_db
def test_the_apply_reads_and_writes_a_fixed_number_of_queries():
    """5 rows and 40 rows, new and then changed, cost the same queries: the count does not
    grow with the list (up to a batch; a batch is 500 rows)."""
    ContentType.objects.get_for_models(Project, Organisation)  # the cache, warm for both
    counts = {}
    for size in (5, 40):
        org, coordinator, leaders = _organisation(size)
        created = _queries(lambda: apply(csv_bytes(_rows(size, leaders)), org, coordinator))  # noqa: B023
        changed = _rows(size, leaders[::-1], Titel="Anders", **{"Thema's": "Wonen"})
        for row in changed:  # forward one stage where the lifecycle allows it
            row[4] = {"Idee": "Experiment", "Ontwikkeling": "Geïmplementeerd"}.get(row[4], row[4])
        updated = _queries(lambda: apply(csv_bytes(changed), org, coordinator))  # noqa: B023
        counts[size] = (created, updated)
        assert Project.objects.filter(owner=org).count() == size
        assert Project.objects.filter(owner=org, title="Anders").count() == size
    assert counts[5] == counts[40]
    assert counts[40][0] < 40 and counts[40][1] < 40


@pytest.mark.django_db
def test_a_new_project_has_the_history_stages_and_team_of_the_services():
    org, coordinator, leaders = _organisation(1)
    raw = csv_bytes(
        [
            [
                *project_row(
                    1, Fase="Geïmplementeerd", **{"E-mail projectleider": leaders[0].email}
                ),
                "01-03-2025",
            ]
        ],
        headers=[*HEADERS_NL, "In fase sinds"],
    )
    apply(raw, org, coordinator)
    project = Project.objects.get()
    assert (project.stage, project.stage_since.isoformat()) == ("implemented", "2025-03-01")
    assert project.version == 3  # created at 1, two moves
    events = list(project.stage_events.order_by("id").values_list("from_stage", "to_stage", "on"))
    assert [(f, t, on.isoformat()) for f, t, on in events] == [
        ("", "idea", "2025-01-15"),
        ("idea", "development", "2025-03-01"),
        ("development", "implemented", "2025-03-01"),
    ]
    records = ChangeRecord.objects.filter(object_id=project.pk, content_type__model="project")
    assert sorted(records.values_list("action", flat=True)) == ["created", "stage", "stage", "team"]
    assert {r.actor_id for r in records} == {coordinator.pk}
    created = records.get(action="created").changes
    assert created["reference"] == "P-00001" and len(created["themes"]) == 2
    assert records.get(action="team").changes == {
        "user": leaders[0].pk,
        "team_role": TeamRole.PROJECT_LEADER,
        "added": True,
    }
    assert list(project.team.values_list("user_id", flat=True)) == [leaders[0].pk]
    assert not Notice.objects.exists()  # the stages were walked before anyone else joined


@pytest.mark.django_db
def test_a_changed_project_gets_a_version_per_change_history_and_its_team_notices():
    org, coordinator, leaders = _organisation(1)
    apply(csv_bytes([project_row(1, Fase="Experiment")]), org, coordinator)
    project = Project.objects.get()
    team_member_set(
        project=project, by=coordinator, user=leaders[1], team_role=TeamRole.DATA_SCIENTIST
    )
    version = project.version
    apply(
        csv_bytes(
            [
                project_row(
                    1,
                    Titel="Nieuwe titel",
                    Fase="Ontwikkeling",
                    **{"Thema's": "Wonen", "E-mail projectleider": leaders[1].email},
                )
            ]
        ),
        org,
        coordinator,
    )
    project.refresh_from_db()
    assert (project.title, project.stage) == ("Nieuwe titel", lifecycle.DEVELOPMENT)
    assert project.version == version + 2  # the fields, and the move
    assert list(project.themes.values_list("key", flat=True)) == ["housing"]
    assert project.team.get(user=leaders[1]).team_role == TeamRole.PROJECT_LEADER
    assert project.team.get(user=coordinator).team_role == TeamRole.PROJECT_LEADER  # stays
    records = ChangeRecord.objects.filter(
        object_id=project.pk, content_type__model="project", actor=coordinator
    )
    updated = records.filter(action="updated").latest("id").changes
    assert set(updated) == {"title", "themes"}
    assert records.filter(action="stage").latest("id").changes == {
        "stage": ["experiment", "development"]
    }
    assert records.filter(action="team").latest("id").changes["added"] is False
    notice = Notice.objects.get(kind=NoticeKind.STAGE_CHANGED)
    assert notice.recipient == leaders[1] and notice.data["to"] == "development"
