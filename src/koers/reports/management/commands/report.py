"""`koers report project ID --output FILE.pdf` and
`koers report portfolio --organisation SLUG --output FILE.pdf|FILE.xlsx [--lang nl|en]`:
the reports from the command line, so that a municipality can schedule them."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils import translation

from koers.insights.selectors import DashboardFilter
from koers.organisations.models import Organisation
from koers.projects.models import Project
from koers.reports.documents import portfolio_export, portfolio_report_pdf, project_report_pdf


class Command(BaseCommand):
    help = "Write a project or portfolio report to a file."

    def add_arguments(self, parser: CommandParser) -> None:
        sub = parser.add_subparsers(dest="kind", required=True)
        project = sub.add_parser("project", help="A project report (PDF).")
        project.add_argument("project_id", type=int)
        project.add_argument("--output", type=Path, required=True)
        project.add_argument("--lang", choices=["nl", "en"], default="nl")
        portfolio = sub.add_parser("portfolio", help="A portfolio report (PDF) or workbook (XLSX).")
        portfolio.add_argument(
            "--organisation", required=True, help="The organisation's short name."
        )
        portfolio.add_argument("--output", type=Path, required=True)
        portfolio.add_argument("--lang", choices=["nl", "en"], default="nl")

    def handle(self, *args, **options) -> None:
        output: Path = options["output"]
        suffix = output.suffix.lower()
        language = options["lang"]
        if options["kind"] == "project":
            if suffix != ".pdf":
                raise CommandError("A project report is a PDF: give --output FILE.pdf")
            project = (
                Project.objects.filter(pk=options["project_id"]).select_related("owner").first()
            )
            if project is None:
                raise CommandError(f"There is no project {options['project_id']}.")
            content = project_report_pdf(project=project, language=language)
        else:
            organisation = Organisation.objects.filter(slug=options["organisation"]).first()
            if organisation is None:
                raise CommandError(
                    f"There is no organisation with short name '{options['organisation']}'."
                )
            if suffix == ".pdf":
                content = portfolio_report_pdf(
                    organisation=organisation, filters=DashboardFilter(), language=language
                )
            elif suffix == ".xlsx":
                with translation.override(language):
                    content = portfolio_export(
                        organisation=organisation, filters=DashboardFilter(), kind="all", fmt="xlsx"
                    )
            else:
                raise CommandError("A portfolio report is FILE.pdf or FILE.xlsx.")
        try:
            output.write_bytes(content)
        except OSError as exc:
            raise CommandError(f"Cannot write {output}: {exc.strerror}") from None
        self.stdout.write(f"Wrote {output} ({len(content) // 1024} kB).")
