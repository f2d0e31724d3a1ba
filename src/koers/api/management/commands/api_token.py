"""`koers api_token create --organisation SLUG --scope read|write [--user USERNAME]`: prints
only the token, so a script can take it (`TOKEN=$(koers api_token create ...)`)."""

import datetime

from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from koers.api.models import Scope
from koers.api.services import api_token_create
from koers.organisations.models import Organisation


class Command(BaseCommand):
    help = "Make an API token (personal with --user, otherwise of the organisation)."

    def add_arguments(self, parser) -> None:
        sub = parser.add_subparsers(dest="action", required=True)
        create = sub.add_parser("create", help="make a token and print it")
        create.add_argument("--organisation", required=True, help="the organisation's short name")
        create.add_argument("--scope", required=True, choices=Scope.values)
        create.add_argument("--user", help="username: a personal token acting as this person")
        create.add_argument("--name", default="", help="what uses the token")
        create.add_argument("--days", type=int, help="expires after this many days")

    def handle(self, *args, **options) -> None:
        organisation = Organisation.objects.filter(slug=options["organisation"]).first()
        if organisation is None:
            raise CommandError(f"No organisation with short name {options['organisation']!r}.")
        user = None
        if options["user"]:
            user = get_user_model().objects.filter(username=options["user"]).first()
            if user is None:
                raise CommandError(f"No person with username {options['user']!r}.")
        expires_at = None
        if options["days"] is not None:
            if options["days"] < 1:
                raise CommandError("--days must be 1 or more.")
            expires_at = timezone.now() + datetime.timedelta(days=options["days"])
        name = options["name"] or f"command line ({options['scope']})"
        try:
            _token, secret = api_token_create(
                by=None,
                organisation=organisation,
                scope=options["scope"],
                name=name,
                user=user,
                expires_at=expires_at,
            )
        except ValidationError as error:
            raise CommandError(" ".join(error.messages)) from error
        self.stdout.write(secret)
