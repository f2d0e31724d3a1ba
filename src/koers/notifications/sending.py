"""Putting notices into mails and sending them, safely repeated and safely overlapped.

1. Plan: each notice not yet mailed is put into a mail, held for the weekly mail, or marked
   as never to be mailed (kind turned off, no address, project no longer visible to them).
   A notice joins a mail by a conditional update (`mail IS NULL`), so two runs planning at
   once cannot put one notice into two mails.
2. Send: a run claims a batch of queued mails and sends only what it claimed. On PostgreSQL
   the claim reads with `select_for_update(skip_locked=True)`, so runs pass each other's
   rows without waiting. SQLite has no row locks; there the claim runs in an IMMEDIATE
   transaction (see conf/base.py), which takes the database's write lock at its start, so
   claims are made one run at a time. On both, the claim is a conditional update
   (`claimed_by` empty), so a mail is claimed by one run only.
3. A mail the server did not take is released with its error and stays queued for the next
   run; a claim left by a run that died is taken over after CLAIM_MINUTES.
"""

import contextlib
import datetime
import smtplib
import uuid
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from typing import Any

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.mail import EmailMessage, get_connection
from django.db import IntegrityError, connection, transaction
from django.db.models import F, Q
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation

from koers.projects.access import visible_projects_q
from koers.projects.models import Project

from . import kinds
from .models import Mail, MailBundle, MailSettings, MailStatus, Notice, Preference, Unmailed
from .services import delivery_of
from .texts import notice_text

CLAIM_MINUTES = 30
BATCH = 50


@dataclass
class RunReport:
    made: Counter[str] = field(default_factory=Counter)
    mailed: Counter[str] = field(default_factory=Counter)
    unmailed: Counter[str] = field(default_factory=Counter)
    mails_sent: int = 0
    mails_failed: int = 0
    errors: list[str] = field(default_factory=list)


def mails_plan(*, now: datetime.datetime, report: RunReport) -> None:
    waiting = list(
        Notice.objects.filter(mail__isnull=True, unmailed=Unmailed.NONE).values_list(
            "pk", "recipient_id", "kind", "project_id", "created_at"
        )
    )
    if not waiting:
        return
    by_person: dict[int, list[tuple[int, str, int | None, datetime.datetime]]] = defaultdict(list)
    for pk, recipient, kind, project, created in waiting:
        by_person[recipient].append((pk, kind, project, created))
    people = get_user_model().objects.in_bulk(list(by_person))
    preferences: dict[int, dict[str, str]] = defaultdict(dict)
    for user_id, kind, delivery in Preference.objects.filter(
        user_id__in=list(by_person)
    ).values_list("user_id", "kind", "delivery"):
        preferences[user_id][kind] = delivery
    today = timezone.localdate(now)
    week, week_began = kinds.iso_week(today), kinds.week_start(today)
    for user_id, notices in by_person.items():
        person = people[user_id]
        skip: dict[str, list[int]] = defaultdict(list)
        at_once, weekly = [], []
        visible = _visible_among(person, {p for _, _, p, _ in notices if p is not None})
        for pk, kind, project, created in notices:
            delivery = delivery_of(preferences[user_id], kind)
            if delivery == "off":
                skip[Unmailed.OFF].append(pk)
            elif not person.email or not person.is_active:
                skip[Unmailed.NO_ADDRESS].append(pk)
            elif project is not None and project not in visible:
                skip[Unmailed.NOT_VISIBLE].append(pk)
            elif kinds.mails_at_once(kind, delivery):
                at_once.append(pk)
            elif timezone.localdate(created) < week_began:
                weekly.append(pk)  # later notices wait for next week's mail
        with transaction.atomic():
            for reason, ids in skip.items():
                Notice.objects.filter(pk__in=ids, mail__isnull=True, unmailed="").update(
                    unmailed=reason
                )
                report.unmailed[reason] += len(ids)
            if at_once:
                _mail_with(person, MailBundle.IMMEDIATE, "", at_once, now)
            if weekly:
                _mail_with(person, MailBundle.WEEKLY, week, weekly, now)


def _visible_among(person: Any, project_ids: set[int]) -> set[int]:
    if not project_ids:
        return set()
    return set(
        Project.objects.filter(visible_projects_q(person), pk__in=project_ids).values_list(
            "pk", flat=True
        )
    )


def _mail_with(person: Any, bundle: str, period: str, ids: list[int], now: datetime.datetime):
    """A new mail carrying those of `ids` no other run has put into a mail meanwhile."""
    try:
        with transaction.atomic():
            mail = Mail.objects.create(
                recipient=person, bundle=bundle, period=period, created_at=now
            )
    except IntegrityError:
        return  # this week's mail exists already: these notices wait for next week's
    taken = Notice.objects.filter(pk__in=ids, mail__isnull=True, unmailed="").update(mail=mail)
    if not taken:
        mail.delete()


def mails_send(*, now: datetime.datetime, report: RunReport) -> None:
    run = str(uuid.uuid4())
    mail_connection = get_connection()
    try:
        while True:
            claimed = _claim(run, now)
            if not claimed:
                return
            for mail in claimed:
                if not _send_one(mail, run, now, mail_connection, report):
                    _release(run)  # the server is unreachable: the rest waits for next run
                    return
    finally:
        with contextlib.suppress(OSError, smtplib.SMTPException):
            mail_connection.close()


def _claimable(now: datetime.datetime) -> Q:
    stale = now - datetime.timedelta(minutes=CLAIM_MINUTES)
    return Q(status=MailStatus.QUEUED) & (Q(claimed_by="") | Q(claimed_at__lt=stale))


def _claim(run: str, now: datetime.datetime) -> list[Mail]:
    with transaction.atomic():
        candidates = Mail.objects.filter(_claimable(now)).order_by("id")
        if connection.features.has_select_for_update_skip_locked:
            candidates = candidates.select_for_update(skip_locked=True)
        ids = list(candidates.values_list("pk", flat=True)[:BATCH])
        if not ids:
            return []
        Mail.objects.filter(_claimable(now), pk__in=ids).update(claimed_by=run, claimed_at=now)
    return list(Mail.objects.filter(claimed_by=run, status=MailStatus.QUEUED).order_by("id"))


def _release(run: str) -> None:
    Mail.objects.filter(claimed_by=run, status=MailStatus.QUEUED).update(
        claimed_by="", claimed_at=None
    )


def _send_one(mail: Mail, run: str, now: datetime.datetime, conn: Any, report: RunReport) -> bool:
    """Send one claimed mail; False when the server could not be reached at all."""
    person = get_user_model().objects.get(pk=mail.recipient_id)
    notices = list(mail.notices.order_by("created_at", "id"))
    if not notices:  # every notice was removed (its project deleted): nothing to say
        Mail.objects.filter(pk=mail.pk).delete()
        return True
    if not person.email or not person.is_active:  # the address went since the mail was made
        Notice.objects.filter(mail=mail).update(mail=None, unmailed=Unmailed.NO_ADDRESS)
        Mail.objects.filter(pk=mail.pk).delete()
        report.unmailed[Unmailed.NO_ADDRESS] += len(notices)
        return True
    message = _message(mail, person, notices)
    try:
        conn.send_messages([message])
    except (OSError, smtplib.SMTPException) as exc:
        Mail.objects.filter(pk=mail.pk, claimed_by=run).update(
            claimed_by="",
            claimed_at=None,
            attempts=F("attempts") + 1,
            last_error=f"{type(exc).__name__}: {exc}"[:300],
        )
        report.mails_failed += 1
        report.errors.append(f"mail {mail.pk} to {person.email}: {type(exc).__name__}: {exc}")
        unreachable = not isinstance(exc, smtplib.SMTPRecipientsRefused | smtplib.SMTPDataError)
        return not unreachable
    Mail.objects.filter(pk=mail.pk, claimed_by=run).update(
        status=MailStatus.SENT,
        sent_at=now,
        claimed_by="",
        attempts=F("attempts") + 1,
        last_error="",
        address=person.email,
        subject=message.subject[:200],
    )
    report.mails_sent += 1
    for notice in notices:
        report.mailed[notice.kind] += 1
    return True


def _message(mail: Mail, person: Any, notices: list[Notice]) -> EmailMessage:
    language = (
        MailSettings.objects.filter(user=person).values_list("language", flat=True).first()
        or settings.LANGUAGE_CODE
    )
    site = settings.KOERS_SITE_URL
    with translation.override(language):
        items = [(n, notice_text(n)) for n in notices]
        context = {
            "person": person,
            "weekly": mail.bundle == MailBundle.WEEKLY,
            "items": [
                {"title": t.title, "lines": t.lines, "link": site + t.path} for _, t in items
            ],
            "notices_link": site + reverse("web:notices"),
            "settings_link": site + reverse("web:notice_preferences"),
        }
        context["subject"] = items[0][1].title if len(items) == 1 else ""
        subject = " ".join(render_to_string("notifications/mail/subject.txt", context).split())
        body = render_to_string("notifications/mail/notices.txt", context)
    return EmailMessage(
        subject=subject[:200],
        body=body,
        from_email=settings.DEFAULT_FROM_EMAIL,
        to=[person.email],
        headers={"Auto-Submitted": "auto-generated", "X-Koers-Mail": str(mail.pk)},
    )


def notifications_run(*, now: datetime.datetime) -> RunReport:
    """Make the notices due at `now`, put them into mails, and send what is queued."""
    from .collect import notices_collect

    report = RunReport()
    report.made = notices_collect(now=now)
    mails_plan(now=now, report=report)
    mails_send(now=now, report=report)
    return report
