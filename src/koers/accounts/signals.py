"""Sign-in, sign-out and failed sign-ins go into the history of the account concerned.

A failure for a user name that does not exist has no account to attach to; the lockout
records (django-axes) keep those."""

from typing import Any

from django.contrib.auth import get_user_model
from django.contrib.auth.signals import user_logged_in, user_logged_out, user_login_failed
from django.dispatch import receiver

from koers.audit.services import change_record


def client_address(request: Any) -> str | None:
    return request.META.get("REMOTE_ADDR") if request is not None else None


@receiver(user_logged_in)
def _signed_in(sender: Any, request: Any, user: Any, **kwargs: Any) -> None:
    change_record(
        actor=user, obj=user, action="signed_in", changes={"address": client_address(request)}
    )


@receiver(user_logged_out)
def _signed_out(sender: Any, request: Any, user: Any, **kwargs: Any) -> None:
    if user is not None and user.pk:
        change_record(
            actor=user, obj=user, action="signed_out", changes={"address": client_address(request)}
        )


@receiver(user_login_failed)
def _sign_in_failed(sender: Any, credentials: dict, request: Any = None, **kwargs: Any) -> None:
    username = credentials.get("username") or ""
    user = get_user_model().objects.filter(username=username).first() if username else None
    if user is not None:
        change_record(
            actor=None,
            obj=user,
            action="sign_in_failed",
            changes={"address": client_address(request)},
        )
