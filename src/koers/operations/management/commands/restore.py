"""`koers restore FILE [--replace]`: put a backup back; refuses a database in use."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError, CommandParser

from koers.operations.backup import BackupError, restore


class Command(BaseCommand):
    help = (
        "Restore a backup made by `koers backup`. Refuses when the database already holds "
        "people, organisations or projects, unless --replace."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("file", type=Path)
        parser.add_argument(
            "--replace", action="store_true", help="Overwrite a database that holds data."
        )

    def handle(self, *args, **options) -> None:
        try:
            restore(options["file"], replace=options["replace"])
        except BackupError as exc:
            raise CommandError(str(exc)) from None
        self.stdout.write(f"Restored {options['file']}.")
