from django.apps import AppConfig


class WebConfig(AppConfig):
    name = "koers.web"
