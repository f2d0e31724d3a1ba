"""Starts the tests' OpenID provider (tests/oidc/provider.mjs, npm oidc-provider) as its own
node process on loopback, and points Django's OpenID Connect settings at it."""

import json
import shutil
import subprocess
import tempfile
from pathlib import Path

from tests.mailserver import free_port

ROOT = Path(__file__).resolve().parents[2]
SCRIPT = Path(__file__).with_name("provider.mjs")


class Provider:
    def __init__(self, *, redirect_uri: str, accounts: dict[str, dict]):
        node = shutil.which("node")
        assert node, "node is missing: apt-get install nodejs"
        self.port = free_port()
        self.issuer = f"http://127.0.0.1:{self.port}"
        self.log = tempfile.TemporaryFile(mode="w+")  # noqa: SIM115 (open while the provider runs)
        self.process = subprocess.Popen(
            [node, str(SCRIPT), str(self.port), redirect_uri, json.dumps(accounts)],
            cwd=ROOT,
            stdout=subprocess.PIPE,
            stderr=self.log,
            text=True,
        )
        # Read until the provider says it listens; an empty line means it ended instead.
        for line in self.process.stdout:
            if line.strip() == "ready":
                break
        else:
            self.log.seek(0)
            raise AssertionError(f"the OpenID provider did not start: {self.log.read()}")

    def configure(self, settings, *, provider_name: str = "Testgemeente-ID") -> None:
        settings.OIDC_RP_CLIENT_ID = "koers"
        settings.OIDC_RP_CLIENT_SECRET = "koers-test-secret"
        settings.OIDC_OP_AUTHORIZATION_ENDPOINT = f"{self.issuer}/auth"
        settings.OIDC_OP_TOKEN_ENDPOINT = f"{self.issuer}/token"
        settings.OIDC_OP_USER_ENDPOINT = f"{self.issuer}/me"
        settings.OIDC_OP_JWKS_ENDPOINT = f"{self.issuer}/jwks"
        settings.KOERS_OIDC_PROVIDER_NAME = provider_name
        settings.AUTHENTICATION_BACKENDS = [
            *settings.AUTHENTICATION_BACKENDS,
            "koers.accounts.oidc.KoersOIDCBackend",
        ]

    def stop(self) -> None:
        self.process.terminate()
        self.process.wait()
        self.process.stdout.close()
        self.log.close()
