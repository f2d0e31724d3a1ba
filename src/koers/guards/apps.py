from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class GuardsConfig(AppConfig):
    name = "koers.guards"
    verbose_name = _("Guards")
