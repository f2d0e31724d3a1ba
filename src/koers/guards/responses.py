"""The page that says why a request was refused, in the user's language."""

from django.http import HttpRequest, HttpResponse
from django.template.loader import render_to_string


def refused(request: HttpRequest, *, status: int, title: str, message: str) -> HttpResponse:
    html = render_to_string(
        "guards/refused.html", {"title": title, "message": message}, request=request
    )
    return HttpResponse(html, status=status)
