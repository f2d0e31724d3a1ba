from django.apps import AppConfig


class OperationsConfig(AppConfig):
    name = "koers.operations"
    verbose_name = "Operations"
