"""The account pages a link in a mail opens, for the reflow table: a real token for each, so
that the page itself is on screen (not the "this link does not work" page), opened by
someone not signed in."""

from types import SimpleNamespace
from typing import Any

from django.contrib.auth.tokens import default_token_generator
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode

from koers.accounts import tokens
from koers.accounts.models import Invitation
from koers.accounts.services import invitation_create


def password_reset_link(w: SimpleNamespace, viewer: Any) -> list[Any]:
    """The link of a password-reset mail to the viewer."""
    return [
        urlsafe_base64_encode(force_bytes(viewer.pk)),
        default_token_generator.make_token(viewer),
    ]


def invitation_link(w: SimpleNamespace, coordinator: Any) -> list[Any]:
    """The coordinator invites a newcomer; the mail's token is known only as its hash, so the
    invitation gets a token of ours."""
    invitation = invitation_create(
        by=coordinator,
        organisation=w.organisation,
        email="nina.nieuw@example.org",
        role="member",
        name="Nina Nieuw",
        site_url="http://testserver",
    )
    token = tokens.token_new()
    Invitation.objects.filter(pk=invitation.pk).update(token_hash=tokens.token_hash(token))
    return [token]
