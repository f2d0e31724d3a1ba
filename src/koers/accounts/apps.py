from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AccountsConfig(AppConfig):
    name = "koers.accounts"
    verbose_name = _("Accounts")

    def ready(self) -> None:
        from . import lockout, signals  # noqa: F401  (sign-in and lockout history)
