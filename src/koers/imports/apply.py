"""Carrying out a checked plan in bulk: a fixed number of queries per batch of rows, whatever
the batch's size, instead of the project services' ~50 a row.

It writes what the services would write for the same rows, and nothing else: the projects
(validated field by field as project_create and project_update do), their themes and
techniques, the team (the named leader, else the importer), a dated stage event for every
stage walked through, a version bump per change, and the change records with the importer
as author. The stage moves of existing projects give their team the notices a move on the
page gives (new projects had only the importer in the team while their stages were walked,
so nobody gets a notice for those). The caller holds the transaction, the lock on the
referenced projects and the one bump of the organisation's data version (services.py)."""

import datetime
from collections.abc import Iterator, Sequence
from typing import Any

from django.core.exceptions import ValidationError
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext as _

from koers.audit.services import change_records_add, field_changes
from koers.organisations.models import Organisation
from koers.projects import lifecycle
from koers.projects.models import Project, ProjectMember, StageEvent, TeamRole, Visibility
from koers.projects.services import PROJECT_FIELDS

from .plan import CREATE, UPDATE, Plan, Problem, RowPlan

# Rows written per round of bulk queries: small enough for SQLite's parameter limit per
# statement and for memory, large enough that a list of 10,000 rows takes 20 rounds.
BATCH = 500
SIMPLE_FIELDS = ("title", "problem", "domain", "visibility", "data_sources")
# Foreign keys are set by the import itself (owner, importer); checking that they exist
# would cost a query per row.
NOT_VALIDATED = ["owner", "created_by", "sponsor", "last_scan"]
Change = tuple[Any, str, dict]
LEADER = TeamRole.PROJECT_LEADER


def apply_plan(plan: Plan, *, organisation: Organisation, by: Any, note: str) -> None:
    """Write every row of a plan without problems. A row the models refuse (ValidationError)
    gets the reason as its problem and the error is raised: the caller rolls back."""
    creates = [row for row in plan.rows if row.ok and row.action == CREATE]
    updates = [row for row in plan.rows if row.ok and row.action == UPDATE]
    for rows in _batches(creates):
        _create_batch(rows, organisation=organisation, by=by, note=note)
    for rows in _batches(updates):
        _update_batch(rows, by=by, note=note)


def _batches(rows: Sequence[RowPlan]) -> Iterator[Sequence[RowPlan]]:
    for start in range(0, len(rows), BATCH):
        yield rows[start : start + BATCH]


def check_project(row: RowPlan, project: Project) -> None:
    """The model's own checks, as the services' full_clean makes them (the reference's
    uniqueness the plan has checked against the locked projects, and the database's
    constraint checks it again)."""
    try:
        project.full_clean(exclude=NOT_VALIDATED, validate_unique=False, validate_constraints=False)
    except ValidationError as refused:
        row.problems.append(Problem("", " ".join(refused.messages)))
        raise


def _snapshot(project: Project, themes: list[int], techniques: list[int]) -> dict[str, Any]:
    data: dict[str, Any] = {name: getattr(project, name) for name in PROJECT_FIELDS}
    data["sponsor"] = project.sponsor_id
    data["themes"], data["techniques"] = sorted(themes), sorted(techniques)
    return data


def _moves(
    project: Project, path: list[str], *, on: datetime.date, note: str, by: Any
) -> tuple[list[StageEvent], list[Change]]:
    """The events and change records of walking a project through `path`, and the project's
    stage, date and version after it (as project_move_stage leaves them)."""
    events, changes = [], []
    for stage in path:
        events.append(
            StageEvent(
                project=project, from_stage=project.stage, to_stage=stage, on=on, note=note, by=by
            )
        )
        changes.append((project, "stage", {"stage": [project.stage, stage]}))
        project.stage, project.stage_since = stage, on
        project.version += 1
    return events, changes


def _create_batch(
    rows: Sequence[RowPlan], *, organisation: Organisation, by: Any, note: str
) -> None:
    """The projects are inserted at their final stage; what refers to them (themes, team,
    events, history) is made beforehand and takes their ids when inserted after them."""
    today = timezone.localdate()
    projects: list[Project] = []
    events: list[StageEvent] = []
    changes: list[Change] = []
    members, themes, techniques = [], [], []
    for row in rows:
        values = row.values
        started = values.get("started_on") or today
        project = Project(
            owner=organisation,
            reference=values["reference"],
            title=values["title"],
            problem=values["problem"],
            domain=values["domain"],
            visibility=values.get("visibility", Visibility.ORGANISATION),
            data_sources=values.get("data_sources", ""),
            stage=lifecycle.IDEA,
            stage_since=started,
            started_on=started,
            created_by=by,
        )
        check_project(row, project)
        projects.append(project)
        theme_ids = [t.pk for t in values.get("themes", ())]
        technique_ids = [t.pk for t in values.get("techniques", ())]
        themes += [Project.themes.through(project=project, theme_id=i) for i in theme_ids]
        techniques += [
            Project.techniques.through(project=project, technique_id=i) for i in technique_ids
        ]
        changes.append((project, "created", _snapshot(project, theme_ids, technique_ids)))
        events.append(
            StageEvent(
                project=project,
                to_stage=lifecycle.IDEA,
                on=started,
                by=by,
                note=_("Project registered"),
            )
        )
        on = values.get("stage_since") or started
        moved, moved_changes = _moves(project, row.stage_path, on=on, note=note, by=by)
        events += moved
        changes += moved_changes
        # The stages were walked with the importer as the only team member (no notices);
        # the named leader then leads the project, and the importer is not on its team.
        leader = row.leader or by
        members.append(ProjectMember(project=project, user=leader, team_role=LEADER))
        if leader.pk != by.pk:
            added = {"user": leader.pk, "team_role": LEADER, "added": True}
            changes.append((project, "team", added))
    Project.objects.bulk_create(projects)
    Project.themes.through.objects.bulk_create(themes)
    Project.techniques.through.objects.bulk_create(techniques)
    ProjectMember.objects.bulk_create(members)
    StageEvent.objects.bulk_create(events)
    change_records_add(actor=by, changes=changes)


def _update_batch(rows: Sequence[RowPlan], *, by: Any, note: str) -> None:
    today = timezone.localdate()
    changed: list[tuple[Project, set[str], int]] = []  # project, its columns, versions raised
    events: list[StageEvent] = []
    changes: list[Change] = []
    new_themes: dict[int, list[int]] = {}
    new_techniques: dict[int, list[int]] = {}
    for row in rows:
        project = row.project
        assert project is not None
        values = row.values
        before = _snapshot(project, row.relations["themes"], row.relations["techniques"])
        for name in SIMPLE_FIELDS:
            if name in values:
                setattr(project, name, values[name])
        themes = [t.pk for t in values["themes"]] if "themes" in values else before["themes"]
        techniques = (
            [t.pk for t in values["techniques"]] if "techniques" in values else before["techniques"]
        )
        fields = field_changes(before, _snapshot(project, themes, techniques))
        if fields:
            check_project(row, project)
            project.version += 1
            changes.append((project, "updated", fields))
            if "themes" in fields:
                new_themes[project.pk] = themes
            if "techniques" in fields:
                new_techniques[project.pk] = techniques
        on = values.get("stage_since") or today
        moved, moved_changes = _moves(project, row.stage_path, on=on, note=note, by=by)
        events += moved
        changes += moved_changes
        if fields or moved:
            columns = {name for name in fields if name in SIMPLE_FIELDS}
            if moved:
                columns |= {"stage", "stage_since"}
            changed.append((project, columns, (1 if fields else 0) + len(moved)))
    _save(changed)
    _replace_relation("theme_id", Project.themes.through, new_themes)
    _replace_relation("technique_id", Project.techniques.through, new_techniques)
    StageEvent.objects.bulk_create(events)
    _after_moves(events, by=by)
    changes += _set_leaders(rows, by=by)
    change_records_add(actor=by, changes=changes)


def _save(changed: list[tuple[Project, set[str], int]]) -> None:
    """Only the columns that changed in the batch (a CASE per column and row is what costs),
    and the version raised by one statement per distinct raise (a handful)."""
    columns = set().union(*(columns for _project, columns, _raised in changed))
    if columns:
        Project.objects.bulk_update(
            [project for project, own, _raised in changed if own], sorted(columns)
        )
    by_raise: dict[int, list[int]] = {}
    for project, _columns, raised in changed:
        by_raise.setdefault(raised, []).append(project.pk)
    now = timezone.now()
    for raised, ids in by_raise.items():
        Project.objects.filter(pk__in=ids).update(version=F("version") + raised, updated_at=now)


def _replace_relation(column: str, through: Any, chosen: dict[int, list[int]]) -> None:
    if not chosen:
        return
    through.objects.filter(project_id__in=list(chosen)).delete()
    through.objects.bulk_create(
        through(project_id=project_id, **{column: item})
        for project_id, items in chosen.items()
        for item in items
    )


def _set_leaders(rows: Sequence[RowPlan], *, by: Any) -> list[Change]:
    """The leader a row names joins the team as project leader, or becomes its leader when
    already on it (team_member_set); the other leaders stay."""
    wanted = {row.project.pk: (row.project, row.leader) for row in rows if row.leader}  # type: ignore[union-attr]
    if not wanted:
        return []
    present = {
        (m.project_id, m.user_id): m
        for m in ProjectMember.objects.filter(
            project_id__in=list(wanted), user_id__in={u.pk for _p, u in wanted.values()}
        )
    }
    added, promoted, changes = [], [], []
    for project_id, (project, user) in wanted.items():
        member = present.get((project_id, user.pk))
        if member is None:
            added.append(ProjectMember(project_id=project_id, user=user, team_role=LEADER))
        else:
            member.team_role = LEADER
            promoted.append(member)
        changes.append(
            (project, "team", {"user": user.pk, "team_role": LEADER, "added": member is None})
        )
    ProjectMember.objects.bulk_create(added)
    ProjectMember.objects.bulk_update(promoted, ["team_role"])
    return changes


def _after_moves(events: list[StageEvent], *, by: Any) -> None:
    """What a stage move on the page sets off: notices for the team, and the original of an
    adopted project counted as scaled to another organisation when the adopter implements."""
    if not events:
        return
    from koers.library.models import Adoption
    from koers.library.services import on_stage_moved as scaled_elsewhere
    from koers.notifications.services import stage_notices

    stage_notices(events, by=by)
    implemented = {e.project_id: e for e in events if e.to_stage == lifecycle.IMPLEMENTED}
    if implemented:
        adopted = Adoption.objects.filter(
            project_id__in=list(implemented), original_project__isnull=False
        ).values_list("project_id", flat=True)
        for project_id in adopted:
            event = implemented[project_id]
            scaled_elsewhere(sender=Project, project=event.project, event=event, by=by)
