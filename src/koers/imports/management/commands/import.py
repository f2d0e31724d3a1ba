"""koers import projects FILE --organisation SLUG [--dry-run] [--user USERNAME]
                            [--column "Column name=field" ...]

Reads the list as the page does, prints what would happen per row (or the problems, one per
line: row, column, message), and applies it only when every row is right. Exits 1 when
anything is wrong; nothing is saved then. --column chooses which field a column fills, as
the page's column step does (recognised columns need none)."""

from pathlib import Path
from typing import Any

from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils import translation

from koers.imports import limits
from koers.imports.columns import MappingRefused, mapping_with, recognise
from koers.imports.plan import Plan, build_plan, load_context
from koers.imports.reading import ImportRefused, read_table
from koers.imports.services import ImportNotApplied, import_apply, require_import
from koers.organisations.models import Organisation


class Command(BaseCommand):
    help = "Import an organisation's project list from XLSX or CSV (see docs/import.md)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("what", choices=["projects"])
        parser.add_argument("file", type=Path)
        parser.add_argument("--organisation", required=True, help="the organisation's slug")
        parser.add_argument("--dry-run", action="store_true", help="check only, save nothing")
        parser.add_argument(
            "--user",
            help="the coordinator or administrator on whose behalf the list is imported "
            "(the author in the projects' history); needed unless --dry-run",
        )
        parser.add_argument(
            "--language", choices=["nl", "en"], default="en", help="of the row messages"
        )
        parser.add_argument(
            "--column",
            action="append",
            default=[],
            metavar="COLUMN=FIELD",
            help='which field a column of the file fills, e.g. "Naam project=title" (a '
            'field\'s key, or its Dutch or English column name); "Opmerking=" leaves a '
            "column out. Repeat for more columns.",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        with translation.override(options["language"]):
            self._import(options)

    def _import(self, options: dict[str, Any]) -> None:
        organisation = Organisation.objects.filter(slug=options["organisation"]).first()
        if organisation is None:
            raise CommandError(f"No organisation with the slug {options['organisation']!r}.")
        user = self._user(options["user"], organisation)
        if user is None and not options["dry_run"]:
            raise CommandError(
                "Name the person on whose behalf you import with --user USERNAME (a "
                "coordinator or administrator of the organisation): the projects' history "
                "records them as the author."
            )
        path: Path = options["file"]
        if not path.is_file():
            raise CommandError(f"No file {path}.")
        if path.stat().st_size > limits.MAX_FILE_BYTES:
            raw = b"x" * (limits.MAX_FILE_BYTES + 1)  # refused below, without reading it all
        else:
            raw = path.read_bytes()
        try:
            table = read_table(raw, name=path.name)
        except ImportRefused as refused:
            raise CommandError(str(refused)) from None
        try:
            mapping = mapping_with(table.headers, recognise(table.headers), options["column"])
        except MappingRefused as refused:
            raise CommandError(str(refused)) from None
        plan = build_plan(table, mapping, load_context(organisation))
        self._report(plan)
        if not plan.ok:
            raise CommandError(
                f"{len(plan.bad_rows) or 'The file'} has problems; nothing imported."
            )
        if options["dry_run"]:
            self.stdout.write("Dry run: nothing saved.")
            return
        try:
            applied = import_apply(
                by=user, organisation=organisation, table=table, mapping=mapping, source=path.name
            )
        except ImportNotApplied as failed:
            self._report(failed.plan)
            raise CommandError("Nothing imported.") from None
        self.stdout.write(
            f"Imported: {applied.created} created, {applied.updated} updated, "
            f"{applied.unchanged} unchanged."
        )

    def _user(self, username: str | None, organisation: Organisation) -> Any:
        if not username:
            return None
        user = get_user_model().objects.filter(username=username, is_active=True).first()
        if user is None:
            raise CommandError(f"No active user {username!r}.")
        try:
            require_import(user, organisation)
        except PermissionDenied as refused:
            raise CommandError(str(refused)) from None
        return user

    def _report(self, plan: Plan) -> None:
        for problem in plan.problems:
            self.stderr.write(problem)
        for column in plan.ignored_columns:
            self.stdout.write(f"Column not recognised, left out: {column}")
        for row in plan.rows:
            for p in row.problems:
                where = f", column {p.column}" if p.column else ""
                self.stderr.write(f"Row {row.row}{where}: {p.message}")
        created, updated = plan.count("create"), plan.count("update")
        unchanged = plan.count("unchanged")
        self.stdout.write(
            f"{len(plan.rows)} rows: {created} to create, {updated} to update, "
            f"{unchanged} unchanged, {len(plan.bad_rows)} with problems."
        )
