"""Making notices, and each person's choices about them.

Notices about events (a scan started, a stage move, an adoption) are made inside the
event's own transaction, so that an event and its notices are stored together or not at
all; `send_notifications` mails them later. Notices about time (reminders, due dates, the
weekly overview) are made by the command itself (`collect.py`)."""

import datetime
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from koers.audit.services import change_record
from koers.locking import lock_rows

from . import kinds
from .models import Delivery, MailSettings, Notice, NoticeKind, Preference

# Existing keys are looked up in chunks: SQLite limits the parameters of one query.
CHUNK = 500


@dataclass(frozen=True)
class Candidate:
    """A notice that should exist; made once, whatever how often it is proposed."""

    kind: str
    subject: str
    recipient_id: int
    period: str = ""
    project_id: int | None = None
    data: Mapping[str, Any] | None = None


def notices_add(candidates: Iterable[Candidate], *, now: datetime.datetime) -> list[Notice]:
    """Store the candidates whose key (kind, subject, recipient, period) is new; return them.

    The unique key is what makes this safe to repeat: a second run, or two runs at once,
    find the key taken and add nothing."""
    pending = {(c.kind, c.subject, c.recipient_id, c.period): c for c in candidates}
    keys = list(pending)
    for start in range(0, len(keys), CHUNK):
        chunk = keys[start : start + CHUNK]
        existing = Notice.objects.filter(
            kind__in={k[0] for k in chunk},
            subject__in={k[1] for k in chunk},
            recipient_id__in={k[2] for k in chunk},
        ).values_list("kind", "subject", "recipient_id", "period")
        for key in existing:
            pending.pop(key, None)
    rows = [
        Notice(
            kind=c.kind,
            subject=c.subject,
            recipient_id=c.recipient_id,
            period=c.period,
            project_id=c.project_id,
            data=dict(c.data or {}),
            created_at=now,
        )
        for c in pending.values()
    ]
    Notice.objects.bulk_create(rows, ignore_conflicts=True, batch_size=CHUNK)
    return rows


def _name(user: Any) -> str:
    return (user.get_full_name() or user.username) if user is not None else ""


def on_scan_started(sender: Any, scan: Any, respondents: list[Any], by: Any, **kwargs: Any) -> None:
    project = scan.project
    notices_add(
        (
            Candidate(
                kind=NoticeKind.SCAN_INVITED,
                subject=f"scan:{scan.pk}",
                recipient_id=user.pk,
                project_id=project.pk,
                data={"project": project.title, "scan": scan.pk, "by": _name(by)},
            )
            for user in respondents
            if by is None or user.pk != by.pk
        ),
        now=timezone.now(),
    )


def on_stage_moved(sender: Any, project: Any, event: Any, by: Any, **kwargs: Any) -> None:
    team = project.team.values_list("user_id", flat=True)
    notices_add(
        (
            _stage_notice(event, project, user_id, by)
            for user_id in team
            if by is None or user_id != by.pk
        ),
        now=timezone.now(),
    )


def stage_notices(events: Sequence[Any], *, by: Any) -> None:
    """What on_stage_moved makes, for many moves at once (an import of a list): the teams
    of all their projects read in one query. Each event carries its project."""
    from koers.projects.models import ProjectMember

    teams: dict[int, list[int]] = {}
    for project_id, user_id in ProjectMember.objects.filter(
        project_id__in={e.project_id for e in events}
    ).values_list("project_id", "user_id"):
        teams.setdefault(project_id, []).append(user_id)
    notices_add(
        (
            _stage_notice(event, event.project, user_id, by)
            for event in events
            for user_id in teams.get(event.project_id, ())
            if by is None or user_id != by.pk
        ),
        now=timezone.now(),
    )


def _stage_notice(event: Any, project: Any, user_id: int, by: Any) -> Candidate:
    return Candidate(
        kind=NoticeKind.STAGE_CHANGED,
        subject=f"stage_event:{event.pk}",
        recipient_id=user_id,
        project_id=project.pk,
        data={
            "project": project.title,
            "from": event.from_stage,
            "to": event.to_stage,
            "on": event.on.isoformat(),
            "note": event.note[:300],
            "by": _name(by),
        },
    )


def on_adoption_saved(sender: Any, instance: Any, created: bool, raw: bool = False, **kw: Any):
    original = instance.original_project
    if not created or raw or original is None:
        return
    notices_add(
        (
            Candidate(
                kind=NoticeKind.PROJECT_ADOPTED,
                subject=f"adoption:{instance.pk}",
                recipient_id=user_id,
                project_id=original.pk,
                data={"project": original.title, "adopter": instance.adopter.name},
            )
            for user_id in original.team.values_list("user_id", flat=True)
            if user_id != instance.by_id
        ),
        now=timezone.now(),
    )


@transaction.atomic
def preferences_set(*, user: Any, by: Any, choices: Mapping[str, str], language: str) -> None:
    """Store how `user` wants each kind of notice, and the language of their mails."""
    if by.pk != user.pk:
        raise ValidationError(_("You can only change your own notice settings."))
    for kind, delivery in choices.items():
        if kind not in NoticeKind.values or delivery not in kinds.choices_for(kind):
            raise ValidationError(_("Choose one of the options for each kind of notice."))
    # One save of a person's settings at a time: two at once would both delete the old rows
    # and insert the same new ones (an IntegrityError on one_preference_per_kind).
    lock_rows(get_user_model().objects.filter(pk=user.pk))
    Preference.objects.filter(user=user, kind__in=list(choices)).delete()
    Preference.objects.bulk_create(
        [Preference(user=user, kind=k, delivery=d) for k, d in choices.items()]
    )
    MailSettings.objects.update_or_create(user=user, defaults={"language": language})
    change_record(
        actor=by,
        obj=user,
        action="notice_settings",
        changes={**{k: d for k, d in choices.items()}, "language": language},
    )


def notices_mark_read(*, user: Any, ids: Iterable[int] | None = None) -> int:
    """Mark the user's unread notices read (all of them, or those with these ids)."""
    qs = Notice.objects.filter(recipient=user, read_at__isnull=True)
    if ids is not None:
        qs = qs.filter(pk__in=list(ids))
    return qs.update(read_at=timezone.now())


def delivery_of(preferences: Mapping[str, str], kind: str) -> str:
    return preferences.get(kind) or kinds.DEFAULTS.get(kind, Delivery.IMMEDIATELY)


def on_question_status_changed(
    sender: Any, question: Any, from_status: str, by: Any, project: Any = None, **kwargs: Any
) -> None:
    """The asker hears what happened to their question (not when they did it themselves)."""
    if question.asked_by_id is None or (by is not None and question.asked_by_id == by.pk):
        return
    notices_add(
        [
            Candidate(
                kind=NoticeKind.QUESTION_CHANGED,
                subject=f"question:{question.pk}:{question.version}",
                recipient_id=question.asked_by_id,
                data={
                    "question": question.pk,
                    "title": question.title,
                    "from": from_status,
                    "to": question.status,
                    "reason": question.status_reason[:300],
                    "project": project.title if project is not None else "",
                    "by": _name(by),
                },
            )
        ],
        now=timezone.now(),
    )
