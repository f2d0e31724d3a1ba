"""What a notice says, in the active language, from the data kept with it.

Texts are made when they are shown or mailed, not when the notice is made, so that one
notice reads in Dutch on one screen and in English on another."""

import datetime
from dataclasses import dataclass, field

from django.urls import reverse
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from koers.projects.lifecycle import STAGE_LABELS

from .models import Notice, NoticeKind


@dataclass(frozen=True)
class NoticeText:
    title: str
    path: str
    lines: list[str] = field(default_factory=list)


def _day(iso: str | None) -> str:
    if not iso:
        return ""
    return date_format(datetime.date.fromisoformat(iso), "j F Y")


def _stage(key: str | None) -> str:
    return str(STAGE_LABELS.get(key or "", key or ""))


def _project_path(notice: Notice, anchor: str = "") -> str:
    if notice.project_id is None:
        return reverse("web:home")
    return reverse("web:project", args=[notice.project_id]) + anchor


def notice_text(notice: Notice) -> NoticeText:
    d = notice.data
    project = d.get("project", "")
    kind = notice.kind
    if kind == NoticeKind.SCAN_INVITED:
        return NoticeText(
            title=_("%(by)s invites you to answer the scan of “%(project)s”")
            % {"by": d.get("by") or _("Someone"), "project": project},
            path=reverse("web:scan_answer", args=[d["scan"]]),
        )
    if kind == NoticeKind.SCAN_UNANSWERED:
        return NoticeText(
            title=_("The scan of “%(project)s” of %(day)s still waits for your answers")
            % {"project": project, "day": _day(d.get("opened_on"))},
            path=reverse("web:scan_answer", args=[d["scan"]]),
        )
    if kind == NoticeKind.ACTION_DUE:
        return NoticeText(
            title=_("Your action “%(action)s” (%(project)s) is due on %(day)s")
            % {"action": d.get("action", ""), "project": project, "day": _day(d.get("due"))},
            path=_project_path(notice, "#actions"),
        )
    if kind == NoticeKind.ACTION_OVERDUE:
        return NoticeText(
            title=_("Your action “%(action)s” (%(project)s) was due on %(day)s")
            % {"action": d.get("action", ""), "project": project, "day": _day(d.get("due"))},
            path=_project_path(notice, "#actions"),
        )
    if kind == NoticeKind.STAGE_CHANGED:
        return NoticeText(
            title=_("“%(project)s” moved from %(from)s to %(to)s")
            % {"project": project, "from": _stage(d.get("from")), "to": _stage(d.get("to"))},
            path=_project_path(notice, "#h-timeline"),
            lines=[d["note"]] if d.get("note") else [],
        )
    if kind == NoticeKind.PROJECT_ADOPTED:
        return NoticeText(
            title=_("%(org)s adopted your project “%(project)s”")
            % {"org": d.get("adopter", ""), "project": project},
            path=_project_path(notice),
        )
    if kind == NoticeKind.QUESTION_CHANGED:
        return _question_text(notice)
    return _digest_text(notice)


def _question_text(notice: Notice) -> NoticeText:
    from koers.questions.models import QuestionStatus

    d = notice.data
    status = QuestionStatus(d["to"]).label if d.get("to") in QuestionStatus.values else d.get("to")
    lines = []
    if d.get("project"):
        lines.append(_("Project: %(project)s") % {"project": d["project"]})
    if d.get("reason"):
        lines.append(d["reason"])
    return NoticeText(
        title=_("Your question “%(title)s” is now: %(status)s")
        % {"title": d.get("title", ""), "status": status},
        path=reverse("web:question", args=[d["question"]]),
        lines=lines,
    )


def _digest_text(notice: Notice) -> NoticeText:
    d = notice.data
    stalled, overdue = d.get("stalled_count", 0), d.get("overdue_count", 0)
    lines = [
        ngettext(
            "%(n)s project has not moved for 12 weeks or more:",
            "%(n)s projects have not moved for 12 weeks or more:",
            stalled,
        )
        % {"n": stalled}
    ]
    lines += [f"  – {row['title']}" for row in d.get("stalled", [])]
    if stalled > len(d.get("stalled", [])):
        lines.append("  – " + _("and %(n)s more") % {"n": stalled - len(d["stalled"])})
    lines.append(
        ngettext("%(n)s action is overdue:", "%(n)s actions are overdue:", overdue) % {"n": overdue}
    )
    lines += [
        f"  – {row['title']} ({row['project']}, {_day(row['due'])})" for row in d.get("overdue", [])
    ]
    if overdue > len(d.get("overdue", [])):
        lines.append("  – " + _("and %(n)s more") % {"n": overdue - len(d["overdue"])})
    return NoticeText(
        title=_("Weekly overview of %(org)s: %(stalled)s stalled, %(overdue)s overdue")
        % {"org": d.get("organisation", ""), "stalled": stalled, "overdue": overdue},
        path=reverse("web:dashboard", args=[d["slug"]]) if d.get("slug") else reverse("web:home"),
        lines=lines,
    )
