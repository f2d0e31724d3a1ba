"""`koers framework_load FILE`: load and activate a new framework version."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError, CommandParser

from koers.framework.services import framework_load
from koers.framework.validation import FrameworkFileError


class Command(BaseCommand):
    help = "Load a framework file as a new version and make it the active one."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("file", type=Path)
        parser.add_argument("--inactive", action="store_true", help="Load without activating.")

    def handle(self, *args, **options) -> None:
        try:
            raw = options["file"].read_bytes()
        except OSError as exc:
            raise CommandError(f"Cannot read {options['file']}: {exc.strerror}") from None
        try:
            version = framework_load(raw=raw, activate=not options["inactive"])
        except FrameworkFileError as exc:
            raise CommandError(
                "The framework file was not loaded:\n- " + "\n- ".join(exc.problems)
            ) from None
        self.stdout.write(
            f"Framework version {version.number} loaded"
            f"{' and activated' if version.is_active else ''}."
        )
