"""Which kinds of notice there are, who can get them, and how they are delivered by default."""

import datetime

from .models import Delivery, NoticeKind

# The coordinators' overview is weekly by nature: it is on or off, never "immediately".
WEEKLY_BY_NATURE = frozenset({NoticeKind.COORDINATOR_DIGEST})
FOR_COORDINATORS = frozenset({NoticeKind.COORDINATOR_DIGEST})

DEFAULTS: dict[str, str] = {
    NoticeKind.SCAN_INVITED: Delivery.IMMEDIATELY,
    NoticeKind.SCAN_UNANSWERED: Delivery.IMMEDIATELY,
    NoticeKind.ACTION_DUE: Delivery.IMMEDIATELY,
    NoticeKind.ACTION_OVERDUE: Delivery.IMMEDIATELY,
    NoticeKind.STAGE_CHANGED: Delivery.WEEKLY,
    NoticeKind.PROJECT_ADOPTED: Delivery.IMMEDIATELY,
    NoticeKind.COORDINATOR_DIGEST: Delivery.WEEKLY,
    NoticeKind.QUESTION_CHANGED: Delivery.IMMEDIATELY,
}


def choices_for(kind: str) -> list[str]:
    if kind in WEEKLY_BY_NATURE:
        return [Delivery.WEEKLY, Delivery.OFF]
    return [Delivery.IMMEDIATELY, Delivery.WEEKLY, Delivery.OFF]


def mails_at_once(kind: str, delivery: str) -> bool:
    """A notice goes out at the next run (immediately), or waits for the weekly mail."""
    return delivery == Delivery.IMMEDIATELY or kind in WEEKLY_BY_NATURE


def iso_week(day: datetime.date) -> str:
    year, week, _ = day.isocalendar()
    return f"{year}-W{week:02d}"


def week_start(day: datetime.date) -> datetime.date:
    return day - datetime.timedelta(days=day.weekday())
