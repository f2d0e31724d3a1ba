"""Sending the invitation mail once the invitation is saved.

A mail server that is down must not undo the invitation: the failure is logged, the
invitation stays "not sent" in the list, and resend tries again."""

import logging
import smtplib

from django.core.mail import send_mail
from django.db.models import F
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation

from .models import Invitation

logger = logging.getLogger(__name__)


def invitation_link(*, site_url: str, token: str) -> str:
    return site_url.rstrip("/") + reverse("invitation_accept", args=[token])


def invitation_send(*, invitation_id: int, token: str, site_url: str, language: str) -> bool:
    invitation = Invitation.objects.select_related(
        "organisation", "project", "invited_by", "scan"
    ).get(pk=invitation_id)
    context = {
        "invitation": invitation,
        "link": invitation_link(site_url=site_url, token=token),
        "inviter": invitation.invited_by.get_full_name() if invitation.invited_by else "",
    }
    with translation.override(language):
        subject = " ".join(
            render_to_string("accounts/mail/invitation_subject.txt", context).split()
        )
        body = render_to_string("accounts/mail/invitation.txt", context)
    try:
        send_mail(subject, body, None, [invitation.email])
    except (OSError, smtplib.SMTPException):
        logger.warning("Invitation %s: the mail server refused or was unreachable", invitation_id)
        return False
    Invitation.objects.filter(pk=invitation_id).update(
        sent_at=timezone.now(), send_count=F("send_count") + 1
    )
    return True
