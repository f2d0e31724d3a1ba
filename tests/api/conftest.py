"""Tokens and a client that sends them."""

import pytest
from django.test import Client

from koers.api.services import api_token_create


class TokenClient(Client):
    """A test client that sends `Authorization: Token <secret>` with every request."""

    def __init__(self, secret: str, **kwargs):
        super().__init__(HTTP_AUTHORIZATION=f"Token {secret}", **kwargs)


def token_client(organisation, scope="read", user=None, name="tests"):
    _token, secret = api_token_create(
        by=None, organisation=organisation, scope=scope, name=name, user=user
    )
    return TokenClient(secret)


@pytest.fixture
def org_reader(world):
    return token_client(world.a, "read")


@pytest.fixture
def org_writer(world):
    return token_client(world.a, "write")
