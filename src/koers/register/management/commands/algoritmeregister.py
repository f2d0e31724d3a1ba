"""`koers algoritmeregister export --organisation SLUG --output FILE.json|FILE.csv
[--project ID]`: the organisation's complete register records (or one project's) as the
Algoritmeregister's JSON or CSV. Incomplete records are named on stderr with the reason and
left out; when none is complete, nothing is written and the command exits non-zero."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils import translation

from koers.organisations.models import Organisation
from koers.register.export import as_csv, as_json, build_export
from koers.register.selectors import records_of_organisation

RENDER = {".json": as_json, ".csv": as_csv}


class Command(BaseCommand):
    help = "Export register records for the national Algoritmeregister."

    def add_arguments(self, parser: CommandParser) -> None:
        sub = parser.add_subparsers(dest="action", required=True)
        export = sub.add_parser("export", help="Write the complete records to a file.")
        export.add_argument("--organisation", required=True, help="The organisation's short name.")
        export.add_argument("--output", type=Path, required=True, help="FILE.json or FILE.csv")
        export.add_argument("--project", type=int, help="Only this project's record.")
        export.add_argument("--lang", choices=["nl", "en"], default="en", help="For the messages.")

    def handle(self, *args, **options) -> None:
        output: Path = options["output"]
        render = RENDER.get(output.suffix.lower())
        if render is None:
            raise CommandError("Give --output FILE.json or FILE.csv.")
        organisation = Organisation.objects.filter(slug=options["organisation"]).first()
        if organisation is None:
            raise CommandError(
                f"There is no organisation with short name '{options['organisation']}'."
            )
        records = records_of_organisation(organisation=organisation)
        if options["project"] is not None:
            records = records.filter(project_id=options["project"])
            if not records:
                raise CommandError(
                    f"Project {options['project']} of {organisation.slug} has no register record "
                    "(or does not exist, or is archived)."
                )
        with translation.override(options["lang"]):
            result = build_export(records)
            for left_out in result.left_out:
                self.stderr.write(f"Left out: {left_out.line()}")
        if not result.documents:
            raise CommandError("No register record is complete: nothing written.")
        try:
            output.write_bytes(render(result.documents))
        except OSError as exc:
            raise CommandError(f"Cannot write {output}: {exc.strerror}") from None
        self.stdout.write(
            f"Wrote {output}: {len(result.documents)} record(s), {len(result.left_out)} left out."
        )
