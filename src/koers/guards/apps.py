from django.apps import AppConfig


class GuardsConfig(AppConfig):
    name = "koers.guards"
    verbose_name = "Guards"
