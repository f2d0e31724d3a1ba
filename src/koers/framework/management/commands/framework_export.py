"""`koers framework_export --json`: print the active framework version as a framework file."""

import json

from django.core.management.base import BaseCommand, CommandError, CommandParser

from koers.framework.models import FrameworkVersion
from koers.framework.selectors import framework_active
from koers.framework.services import framework_export


class Command(BaseCommand):
    help = "Print a framework version (default: the active one) as JSON."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--json", action="store_true", help="JSON output (the only format).")
        parser.add_argument("--version-number", type=int)

    def handle(self, *args, **options) -> None:
        number = options["version_number"]
        version = (
            FrameworkVersion.objects.filter(number=number).first() if number else framework_active()
        )
        if version is None:
            raise CommandError("No such framework version is loaded.")
        self.stdout.write(
            json.dumps(framework_export(version=version), ensure_ascii=False, indent=2)
        )
