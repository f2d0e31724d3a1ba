"""Reading a person's notices and choices. A notice about a project shows only while its
recipient may still see that project (the projects' own visibility rule decides)."""

from typing import Any

from django.db.models import Exists, OuterRef, Q, QuerySet
from django.shortcuts import get_object_or_404

from koers.projects.access import visible_projects_q
from koers.projects.models import Project

from . import kinds
from .models import Delivery, MailSettings, Notice, NoticeKind, Preference


def preferences_of(user: Any) -> dict[str, str]:
    """Kind -> delivery for every kind, the defaults filled in."""
    chosen = dict(Preference.objects.filter(user=user).values_list("kind", "delivery"))
    return {kind: chosen.get(kind) or kinds.DEFAULTS[kind] for kind in NoticeKind.values}


def mail_language_of(user: Any) -> str:
    return MailSettings.objects.filter(user=user).values_list("language", flat=True).first() or "nl"


def notices_of(user: Any) -> QuerySet[Notice]:
    """The user's notices, newest first, without the kinds they turned off."""
    if not getattr(user, "is_authenticated", False):
        return Notice.objects.none()
    turned_off = Preference.objects.filter(user=user, kind=OuterRef("kind"), delivery=Delivery.OFF)
    visible = Project.objects.filter(visible_projects_q(user)).values("pk")
    return (
        Notice.objects.filter(recipient=user)
        .filter(Q(project__isnull=True) | Q(project__in=visible))
        .exclude(Exists(turned_off))
        .order_by("-created_at", "-id")
    )


def unread_count(user: Any) -> int:
    return notices_of(user).filter(read_at__isnull=True).count()


def notice_get(*, user: Any, pk: Any) -> Notice:
    return get_object_or_404(notices_of(user), pk=pk)
