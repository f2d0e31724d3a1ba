"""The dry run and the apply: per row what would be created or updated or why not; the whole
list or nothing; importing again updates, never duplicates; history with the importer as
author; the data version bumped once; only coordinators and administrators."""

import pytest
from django.core.exceptions import PermissionDenied

from koers.audit.models import ChangeRecord
from koers.imports.columns import recognise
from koers.imports.plan import CREATE, ERROR, UNCHANGED, UPDATE
from koers.imports.reading import read_table
from koers.imports.services import ImportNotApplied, import_apply, import_check
from koers.organisations.models import Organisation, Role
from koers.projects import lifecycle
from koers.projects.models import Project, TeamRole
from tests.factories import OrganisationFactory, member

from .files import csv_bytes, project_row, refuse_title, xlsx_bytes


@pytest.fixture
def org(db):
    return OrganisationFactory(slug="utrecht", name="Gemeente Utrecht")


@pytest.fixture
def coordinator(org):
    return member(org, Role.COORDINATOR, username="coord", email="coord@utrecht.nl")


def check(raw, org, by):
    table = read_table(raw)
    return import_check(by=by, organisation=org, table=table, mapping=recognise(table.headers))


def apply(raw, org, by, source="lijst.csv"):
    table = read_table(raw)
    return import_apply(
        by=by, organisation=org, table=table, mapping=recognise(table.headers), source=source
    )


def test_a_clean_list_creates_every_project_with_its_fields(org, coordinator):
    leader = member(org, Role.MEMBER, email="Leider@Utrecht.nl")
    raw = csv_bytes(
        [
            project_row(1, Fase="Geïmplementeerd", **{"E-mail projectleider": "leider@utrecht.nl"}),
            project_row(2, Domein="physical", Fase="idea", Zichtbaarheid="Openbaar"),
        ]
    )
    plan = check(raw, org, coordinator)
    assert plan.ok and [r.action for r in plan.rows] == [CREATE, CREATE]
    assert Project.objects.count() == 0  # a dry run saves nothing

    applied = apply(raw, org, coordinator)
    assert (applied.created, applied.updated) == (2, 0)
    first = Project.objects.get(reference="P-00001")
    assert first.title == "Project 1" and first.domain == "social"
    assert first.stage == lifecycle.IMPLEMENTED
    assert first.started_on.isoformat() == "2025-01-15"
    assert sorted(first.themes.values_list("key", flat=True)) == ["housing", "youth"]
    assert list(first.techniques.values_list("key", flat=True)) == ["dashboard"]
    assert list(first.stage_events.values_list("to_stage", flat=True)) == [
        "idea",
        "development",
        "implemented",
    ]
    # the named leader leads; the importer is not left on the team
    assert list(first.team.values_list("user_id", "team_role")) == [
        (leader.pk, TeamRole.PROJECT_LEADER)
    ]
    second = Project.objects.get(reference="P-00002")
    assert (second.visibility, second.stage) == ("public", "idea")
    assert second.team.get().user == coordinator  # no leader named: the importer leads


def test_history_names_the_importer_and_the_data_version_moves_once(org, coordinator):
    before = org.data_version
    apply(csv_bytes([project_row(n, Fase="Ontwikkeling") for n in range(1, 6)]), org, coordinator)
    org.refresh_from_db()
    assert org.data_version == before + 1
    records = ChangeRecord.objects.filter(action="created", content_type__model="project")
    assert records.count() == 5
    assert {r.actor_id for r in records} == {coordinator.pk}
    imported = ChangeRecord.objects.get(action="import")
    assert imported.changes["created"] == 5 and imported.actor == coordinator


def test_importing_again_updates_and_never_duplicates(org, coordinator):
    apply(xlsx_bytes([project_row(n) for n in range(1, 4)]), org, coordinator)
    again = xlsx_bytes(
        [
            project_row(1),  # the same
            project_row(2, Titel="Project twee", Fase="Ontwikkeling"),
            project_row(3, Kenmerk=" p-00003 "),  # case and spaces do not make it another
            project_row(4),
        ]
    )
    plan = check(again, org, coordinator)
    assert [r.action for r in plan.rows] == [UNCHANGED, UPDATE, UNCHANGED, CREATE]
    assert plan.rows[1].changes == ["Title", "Stage"]
    version = Project.objects.get(reference="P-00002").version
    applied = apply(again, org, coordinator)
    assert (applied.created, applied.updated, applied.unchanged) == (1, 1, 2)
    assert Project.objects.count() == 4
    second = Project.objects.get(reference="P-00002")
    assert (second.title, second.stage) == ("Project twee", "development")
    assert second.version > version
    assert ChangeRecord.objects.filter(
        object_id=second.pk, action="updated", actor=coordinator
    ).exists()


def test_row_problems_name_row_column_and_reason_and_nothing_is_saved(org, coordinator):
    member(org, Role.VIEWER, email="kijker@utrecht.nl")
    raw = csv_bytes(
        [
            project_row(1),
            project_row(2, Domein="Ruimte"),
            project_row(3, **{"Gestart op": "31-02-2025"}),
            project_row(4, Titel='=HYPERLINK("http://evil")'),
            project_row(5, **{"E-mail projectleider": "kijker@utrecht.nl"}),
            project_row(6, **{"E-mail projectleider": "vreemde@elders.nl"}),
            project_row(7, Kenmerk="P-00001"),
            project_row(8, Titel="", Probleem=""),
            project_row(9, Kenmerk=""),
            project_row(10, **{"Thema's": "Wonen; Ruimtevaart"}),
            project_row(11, Probleem="x" * 5001),
        ]
    )
    plan = check(raw, org, coordinator)
    problems = {r.row: [(p.column, p.message) for p in r.problems] for r in plan.bad_rows}
    assert list(problems) == [3, 4, 5, 6, 7, 8, 9, 10, 11, 12]
    assert problems[3][0][0] == "Domein (D)" and "“Ruimte” is not known" in problems[3][0][1]
    assert "not an existing date" in problems[4][0][1]
    assert problems[5][0][0] == "Titel (B)" and "formula" in problems[5][0][1]
    assert "viewer" in problems[6][0][1]
    assert "not a member of Gemeente Utrecht" in problems[7][0][1]
    assert "already on row 2" in problems[8][0][1]
    assert [c for c, _m in problems[9]] == ["Titel (B)", "Probleem (C)"]
    assert problems[10] == [("Kenmerk (A)", "Each row needs a reference.")]
    assert "“Ruimtevaart”" in problems[11][0][1]
    assert "at most 5000 characters" in problems[12][0][1]
    assert all(r.action == ERROR for r in plan.bad_rows)

    with pytest.raises(ImportNotApplied):
        apply(raw, org, coordinator)
    assert Project.objects.count() == 0
    assert not ChangeRecord.objects.exists()


def test_a_refusal_in_a_later_batch_rolls_back_every_row(org, coordinator, monkeypatch):
    """The plan cannot foresee everything the model checks; when it refuses a row of the
    second batch, the batch written before it is undone too, and the data version stays."""
    from koers.imports import apply as batched

    monkeypatch.setattr(batched, "BATCH", 2)
    refuse_title(monkeypatch, "Project 3", "refused")
    before = Organisation.objects.get(pk=org.pk).data_version
    with pytest.raises(ImportNotApplied) as caught:
        apply(csv_bytes([project_row(n) for n in range(1, 6)]), org, coordinator)
    assert caught.value.plan.rows[2].problems[0].message == "refused"
    assert Project.objects.count() == 0
    assert not ChangeRecord.objects.exists()
    assert Organisation.objects.get(pk=org.pk).data_version == before


def test_a_reference_taken_in_the_meantime_saves_nothing(org, coordinator, monkeypatch):
    """Between the dry run and the write someone saved a project with a list's reference:
    the database's constraint refuses it, and no row of the list is kept."""
    from koers.imports import services
    from tests.factories import make_project

    make_project(org, coordinator, reference="P-00002")
    real = services.load_context

    def blind(organisation, **kwargs):  # as if the project came after the plan was made
        context = real(organisation, **kwargs)
        context.projects = {}
        return context

    monkeypatch.setattr(services, "load_context", blind)
    with pytest.raises(ImportNotApplied) as caught:
        apply(csv_bytes([project_row(n) for n in range(1, 4)]), org, coordinator)
    assert "in the meantime" in caught.value.plan.problems[0]
    assert Project.objects.count() == 1


def test_stage_moves_the_lifecycle_cannot_make_are_refused(org, coordinator):
    apply(csv_bytes([project_row(1, Fase="Gestopt")]), org, coordinator)
    plan = check(csv_bytes([project_row(1, Fase="Ontwikkeling")]), org, coordinator)
    assert plan.rows[0].problems[0].column == "Fase (E)"
    assert "Reopen it first at the stage where it stopped" in plan.rows[0].problems[0].message
    apply(csv_bytes([project_row(2, Fase="Geïmplementeerd")]), org, coordinator)
    plan = check(csv_bytes([project_row(2, Fase="Idee")]), org, coordinator)
    assert "only go back one stage at a time" in plan.rows[0].problems[0].message
    plan = check(csv_bytes([project_row(2, Fase="Intern opgeschaald")]), org, coordinator)
    assert plan.ok and plan.rows[0].stage_path == ["scaled_internal"]


def test_archived_projects_are_not_changed_by_an_import(org, coordinator):
    from koers.projects.services import project_archive

    apply(csv_bytes([project_row(1)]), org, coordinator)
    project_archive(project=Project.objects.get(), by=coordinator)
    plan = check(csv_bytes([project_row(1, Titel="Anders")]), org, coordinator)
    assert "archived" in plan.rows[0].problems[0].message


def test_no_reference_column_is_a_problem_of_the_whole_file(org, coordinator):
    raw = csv_bytes([["Iets", "Sociaal domein"]], headers=["Titel", "Domein"])
    plan = check(raw, org, coordinator)
    assert not plan.ok and "reference" in plan.problems[0]


@pytest.mark.parametrize("role", [Role.VIEWER, Role.MEMBER])
def test_only_coordinators_and_administrators_import(org, role):
    person = member(org, role)
    with pytest.raises(PermissionDenied):
        check(csv_bytes([project_row(1)]), org, person)
    with pytest.raises(PermissionDenied):
        apply(csv_bytes([project_row(1)]), org, person)
    assert Project.objects.count() == 0


def test_an_administrator_imports(org):
    admin = member(org, Role.ADMINISTRATOR)
    assert apply(csv_bytes([project_row(1)]), org, admin).created == 1


def test_a_coordinator_elsewhere_cannot_import_here(org):
    other = OrganisationFactory()
    person = member(other, Role.COORDINATOR)
    with pytest.raises(PermissionDenied):
        check(csv_bytes([project_row(1)]), org, person)


def test_the_dry_run_reads_a_fixed_number_of_queries(
    org, coordinator, django_assert_max_num_queries
):
    apply(csv_bytes([project_row(n) for n in range(1, 6)]), org, coordinator)
    big = csv_bytes([project_row(n) for n in range(1, 400)])
    with django_assert_max_num_queries(12):
        plan = check(big, org, coordinator)
    assert plan.count(CREATE) == 394 and plan.count(UNCHANGED) == 5


def test_a_reference_is_unique_within_an_organisation_only(org, coordinator):
    from django.core.exceptions import ValidationError

    from koers.projects.services import project_update
    from tests.factories import make_project

    first = make_project(org, coordinator, reference="Z-1")
    second = make_project(org, coordinator, title="Ander project")
    with pytest.raises(ValidationError, match="already has this reference"):
        project_update(project=second, by=coordinator, expected_version=1, reference="Z-1")
    elsewhere = OrganisationFactory()
    make_project(elsewhere, member(elsewhere, Role.MEMBER), reference="Z-1")
    make_project(org, coordinator, title="Zonder kenmerk")  # empty references never clash
    assert first.reference == "Z-1"
