"""A project's history in words: the project's own changes, its action plan, its scans and its
evidence (steps, end-user sessions, learning: `koers.evidence.history`), newest first, each told
as a sentence in the reader's language.

The records (koers.audit) store codes and ids so that they stay true when names change; they
are put into words only when read. A record of a kind this module does not know yet still
reads as a sentence ("… changed the scan"), never as a code.
"""

import datetime
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any

from django.apps import apps
from django.contrib.auth import get_user_model
from django.contrib.contenttypes.models import ContentType
from django.db.models import Q, QuerySet
from django.utils import formats, timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from koers.audit.models import ChangeRecord
from koers.evidence import history as evidence_history

from . import lifecycle
from .history_records import record_line
from .models import Domain, Project, TeamRole, Visibility


@dataclass(frozen=True)
class HistoryLine:
    at: datetime.datetime
    actor: str
    text: str


def project_history(*, project: Project) -> QuerySet[ChangeRecord]:
    """Every record of the project, its actions and its scans, newest first. The caller has
    checked that the user may see the project."""
    action, scan = apps.get_model("actions", "Action"), apps.get_model("assessments", "Scan")
    types = ContentType.objects.get_for_models(Project, action, scan)
    return ChangeRecord.objects.filter(
        Q(content_type=types[Project], object_id=project.pk)
        | Q(
            content_type=types[action],
            object_id__in=action.objects.filter(project=project).values("pk"),
        )
        # a deleted action is gone from the table; its record names the project
        | Q(content_type=types[action], action="deleted", changes__project=project.pk)
        | Q(
            content_type=types[scan],
            object_id__in=scan.objects.filter(project=project).values("pk"),
        )
        | evidence_history.records_q(project)
    ).exclude(action="draft_saved")  # a respondent's unsent draft is not a change to the project


def _name(user: Any) -> str:
    return (user.get_full_name() or user.username) if user else "Koers"


def _day(value: Any) -> str:
    if isinstance(value, str):
        try:
            value = datetime.date.fromisoformat(value)
        except ValueError:
            return value
    return formats.date_format(value, "SHORT_DATE_FORMAT") if value else "–"


class _Context:
    """What the sentences need beyond the records, fetched once for a page of them."""

    def __init__(self, records: list[ChangeRecord]):
        action, scan = apps.get_model("actions", "Action"), apps.get_model("assessments", "Scan")
        types = ContentType.objects.get_for_models(Project, action, scan)
        self.kind = {
            types[Project].pk: "project",
            types[action].pk: "action",
            types[scan].pk: "scan",
            **evidence_history.kinds(),
        }
        user_ids = {r.changes.get(k) for r in records for k in ("user", "respondent", "owner_id")}
        self.users = {
            u.pk: _name(u) for u in get_user_model().objects.filter(pk__in=user_ids - {None})
        }
        ids = {kind: set() for kind in ("action", "scan")}
        for r in records:
            if self.kind.get(r.content_type_id) in ids:
                ids[self.kind[r.content_type_id]].add(r.object_id)
        self.actions = dict(action.objects.filter(pk__in=ids["action"]).values_list("pk", "title"))
        self.scans = {
            pk: day
            for pk, day in scan.objects.filter(pk__in=ids["scan"]).values_list("pk", "opened_on")
        }

        self.evidence = evidence_history.Names(records, self.kind, day=_day)

    def user(self, pk: Any) -> str:
        return self.users.get(pk, _("someone no longer in Koers"))


LABELS = {
    "title": lambda: _("the title"),
    "reference": lambda: _("the reference"),
    "problem": lambda: _("the problem"),
    "domain": lambda: _("the domain"),
    "data_sources": lambda: _("the data sources"),
    "visibility": lambda: _("who can see it"),
    "lessons_learned": lambda: _("the lessons learned"),
    "share_scan": lambda: _("whether the library shows the scan"),
    "share_contact": lambda: _("whether the library shows a contact"),
    "themes": lambda: _("the themes"),
    "techniques": lambda: _("the techniques"),
    "partners": lambda: _("the partner organisations"),
    "handles_personal_data": lambda: _("whether it handles personal data"),
    "sponsor": lambda: _("the sponsor"),
    "description": lambda: _("the description"),
    "owner_id": lambda: _("the owner"),
    "due_date": lambda: _("the due date"),
    "status": lambda: _("the status"),
    "factor_number": lambda: _("the factor"),
    "evidence": lambda: _("the evidence"),
}


def _fields(changes: dict[str, Any]) -> str:
    labels = [str(LABELS[k]()) if k in LABELS else k for k in changes]
    if len(labels) == 1:
        return labels[0]
    return _("%(first)s and %(last)s") % {"first": ", ".join(labels[:-1]), "last": labels[-1]}


def _project_line(r: ChangeRecord, c: _Context) -> str:
    ch = r.changes
    if r.action == "created":
        return _("registered the project.")
    if r.action == "stage":
        old, new = ch.get("stage", [None, None])
        return _("moved the project from %(old)s to %(new)s.") % {
            "old": lifecycle.STAGE_LABELS.get(old, old),
            "new": lifecycle.STAGE_LABELS.get(new, new),
        }
    if r.action == "team":
        role = str(TeamRole(ch["team_role"]).label).lower()
        values = {"who": c.user(ch.get("user")), "role": role}
        if ch.get("added") is False:
            return _("made %(who)s %(role)s in the team.") % values
        return _("added %(who)s to the team as %(role)s.") % values
    if r.action == "team_removed":
        return _("removed %(who)s from the team.") % {"who": c.user(ch.get("user"))}
    if r.action == "adopted":
        return _("adopted this project for another organisation.")
    if r.action == "updated":
        if set(ch) == {"visibility"}:
            return _("made the project visible to: %(who)s.") % {
                "who": Visibility(ch["visibility"][1]).label
            }
        if set(ch) == {"domain"}:
            return _("moved the project to the domain %(domain)s.") % {
                "domain": Domain(ch["domain"][1]).label
            }
        return _("changed %(fields)s.") % {"fields": _fields(ch)}
    if r.action == "archived":
        return _("archived the project.")
    if r.action == "restored":
        return _("restored the project from the archive.")
    return record_line(r.action, ch) or _("changed the project.")


def _action_line(r: ChangeRecord, c: _Context) -> str:
    ch = r.changes
    title = c.actions.get(r.object_id) or ch.get("title") or _("an action")
    if isinstance(title, list):
        title = title[-1]
    values = {"title": title}
    if r.action == "created":
        return _("added “%(title)s” to the action plan.") % values
    if r.action == "deleted":
        return _("deleted “%(title)s” from the action plan.") % values
    shown_by = (ch.get("evidence") or [None, None])[1]
    if r.action == "updated" and shown_by and set(ch) <= {"status", "evidence"}:
        from koers.actions.evidence_links import kind_label

        return _("marked “%(title)s” done, shown by: %(kind)s “%(record)s”.") % {
            **values,
            "kind": kind_label(shown_by.get("kind", "")),
            "record": shown_by.get("title", ""),
        }
    if r.action == "updated" and set(ch) == {"status"}:
        status = apps.get_model("actions", "Action")._meta.get_field("status")
        labels = dict(status.choices)
        return _("set “%(title)s” to %(status)s.") % {
            **values,
            "status": str(labels.get(ch["status"][1], ch["status"][1])).lower(),
        }
    if r.action == "updated" and set(ch) == {"due_date"}:
        return _("moved the due date of “%(title)s” to %(date)s.") % {
            **values,
            "date": _day(ch["due_date"][1]),
        }
    if r.action == "updated":
        return _("changed %(fields)s of “%(title)s”.") % {**values, "fields": _fields(ch)}
    return _("changed the action “%(title)s”.") % values


def _scan_line(r: ChangeRecord, c: _Context) -> str:
    values = {"date": _day(c.scans.get(r.object_id))}
    if r.action == "created":
        n = len(r.changes.get("respondents", []))
        return ngettext(
            "started the scan of %(date)s for %(n)s team member.",
            "started the scan of %(date)s for %(n)s team members.",
            n,
        ) % {**values, "n": n}
    if r.action == "submitted":
        return _("submitted answers to the scan of %(date)s.") % values
    if r.action == "closed":
        return _("closed the scan of %(date)s.") % values
    if r.action == "reopened":
        return _("reopened the scan of %(date)s.") % values
    return _("changed the scan of %(date)s.") % values


LINES: dict[str, Callable[[ChangeRecord, _Context], str]] = {
    "project": _project_line,
    "action": _action_line,
    "scan": _scan_line,
    **{
        kind: lambda r, c, line=line: line(r, c.evidence)
        for kind, line in evidence_history.LINES.items()
    },
}


def history_lines(records: Iterable[ChangeRecord]) -> list[HistoryLine]:
    """The records (with `actor` selected) as sentences, in a fixed number of queries."""
    records = list(records)
    context = _Context(records)
    return [
        HistoryLine(
            at=timezone.localtime(r.at),
            actor=_name(r.actor),
            text=LINES[context.kind.get(r.content_type_id, "project")](r, context),
        )
        for r in records
    ]
