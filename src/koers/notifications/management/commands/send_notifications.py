"""`koers send_notifications`: make the notices that are due, and mail what is queued.

Run it every few minutes to every hour from cron or a systemd timer (docs/notifications.md).
Running it again, or twice at once, sends nothing twice."""

import datetime

from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone, translation
from django.utils.dateparse import parse_datetime

from koers.notifications.models import NoticeKind
from koers.notifications.sending import notifications_run


def _moment(text: str) -> datetime.datetime:
    """An ISO date (midnight) or date and time, in Koers's time zone unless it names one."""
    try:
        moment = parse_datetime(text)
    except ValueError:
        moment = None
    if moment is None:
        raise CommandError(f"--now: not a date or date and time: {text!r}")
    return moment if timezone.is_aware(moment) else timezone.make_aware(moment)


class Command(BaseCommand):
    help = "Make the notices that are due and send the queued e-mails (safe to repeat)."

    def add_arguments(self, parser) -> None:
        parser.add_argument(
            "--now",
            help="act as if it were this moment: 2026-12-07 (midnight) or 2026-12-07T08:00",
        )

    def handle(self, *args, **options) -> None:
        now = _moment(options["now"]) if options["now"] else timezone.now()
        report = notifications_run(now=now)
        with translation.override("en"):  # the operator's log, as the other commands
            labels = {k: str(v) for k, v in NoticeKind.choices}
        self.stdout.write(f"Notices at {timezone.localtime(now):%Y-%m-%d %H:%M}:")
        for kind in NoticeKind.values:
            self.stdout.write(
                f"  {kind:<20} new {report.made[kind]:>4}   mailed {report.mailed[kind]:>4}"
                f"   ({labels[kind]})"
            )
        skipped = ", ".join(f"{k} {n}" for k, n in sorted(report.unmailed.items())) or "none"
        self.stdout.write(f"Not to be mailed: {skipped}")
        self.stdout.write(
            f"E-mails sent: {report.mails_sent}; failed and still queued: {report.mails_failed}"
        )
        for error in report.errors[:20]:
            self.stderr.write(f"  {error}")
