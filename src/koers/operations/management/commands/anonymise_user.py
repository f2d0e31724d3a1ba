"""`koers anonymise_user USERNAME`: someone left; their name and address go, their work stays."""

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError, CommandParser

from koers.operations.services import user_anonymise


class Command(BaseCommand):
    help = (
        "Anonymise a person who left: name, e-mail, username and password removed, taken off "
        "every team and organisation; their scan answers and the history stay."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("username")

    def handle(self, *args, **options) -> None:
        user = get_user_model().objects.filter(username=options["username"]).first()
        if user is None:
            raise CommandError(f"No user named {options['username']!r}.")
        orphaned = user_anonymise(user=user, by=None)
        self.stdout.write(f"{options['username']} anonymised; the account is now former-{user.pk}.")
        for project in orphaned:
            self.stdout.write(
                f"Project {project.pk} ({project.title}) has no project leader now: "
                "a coordinator of its organisation should appoint one."
            )
