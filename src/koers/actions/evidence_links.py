"""Which records may show that an action is done, and whether a record is the project's own.

An action marked done can point at the record that shows it: a step, an end-user session, a
learning event, a partner or a question the project takes up. The records live in other apps
(evidence, partners, questions); an app that is not installed simply offers no kind.
"""

from dataclasses import dataclass
from typing import Any

from django.apps import apps
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.text import capfirst
from django.utils.translation import gettext as _
from django.utils.translation import pgettext_lazy

from koers.projects.models import Project

# kind -> (app label, model name, label); the order is the order of the choice list.
KINDS: dict[str, tuple[str, str, Any]] = {
    "step": ("evidence", "Step", pgettext_lazy("evidence kind", "step")),
    "session": (
        "evidence",
        "EndUserSession",
        pgettext_lazy("evidence kind", "session with end users"),
    ),
    "learning": ("evidence", "LearningEvent", pgettext_lazy("evidence kind", "learning activity")),
    "partner": ("partners", "Partner", pgettext_lazy("evidence kind", "partner")),
    "question": ("questions", "Question", pgettext_lazy("evidence kind", "question")),
}
# A project's records offered per kind, newest first, at most this many.
OFFERED = 50


def _model(kind: str) -> type[models.Model] | None:
    app_label, name, _label = KINDS[kind]
    try:
        return apps.get_model(app_label, name)
    except LookupError:
        return None


def evidence_models() -> dict[str, type[models.Model]]:
    """The kinds whose app is installed, with their model."""
    return {kind: model for kind in KINDS if (model := _model(kind)) is not None}


def kind_of(record: models.Model) -> str | None:
    for kind, model in evidence_models().items():
        if isinstance(record, model):
            return kind
    return None


def kind_label(kind: str) -> str:
    return str(KINDS[kind][2]) if kind in KINDS else kind


def _of_project(kind: str, model: type[models.Model], project: Project) -> models.QuerySet:
    """The project's own records of a kind. A question is the project's when the project
    takes it up (a link between the two); the others carry the project."""
    if kind == "question":
        link = apps.get_model("questions", "QuestionLink")
        return model.objects.filter(pk__in=link.objects.filter(project=project).values("question"))
    return model.objects.filter(project=project)


def record_label(record: models.Model) -> str:
    return str(record)[:120]


@dataclass(frozen=True)
class EvidenceChoice:
    value: str  # "kind:id"
    label: str
    kind: str


def evidence_choices(*, project: Project) -> list[EvidenceChoice]:
    """The project's records that can show an action is done: one query per kind."""
    choices = []
    for kind, model in evidence_models().items():
        records = _of_project(kind, model, project).order_by("-pk")[:OFFERED]
        choices += [
            EvidenceChoice(
                f"{kind}:{r.pk}", f"{capfirst(kind_label(kind))}: {record_label(r)}", kind
            )
            for r in records
        ]
    return choices


def evidence_resolve(*, value: str, project: Project) -> models.Model | None:
    """A chosen "kind:id" as the project's own record; '' is none. Another project's record,
    an unknown kind or a deleted record are refused by name."""
    if not value:
        return None
    kind, _sep, pk = value.partition(":")
    model = evidence_models().get(kind)
    if model is None or not pk.isdigit():
        raise ValidationError({"evidence": _("Choose a record of this project from the list.")})
    record = model.objects.filter(pk=int(pk)).first()
    if record is None:
        raise ValidationError({"evidence": _("That record no longer exists.")})
    evidence_check(record=record, project=project)
    return record


def evidence_check(*, record: models.Model, project: Project) -> str:
    """The record's kind, when it may show an action of the project is done."""
    kind = kind_of(record)
    if kind is None:
        raise ValidationError(
            {
                "evidence": _(
                    "Only a step, an end-user session, a learning event, a partner or a "
                    "question can show that an action is done."
                )
            }
        )
    if not _of_project(kind, type(record), project).filter(pk=record.pk).exists():
        raise ValidationError(
            {"evidence": _("This record belongs to another project; choose one of this project.")}
        )
    return kind


def evidence_snapshot(record: models.Model | None) -> dict[str, Any] | None:
    """What the history keeps of the record: its kind, id and name at the time."""
    if record is None:
        return None
    return {"kind": kind_of(record), "id": record.pk, "title": record_label(record)}


def content_type_of(record: models.Model) -> ContentType:
    return ContentType.objects.get_for_model(record)
