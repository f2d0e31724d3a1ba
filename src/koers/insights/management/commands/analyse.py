"""`koers analyse FILE.csv --outcome OUT --conditions A,B,C ...`: the QCA engine's command line
(the same as `python -m koers.analysis`), available through the `koers` command."""

import sys

from django.core.management.base import BaseCommand

from koers.analysis.cli import main


class Command(BaseCommand):
    help = "Qualitative Comparative Analysis of a CSV file (see --help)."

    def run_from_argv(self, argv: list[str]) -> None:
        # The engine has its own argument parser and needs no database.
        sys.exit(main(argv[2:]))
