"""API token secrets: random, shown once, stored only as a keyed hash (as invitation links,
koers.accounts.tokens). The prefix `koers_` makes a leaked token easy to recognise."""

import hashlib
import hmac
import secrets

from django.conf import settings

TOKEN_BYTES = 32
PREFIX = "koers_"


def token_new() -> str:
    return PREFIX + secrets.token_urlsafe(TOKEN_BYTES)


def token_hash(token: str) -> str:
    key = settings.SECRET_KEY.encode()
    return hmac.new(key, b"koers-api-token:" + token.encode(), hashlib.sha256).hexdigest()
