"""Pages anyone may read: help on the method, the accessibility and privacy statements."""

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import translation


def _statement(request: HttpRequest, name: str) -> HttpResponse:
    # Long prose is written per language, as a whole page, rather than sentence by sentence.
    language = "en" if translation.get_language() == "en" else "nl"
    contact = getattr(settings, "KOERS_CONTACT_EMAIL", "")
    return render(request, f"accounts/pages/{name}_{language}.html", {"contact": contact})


def help_page(request: HttpRequest) -> HttpResponse:
    return _statement(request, "help")


def accessibility(request: HttpRequest) -> HttpResponse:
    return _statement(request, "accessibility")


def privacy(request: HttpRequest) -> HttpResponse:
    return _statement(request, "privacy")
