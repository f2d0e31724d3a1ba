"""`koers backup --output FILE`: a consistent copy of the whole database."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError, CommandParser

from koers.operations.backup import BackupError, backup


class Command(BaseCommand):
    help = "Write a backup of the whole database (pg_dump custom format, or a SQLite copy)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--output", type=Path, required=True)

    def handle(self, *args, **options) -> None:
        output: Path = options["output"]
        if output.exists():
            raise CommandError(f"{output} exists already; choose a new file name.")
        try:
            backup(output)
        except BackupError as exc:
            output.unlink(missing_ok=True)
            raise CommandError(str(exc)) from None
        self.stdout.write(f"Backup written to {output} ({output.stat().st_size} bytes).")
