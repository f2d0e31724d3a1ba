"""Sending through a real SMTP server on loopback (aiosmtpd, started and stopped by the tests):
the mails arrive; a server that is down leaves them queued and the next run sends them;
two runs at once send each mail once."""

import threading

import pytest
from django.core.mail.backends.smtp import EmailBackend

from koers.assessments.services import scan_start
from koers.notifications.models import Mail, MailStatus
from koers.notifications.sending import notifications_run
from koers.organisations.models import Role
from tests.factories import OrganisationFactory, load_framework, make_project, member

from .conftest import MONDAY


def _people(n: int):
    org = OrganisationFactory(name="Gemeente Aastad")
    leader = member(org, Role.MEMBER, email="leider@example.org")
    project = make_project(org, leader)
    others = [member(org, Role.MEMBER, email=f"teamlid{i}@example.org") for i in range(n)]
    from koers.projects.services import team_member_set

    for person in others:
        team_member_set(project=project, by=leader, user=person, team_role="developer")
    return leader, project, others


@pytest.fixture
def invited(clock, db):
    load_framework()
    leader, project, others = _people(3)
    scan_start(project=project, by=leader, respondents=others)
    return others


def test_the_mails_arrive_at_a_real_smtp_server(invited, smtp):
    report = notifications_run(now=MONDAY)
    assert report.mails_sent == 3 and report.mails_failed == 0
    assert sorted(m["To"] for m in smtp.inbox.messages) == [p.email for p in invited]
    message = smtp.inbox.messages[0]
    assert "nodigt je uit om de scan van" in smtp.inbox.body(message)
    assert message["Auto-Submitted"] == "auto-generated"
    sent = Mail.objects.get(recipient=invited[0])
    assert (sent.status, sent.address, sent.attempts) == (MailStatus.SENT, invited[0].email, 1)
    assert sent.subject.startswith("Koers: ")


def test_a_mail_server_that_is_down_leaves_the_mails_queued(invited, smtp):
    smtp.stop()
    report = notifications_run(now=MONDAY)
    assert report.mails_sent == 0 and report.mails_failed == 1  # the run stops at the first
    assert "ConnectionRefusedError" in report.errors[0]
    assert list(Mail.objects.values_list("status", "claimed_by")) == [(MailStatus.QUEUED, "")] * 3
    assert Mail.objects.get(attempts=1).last_error.startswith("ConnectionRefusedError")

    smtp.start()  # the server is back: the next run sends them, once
    report = notifications_run(now=MONDAY)
    assert report.mails_sent == 3
    notifications_run(now=MONDAY)
    assert sorted(m["To"] for m in smtp.inbox.messages) == [p.email for p in invited]
    assert set(Mail.objects.values_list("status", flat=True)) == {MailStatus.SENT}


class _SecondRunWhileSending(EmailBackend):
    """Starts a whole second run in another thread (its own database connection) while the
    first run is sending its first mail, and waits for it to finish."""

    second_reports: list = []

    def send_messages(self, messages):
        if not self.second_reports:
            self.second_reports.append(None)
            thread = threading.Thread(target=self._second_run)
            thread.start()
            thread.join()
        return super().send_messages(messages)

    def _second_run(self):
        from django.db import connection

        try:
            seen = Mail.objects.filter(status=MailStatus.QUEUED).count()
            self.second_reports[0] = (seen, notifications_run(now=MONDAY))
        finally:
            connection.close()


def test_two_runs_at_once_send_each_mail_once(clock, transactional_db, smtp, settings):
    load_framework()
    leader, project, others = _people(4)
    scan_start(project=project, by=leader, respondents=others)
    settings.EMAIL_BACKEND = f"{__name__}._SecondRunWhileSending"
    _SecondRunWhileSending.second_reports = []

    first = notifications_run(now=MONDAY)

    seen, second = _SecondRunWhileSending.second_reports[0]
    assert seen == 4  # the second run saw the queued mails...
    assert second.mails_sent == 0  # ...but the first run had claimed them all
    assert first.mails_sent == 4
    assert sorted(m["To"] for m in smtp.inbox.messages) == [p.email for p in others]
