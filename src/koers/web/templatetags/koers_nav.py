"""The main menu's items, marked when the page is theirs."""

from typing import Any

from django import template
from django.urls import reverse
from django.utils.html import format_html

from koers.web.navigation import section_of

register = template.Library()


@register.simple_tag(takes_context=True)
def nav_item(context: dict[str, Any], url_name: str, section: str, label: str) -> str:
    """One menu link: aria-current="page" on the very page it opens, "true" on the pages
    under it (a project's scan under Projects), so screen readers say where one is."""
    request = context.get("request")
    match = getattr(request, "resolver_match", None)
    view_name = match.view_name if match else None
    current = ""
    if view_name == url_name:
        current = "page"
    elif section_of(view_name) == section:
        current = "true"
    if current:
        return format_html(
            '<li><a href="{}" aria-current="{}">{}</a></li>', reverse(url_name), current, label
        )
    return format_html('<li><a href="{}">{}</a></li>', reverse(url_name), label)
