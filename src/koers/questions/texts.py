"""A question's history in words, in the reader's language. Records store codes and ids;
they are put into words only when read. Projects the reader may not see stay unnamed."""

import datetime
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from django.utils.translation import gettext as _

from koers.audit.models import ChangeRecord
from koers.projects.access import visible_projects_q
from koers.projects.models import Project

from .models import Question, QuestionStatus

FIELD_LABELS = {
    f.name: f.verbose_name for f in Question._meta.get_fields() if hasattr(f, "verbose_name")
}


@dataclass(frozen=True)
class HistoryLine:
    at: datetime.datetime
    actor: str
    text: str


def _status(key: Any) -> str:
    return str(QuestionStatus(key).label) if key in QuestionStatus.values else str(key)


def history_lines(records: Iterable[ChangeRecord], *, user: Any) -> list[HistoryLine]:
    records = list(records)
    project_ids = {r.changes.get("project") for r in records} - {None}
    titles = dict(
        Project.objects.filter(visible_projects_q(user), pk__in=project_ids).values_list(
            "pk", "title"
        )
    )

    def project(pk: Any) -> str:
        return f"“{titles[pk]}”" if pk in titles else _("a project you cannot see")

    lines = []
    for r in records:
        c = r.changes
        if r.action == "created":
            text = _("asked the question")
        elif r.action == "updated":
            names = ", ".join(str(FIELD_LABELS.get(k, k)) for k in c)
            text = _("changed %(fields)s") % {"fields": names}
        elif r.action == "status":
            old, new = (c.get("status") or [None, None])[:2]
            text = _("changed the status from “%(from)s” to “%(to)s”") % {
                "from": _status(old),
                "to": _status(new),
            }
            if c.get("reason"):
                text += f": {c['reason']}"
        elif r.action == "linked":
            text = _("linked %(project)s as answering the question") % {
                "project": project(c.get("project"))
            }
        elif r.action == "unlinked":
            text = _("unlinked %(project)s") % {"project": project(c.get("project"))}
        elif r.action == "feedback":
            text = _("recorded what the asker said about an intermediate result")
        elif r.action == "same_need":
            text = _("linked the same need in another organisation")
        elif r.action == "same_need_removed":
            text = _("removed a link to the same need in another organisation")
        else:
            text = _("changed the question")
        actor = (r.actor.get_full_name() or r.actor.username) if r.actor else "Koers"
        lines.append(HistoryLine(at=r.at, actor=actor, text=text))
    return lines
