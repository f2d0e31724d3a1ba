"""A clock the tests set, and a real SMTP server on loopback (aiosmtpd, tests/mailserver.py)
that the tests start, stop and start again on the same port."""

import datetime
from zoneinfo import ZoneInfo

import pytest
from aiosmtpd.controller import Controller
from django.test import override_settings

from tests.mailserver import Inbox, free_port

AMSTERDAM = ZoneInfo("Europe/Amsterdam")
# A Monday morning: the start of an ISO week (2026-W50).
MONDAY = datetime.datetime(2026, 12, 7, 8, 0, tzinfo=AMSTERDAM)


class Clock:
    def __init__(self, moment: datetime.datetime):
        self.moment = moment

    def __call__(self) -> datetime.datetime:
        return self.moment

    def advance(self, **delta: float) -> datetime.datetime:
        self.moment += datetime.timedelta(**delta)
        return self.moment


@pytest.fixture
def clock(monkeypatch):
    """Django's timezone.now fixed at MONDAY (services, auto_now fields and the command)."""
    c = Clock(MONDAY)
    monkeypatch.setattr("django.utils.timezone.now", c)
    return c


class SmtpServer:
    def __init__(self):
        self.port = free_port()
        self.inbox = Inbox()
        self.controller: Controller | None = None

    def start(self) -> None:
        self.controller = Controller(self.inbox, hostname="127.0.0.1", port=self.port)
        self.controller.start()

    def stop(self) -> None:
        if self.controller is not None:
            self.controller.stop()
            self.controller = None


@pytest.fixture
def smtp():
    """A real SMTP server on 127.0.0.1, and Django's SMTP backend pointed at it."""
    server = SmtpServer()
    server.start()
    with override_settings(
        EMAIL_BACKEND="django.core.mail.backends.smtp.EmailBackend",
        EMAIL_HOST="127.0.0.1",
        EMAIL_PORT=server.port,
        EMAIL_USE_TLS=False,
        EMAIL_TIMEOUT=10,
    ):
        yield server
    server.stop()
