"""Two-factor sign-in with a time-based code (TOTP, django-otp): who must use it, setting it
up, and turning it off. Organisation administrators must; every local account may. Accounts
that sign in through the identity provider have no usable password here: their provider does
the second step."""

import base64
import binascii
from typing import Any

import segno
from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.translation import gettext as _
from django_otp import user_has_device
from django_otp.plugins.otp_totp.models import TOTPDevice

from koers.audit.services import change_record
from koers.organisations.models import Role
from koers.organisations.selectors import organisation_ids_with_role

DEVICE_NAME = "Koers"


def is_local_account(user: Any) -> bool:
    return bool(getattr(user, "is_authenticated", False)) and user.has_usable_password()


def two_factor_required(user: Any) -> bool:
    """Administrators of an organisation (and platform staff) sign in with a second step."""
    if not getattr(settings, "KOERS_ADMIN_TWO_FACTOR", True) or not is_local_account(user):
        return False
    return user.is_superuser or bool(organisation_ids_with_role(user, Role.ADMINISTRATOR))


def two_factor_enabled(user: Any) -> bool:
    return user_has_device(user, confirmed=True)


def pending_device(*, user: Any) -> TOTPDevice:
    """The device being set up: made once, shown until its first code is confirmed."""
    if not is_local_account(user):
        raise PermissionDenied(_("Your identity provider handles the second step for you."))
    device = TOTPDevice.objects.filter(user=user, confirmed=False).order_by("pk").first()
    return device or TOTPDevice.objects.create(user=user, name=DEVICE_NAME, confirmed=False)


def secret_text(device: TOTPDevice) -> str:
    """The key in base32, in groups of four, for typing into an app by hand."""
    text = base64.b32encode(binascii.unhexlify(device.key)).decode().rstrip("=")
    return " ".join(text[i : i + 4] for i in range(0, len(text), 4))


def qr_data_uri(device: TOTPDevice) -> str:
    return segno.make(device.config_url, error="m").svg_data_uri(scale=5, border=2)


@transaction.atomic
def two_factor_confirm(*, user: Any, device: TOTPDevice, code: str) -> TOTPDevice:
    if device.user_id != user.pk or device.confirmed:
        raise PermissionDenied
    if not device.verify_token(code.replace(" ", "")):
        raise ValidationError(
            {"code": _("That code is not right. Enter the code your app shows now.")}
        )
    device.confirmed = True
    device.save(update_fields=["confirmed"])
    TOTPDevice.objects.filter(user=user, confirmed=False).delete()
    change_record(actor=user, obj=user, action="two_factor_enabled")
    return device


def two_factor_check(*, user: Any, code: str) -> TOTPDevice | None:
    """The confirmed device that accepts this code, or None (throttled after failures)."""
    code = code.replace(" ", "")
    for device in TOTPDevice.objects.filter(user=user, confirmed=True):
        if device.verify_token(code):
            return device
    change_record(actor=None, obj=user, action="two_factor_failed")
    return None


@transaction.atomic
def two_factor_disable(*, user: Any) -> None:
    if two_factor_required(user):
        raise ValidationError(_("Administrators keep the second step; it cannot be turned off."))
    TOTPDevice.objects.filter(user=user).delete()
    change_record(actor=user, obj=user, action="two_factor_disabled")
