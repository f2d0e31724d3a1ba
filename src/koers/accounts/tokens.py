"""Invitation tokens: random, shown once in the link, stored only as a hash.

A stolen database therefore holds no working link, and a guessed or altered link finds no
invitation. The hash is keyed with the secret key so that it is useless outside this site."""

import hashlib
import hmac
import secrets

from django.conf import settings

TOKEN_BYTES = 32


def token_new() -> str:
    return secrets.token_urlsafe(TOKEN_BYTES)


def token_hash(token: str) -> str:
    key = settings.SECRET_KEY.encode()
    return hmac.new(key, b"koers-invitation:" + token.encode(), hashlib.sha256).hexdigest()
