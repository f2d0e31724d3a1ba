"""`koers bootstrap`: make a fresh database usable: framework, and demo data when empty."""

from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.core.management.base import BaseCommand

from koers.demo.generator import DEMO_PASSWORD
from koers.framework.models import FrameworkVersion
from koers.framework.selectors import framework_active
from koers.framework.services import (
    DEFAULT_FRAMEWORK_FILE,
    default_framework_number,
    framework_load,
)
from koers.library.models import ReferenceCase
from koers.library.services import reference_cases_load


class Command(BaseCommand):
    help = "Load the framework and study cases if missing, and demo data if there are no users."

    def handle(self, *args, **options) -> None:
        shipped = default_framework_number()
        active = framework_active()
        # A fresh database, or one that runs an older shipped version: load and activate the
        # new one (older scans keep theirs). A newer version an administrator loaded stays.
        if (active is None or active.number < shipped) and not FrameworkVersion.objects.filter(
            number=shipped
        ).exists():
            framework_load(raw=DEFAULT_FRAMEWORK_FILE.read_bytes())
            self.stdout.write(f"Framework version {shipped} loaded.")
        if not ReferenceCase.objects.exists():
            count = reference_cases_load()
            self.stdout.write(f"{count} study cases loaded into the case library.")
        if not get_user_model().objects.exists():
            call_command("demo_data", stdout=self.stdout)
        self.stdout.write(
            self.style.SUCCESS(
                f"Demo login: projectleider / {DEMO_PASSWORD} "
                "(also coordinator, teamlid, kijker, beheerder)"
            )
        )
