"""The dry run: what an import would do with each row of a table, or why it cannot.

One pass over the rows with everything it compares against read beforehand in a handful of
queries (the organisation's projects with a reference, its members, the vocabulary), so a
list of 10,000 rows costs no more queries than one of ten. The apply step (services) runs
the same plan inside its transaction and carries out only a plan without problems."""

import datetime
from collections import deque
from dataclasses import dataclass, field
from typing import Any

from django.utils import timezone
from django.utils.translation import gettext as _

from koers.guards.text import ESSAY, NOTE, TITLE, TextLimit, text_problem, tidy
from koers.organisations.models import ROLE_RANK, Membership, Organisation, Role
from koers.projects import lifecycle
from koers.projects.models import (
    REFERENCE_LENGTH,
    Project,
    ProjectMember,
    TeamRole,
    Technique,
    Theme,
)
from koers.reports.xlsx import _column as column_letter

from . import limits
from .columns import BY_KEY, COLUMNS, normalised
from .reading import Table
from .values import CellProblem, choice_names, choice_words, parse_date, split_list

CREATE, UPDATE, UNCHANGED, ERROR = "create", "update", "unchanged", "error"
TEXT_FIELDS: dict[str, TextLimit] = {
    "title": TITLE,
    "problem": ESSAY,
    "data_sources": NOTE,
    "reference": TextLimit(chars=REFERENCE_LENGTH, lines=1),
}


@dataclass
class Problem:
    column: str  # the header as the file has it, with its letter: "Fase (E)"; "" for the row
    message: str


@dataclass
class RowPlan:
    row: int
    reference: str = ""
    title: str = ""
    action: str = ERROR
    changes: list[str] = field(default_factory=list)  # labels of the fields that change
    problems: list[Problem] = field(default_factory=list)
    values: dict[str, Any] = field(default_factory=dict)
    project: Project | None = None
    stage_path: list[str] = field(default_factory=list)
    leader: Any = None
    unreadable: set[str] = field(default_factory=set)  # keys of cells with a problem
    # an existing project's theme and technique ids, as read with the plan
    relations: dict[str, list[int]] = field(default_factory=dict)

    @property
    def ok(self) -> bool:
        return not self.problems


@dataclass
class Plan:
    rows: list[RowPlan]
    problems: list[str] = field(default_factory=list)  # about the whole file
    ignored_columns: list[str] = field(default_factory=list)

    @property
    def bad_rows(self) -> list[RowPlan]:
        return [r for r in self.rows if not r.ok]

    @property
    def ok(self) -> bool:
        return not self.problems and not self.bad_rows

    def count(self, action: str) -> int:
        return sum(1 for r in self.rows if r.ok and r.action == action)


@dataclass
class Context:
    """What the rows are compared against, read once."""

    organisation: Organisation
    projects: dict[str, Project]
    members: dict[str, tuple[Any, str]]  # e-mail -> (user, role)
    leaders: dict[int, set[int]]  # project id -> user ids of its leaders
    relations: dict[str, dict[int, list[int]]]  # themes/techniques: project id -> their ids
    themes: dict[str, Theme]
    techniques: dict[str, Technique]
    words: dict[str, dict[str, str]]
    today: datetime.date


def _vocabulary(model: type) -> dict[str, Any]:
    found: dict[str, Any] = {}
    for item in model.objects.all():  # type: ignore[attr-defined]
        for word in (item.key, item.name_nl, item.name_en):
            found[normalised(word)] = item
    return found


def load_context(organisation: Organisation, *, lock: bool = False) -> Context:
    projects = Project.objects.filter(owner=organisation).exclude(reference="")
    if lock:
        projects = projects.select_for_update()
    by_reference = {normalised_reference(p.reference): p for p in projects}
    # the through tables read directly: a prefetch builds a manager per project
    relations: dict[str, dict[int, list[int]]] = {"themes": {}, "techniques": {}}
    for key, column in (("themes", "theme_id"), ("techniques", "technique_id")):
        through = getattr(Project, key).through.objects
        for project_id, item_id in (
            through.filter(project__owner=organisation)
            .exclude(project__reference="")
            .values_list("project_id", column)
        ):
            relations[key].setdefault(project_id, []).append(item_id)
    leaders: dict[int, set[int]] = {}
    for project_id, user_id in (
        ProjectMember.objects.filter(project__owner=organisation, team_role=TeamRole.PROJECT_LEADER)
        .exclude(project__reference="")
        .values_list("project_id", "user_id")
    ):
        leaders.setdefault(project_id, set()).add(user_id)
    members = {
        m.user.email.strip().lower(): (m.user, m.role)
        for m in Membership.objects.filter(organisation=organisation).select_related("user")
        if m.user.email and m.user.is_active
    }
    return Context(
        organisation=organisation,
        projects=by_reference,
        members=members,
        leaders=leaders,
        relations=relations,
        themes=_vocabulary(Theme),
        techniques=_vocabulary(Technique),
        words={kind: choice_words(kind) for kind in ("domain", "visibility", "stage")},
        today=timezone.localdate(),
    )


def normalised_reference(text: str) -> str:
    """References match without regard to case or surrounding spaces: "ABC-1" is "abc-1 "."""
    return text.strip().casefold()


def build_plan(table: Table, mapping: dict[int, str], context: Context) -> Plan:
    plan = Plan(rows=[])
    plan.ignored_columns = [h for i, h in enumerate(table.headers) if h and i not in mapping]
    if "reference" not in mapping.values():
        plan.problems.append(
            _(
                "No column holds the reference (“Kenmerk”): each row needs the organisation's "
                "own number or code for the project, so that importing the list again updates "
                "the projects instead of adding them twice. Map a column to it."
            )
        )
        return plan
    headers = {key: f"{table.headers[i]} ({column_letter(i)})" for i, key in mapping.items() if key}
    seen: dict[str, int] = {}
    for number, cells in table.rows:
        row = RowPlan(row=number)
        raw = {key: (cells[i] if i < len(cells) else "") for i, key in mapping.items() if key}
        _read_row(row, raw, headers, context)
        if row.reference:
            key = normalised_reference(row.reference)
            if key in seen:
                row.problems.append(
                    Problem(
                        headers["reference"],
                        _("The reference “%(ref)s” is already on row %(row)d.")
                        % {"ref": row.reference, "row": seen[key]},
                    )
                )
            else:
                seen[key] = number
        if row.problems:
            row.action = ERROR
        plan.rows.append(row)
    return plan


def _read_row(row: RowPlan, raw: dict[str, str], headers: dict[str, str], ctx: Context) -> None:
    values: dict[str, Any] = {}
    for key, text in raw.items():
        if not text:
            continue
        try:
            values[key] = _read_cell(key, text, ctx)
        except CellProblem as problem:
            row.problems.append(Problem(headers[key], str(problem)))
            row.unreadable.add(key)
    row.reference = raw.get("reference", "")[:REFERENCE_LENGTH]
    row.title = raw.get("title", "")[:200]
    if not raw.get("reference"):
        row.problems.append(Problem(headers["reference"], _("Each row needs a reference.")))
        return
    row.values = values
    row.project = ctx.projects.get(normalised_reference(raw["reference"]))
    if row.project is None:
        _plan_create(row, headers, ctx)
    else:
        _plan_update(row, headers, ctx)


def _read_cell(key: str, text: str, ctx: Context) -> Any:
    if text.startswith("="):
        raise CellProblem(
            _("This cell holds a formula (%(text)s). Formulas are not read: type the value itself.")
            % {"text": text[:40]}
        )
    if len(text) > limits.MAX_CELL_CHARS:
        raise CellProblem(
            _("A cell holds at most %(limit)d characters (this one has %(count)d).")
            % {"limit": limits.MAX_CELL_CHARS, "count": len(text)}
        )
    if key in TEXT_FIELDS:
        text = tidy(text).strip()
        problem = text_problem(text, TEXT_FIELDS[key])
        if problem:
            raise CellProblem(problem)
        return text
    if key in ("started_on", "stage_since"):
        day = parse_date(text)
        if day > ctx.today:
            raise CellProblem(_("The date %(date)s is in the future.") % {"date": text})
        return day
    if key in ("domain", "visibility", "stage"):
        found = ctx.words[key].get(normalised(text))
        if found is None:
            raise CellProblem(
                _("“%(value)s” is not known here. Use one of: %(names)s.")
                % {"value": text, "names": choice_names(key)}
            )
        return found
    if key in ("themes", "techniques"):
        vocabulary = ctx.themes if key == "themes" else ctx.techniques
        names = split_list(text)
        unknown = [n for n in names if normalised(n) not in vocabulary]
        if unknown:
            raise CellProblem(
                _("Not known: %(names)s. The template's explanation lists the names.")
                % {"names": ", ".join(f"“{n}”" for n in unknown)}
            )
        return sorted({vocabulary[normalised(n)] for n in names}, key=lambda item: item.pk)
    if key == "leader_email":
        return _leader(text, ctx)
    raise AssertionError(key)


def _leader(text: str, ctx: Context) -> Any:
    found = ctx.members.get(text.strip().lower())
    if found is None:
        raise CellProblem(
            _(
                "%(email)s is not a member of %(org)s. Invite them first, or leave the cell "
                "empty (you then become the project leader)."
            )
            % {"email": text, "org": ctx.organisation.name}
        )
    user, role = found
    if ROLE_RANK[Role(role)] < ROLE_RANK[Role.MEMBER]:
        raise CellProblem(
            _("%(email)s is a viewer in %(org)s; a project leader must be at least a member.")
            % {"email": text, "org": ctx.organisation.name}
        )
    return user


def _stage_path(start: str, target: str, *, stage_before_stop: str | None) -> list[str] | None:
    """The fewest moves the lifecycle allows from one stage to another (a list imported at
    'implemented' passes through the stages before it); None when no path exists."""
    if start == target:
        return []
    queue: deque[tuple[str, list[str]]] = deque([(start, [])])
    visited = {start}
    while queue:
        stage, path = queue.popleft()
        if stage == lifecycle.STOPPED:
            nexts = [stage_before_stop] if stage_before_stop else []
        else:
            nexts = lifecycle.allowed_targets(stage, stage_before_stop=None)
        for nxt in nexts:
            if nxt in visited:
                continue
            if nxt == target:
                return [*path, nxt]
            visited.add(nxt)
            queue.append((nxt, [*path, nxt]))
    return None


def _plan_create(row: RowPlan, headers: dict[str, str], ctx: Context) -> None:
    values = row.values
    for column in COLUMNS:
        if column.required and column.key not in values and column.key not in row.unreadable:
            row.problems.append(
                Problem(
                    headers.get(column.key, str(column.label)),
                    _("A new project needs this (the reference is not yet known here)."),
                )
            )
    started = values.get("started_on") or ctx.today
    since = values.get("stage_since")
    if since and since < started:
        row.problems.append(
            Problem(headers["stage_since"], _("This date is before the project started."))
        )
    target = values.get("stage", lifecycle.IDEA)
    row.stage_path = _stage_path(lifecycle.IDEA, target, stage_before_stop=None) or []
    row.leader = values.get("leader_email")
    row.action = CREATE


SIMPLE = ("title", "problem", "domain", "visibility", "data_sources")


def _plan_update(row: RowPlan, headers: dict[str, str], ctx: Context) -> None:
    project = row.project
    assert project is not None
    values = row.values
    if project.is_archived:
        row.problems.append(
            Problem(
                headers["reference"],
                _("Project “%(title)s” has this reference and is archived. Restore it first.")
                % {"title": project.title},
            )
        )
        return
    changes = [BY_KEY[k].label for k in SIMPLE if k in values and values[k] != getattr(project, k)]
    for key in ("themes", "techniques"):
        row.relations[key] = ctx.relations[key].get(project.pk, [])
        if key in values and {i.pk for i in values[key]} != set(row.relations[key]):
            changes.append(BY_KEY[key].label)
    target = values.get("stage")
    if target and target != project.stage:
        path, refusal = _update_path(project, target)
        if refusal:
            row.problems.append(Problem(headers["stage"], refusal))
        row.stage_path = path or []
        since = values.get("stage_since")
        if since and since < project.stage_since:
            row.problems.append(
                Problem(
                    headers["stage_since"],
                    _(
                        "The project is in its current stage since %(date)s; a later move "
                        "cannot be dated before that."
                    )
                    % {"date": project.stage_since.strftime("%d-%m-%Y")},
                )
            )
        changes.append(BY_KEY["stage"].label)
    leader = values.get("leader_email")
    if leader is not None and leader.pk not in ctx.leaders.get(project.pk, set()):
        row.leader = leader
        changes.append(BY_KEY["leader_email"].label)
    row.changes = [str(c) for c in changes]
    row.title = project.title if not values.get("title") else row.title
    row.action = UPDATE if changes else UNCHANGED


def _update_path(project: Project, target: str) -> tuple[list[str] | None, str | None]:
    """One move the lifecycle allows (back a stage, stop, reopen), or forward through the
    stages between; anything else is refused with the lifecycle's own reason."""
    before_stop = _stop_origin(project) if project.stage == lifecycle.STOPPED else None
    if target in lifecycle.allowed_targets(project.stage, stage_before_stop=before_stop):
        return [target], None
    order = lifecycle.PROGRESS_STAGES
    if (
        project.stage in order
        and target in order
        and order.index(target) > order.index(project.stage)
    ):
        return _stage_path(project.stage, target, stage_before_stop=None), None
    try:
        lifecycle.check_move(project.stage, target, stage_before_stop=before_stop)
    except lifecycle.StageMoveRefused as refused:
        return None, str(refused)
    return None, _("A project cannot go from “%(from)s” to “%(to)s”.") % {
        "from": lifecycle.STAGE_LABELS[project.stage],
        "to": lifecycle.STAGE_LABELS[target],
    }


def _stop_origin(project: Project) -> str | None:
    last_stop = (
        project.stage_events.filter(to_stage=lifecycle.STOPPED).order_by("-on", "-id").first()
    )
    return last_stop.from_stage if last_stop else None
