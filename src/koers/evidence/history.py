"""The project's history told for its evidence records (`koers.projects.history` asks this
module): which records belong to a project, deleted ones too, and a sentence per change."""

from collections.abc import Callable
from typing import Any

from django.contrib.contenttypes.models import ContentType
from django.db.models import Q
from django.utils.translation import gettext as _

from koers.audit.models import ChangeRecord

from .models import EndUserSession, LearningEvent, LearningKind, SessionKind, Step, StepResult

KINDS = {Step: "step", EndUserSession: "session", LearningEvent: "learning"}


def kinds() -> dict[int, str]:
    """Content type id → the kind name used in `LINES`."""
    types = ContentType.objects.get_for_models(*KINDS)
    return {types[model].pk: name for model, name in KINDS.items()}


def records_q(project: Any) -> Q:
    """Every record of the project's evidence, of deleted records too: a deletion's record
    names the project, and leads to the records before it."""
    types = ContentType.objects.get_for_models(*KINDS)
    q = Q()
    for model in KINDS:
        deleted = ChangeRecord.objects.filter(
            content_type=types[model], action="deleted", changes__project=project.pk
        ).values("object_id")
        q |= Q(
            content_type=types[model],
            object_id__in=model.objects.filter(project=project).values("pk"),
        )
        q |= Q(content_type=types[model], object_id__in=deleted)
    return q


class Names:
    """The goal of each step and the date of each session or event the records name, in one
    query per kind, for records whose changes do not carry them."""

    def __init__(
        self, records: list[ChangeRecord], kind_of: dict[int, str], day: Callable[[Any], str]
    ):
        self.day = day  # how the project's history writes a date
        ids: dict[str, set[int]] = {name: set() for name in KINDS.values()}
        for r in records:
            if kind_of.get(r.content_type_id) in ids:
                ids[kind_of[r.content_type_id]].add(r.object_id)
        self.goals = dict(Step.objects.filter(pk__in=ids["step"]).values_list("pk", "goal"))
        self.days = {
            name: dict(model.objects.filter(pk__in=ids[name]).values_list("pk", "held_on"))
            for model, name in KINDS.items()
            if name != "step"
        }


def _now(r: ChangeRecord, key: str, known: Any) -> Any:
    value = r.changes.get(key, known)
    return value[-1] if isinstance(value, list) else value


def step_line(r: ChangeRecord, names: Names) -> str:
    goal = _now(r, "goal", names.goals.get(r.object_id)) or _("a step")
    values = {"goal": goal}
    if r.action == "created":
        return _("recorded the step “%(goal)s”.") % values
    if r.action == "deleted":
        return _("deleted the step “%(goal)s”.") % values
    result = r.changes.get("result")
    if isinstance(result, list) and result[1]:
        label = str(StepResult(result[1]).label).lower()
        return _("finished the step “%(goal)s”: %(result)s.") % {**values, "result": label}
    return _("changed the step “%(goal)s”.") % values


def _held_line(kind_choices: Any, name: str, words: Callable[[], dict[str, str]]) -> Any:
    """A sentence for a session or learning event: its date, and its kind when recorded."""

    def line(r: ChangeRecord, names: Names) -> str:
        texts = words()
        day = names.day(_now(r, "held_on", names.days[name].get(r.object_id)))
        text = texts.get(r.action, texts["updated"]) % {"date": day}
        kind = _now(r, "kind", None)
        if r.action == "created" and kind in kind_choices.values:
            text = text[:-1] + f" ({str(kind_choices(kind).label).lower()})."
        return text

    return line


session_line = _held_line(
    SessionKind,
    "session",
    lambda: {
        "created": _("recorded a session with end users of %(date)s."),
        "deleted": _("deleted the session with end users of %(date)s."),
        "updated": _("changed the session with end users of %(date)s."),
    },
)
learning_line = _held_line(
    LearningKind,
    "learning",
    lambda: {
        "created": _("recorded a learning event of %(date)s."),
        "deleted": _("deleted the learning event of %(date)s."),
        "updated": _("changed the learning event of %(date)s."),
    },
)

LINES = {"step": step_line, "session": session_line, "learning": learning_line}
