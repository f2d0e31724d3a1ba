from django.apps import AppConfig


class ReportsConfig(AppConfig):
    name = "koers.reports"
    verbose_name = "Reports and exports"
