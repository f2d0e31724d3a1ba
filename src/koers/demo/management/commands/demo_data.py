"""`koers demo_data`: add a fictional demo portfolio."""

import time

from django.core.management.base import BaseCommand, CommandParser

from koers.demo.generator import generate


class Command(BaseCommand):
    help = "Add fictional demo organisations, people and projects with 2-3 years of history."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--seed", type=int, default=1)
        parser.add_argument("--organisations", type=int, default=3)
        parser.add_argument("--projects-per-org", type=int, default=12)

    def handle(self, *args, **options) -> None:
        started = time.perf_counter()
        report = generate(
            seed=options["seed"],
            organisations=options["organisations"],
            projects_per_org=options["projects_per_org"],
            log=self.stdout.write,
        )
        self.stdout.write(
            f"Demo data: {report.organisations} organisations, {report.users} people, "
            f"{report.projects} projects, {report.scans} scans, {report.answers} answers, "
            f"{report.adoptions} adoptions "
            f"in {time.perf_counter() - started:.1f} s. Outcomes: {report.outcomes}"
        )
