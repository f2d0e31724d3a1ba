"""Lockout after repeated failed sign-ins (django-axes): the page people see, who is locked,
and unlocking by an organisation's administrator. The cool-off ends a lockout by itself."""

from typing import Any

from axes.models import AccessAttempt
from axes.signals import user_locked_out
from axes.utils import reset
from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.dispatch import receiver
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import gettext as _

from koers.audit.services import change_record
from koers.organisations.models import Membership, Organisation, Role
from koers.organisations.selectors import has_role


def cool_off_minutes() -> int:
    return int(settings.AXES_COOLOFF_TIME.total_seconds() // 60)


def locked_out_page(
    request: HttpRequest, original_response: Any = None, credentials: Any = None
) -> HttpResponse:
    """Shown instead of the login page while locked; in the language the person chose."""
    return render(request, "accounts/locked_out.html", {"minutes": cool_off_minutes()}, status=429)


def locked_usernames(usernames: list[str]) -> set[str]:
    """Which of these accounts are locked right now (from any address)."""
    since = timezone.now() - settings.AXES_COOLOFF_TIME
    return set(
        AccessAttempt.objects.filter(
            username__in=usernames,
            failures_since_start__gte=settings.AXES_FAILURE_LIMIT,
            attempt_time__gte=since,
        ).values_list("username", flat=True)
    )


@transaction.atomic
def account_unlock(*, by: Any, organisation: Organisation, user: Any) -> int:
    """An administrator lifts the lockout of someone in their organisation."""
    if not has_role(by, organisation.pk, Role.ADMINISTRATOR):
        raise PermissionDenied(_("Only administrators of the organisation do this."))
    if not Membership.objects.filter(organisation=organisation, user=user).exists():
        raise PermissionDenied
    removed = reset(username=user.get_username())
    change_record(actor=by, obj=user, action="unlocked", changes={"attempts": removed})
    return removed


@receiver(user_locked_out)
def _record_lockout(
    sender: Any, request: Any, username: str, ip_address: str, **kwargs: Any
) -> None:
    user = get_user_model().objects.filter(username=username).first() if username else None
    if user is not None:
        change_record(actor=None, obj=user, action="locked_out", changes={"address": ip_address})
