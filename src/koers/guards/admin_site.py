"""Django's admin for platform staff only.

The admin shows every organisation's records unscoped, so it belongs to the people who run
the platform (active staff superusers), never to an organisation's administrator: they keep
their members and settings on Koers' own pages, scoped to their organisation. Lookups in the
address are limited to the filters a list offers, so that a hand-typed lookup the database
cannot run (`changes__contains` on SQLite) is refused instead of failing."""

from typing import Any

from django.contrib import admin
from django.contrib.admin.apps import AdminConfig
from django.db.models.constants import LOOKUP_SEP
from django.http import HttpRequest


def is_platform_staff(user: Any) -> bool:
    return bool(user.is_active and user.is_staff and user.is_superuser)


class FilterLookupsOnly:
    """Only the lookups of the list's own filters (and its search and date drill-down)."""

    def lookup_allowed(self, lookup: str, value: Any, request: Any = None) -> bool:
        offered = {f if isinstance(f, str) else f[0] for f in self.list_filter}
        if self.date_hierarchy:
            offered.add(self.date_hierarchy)
        if lookup.split(LOOKUP_SEP)[0] not in offered:
            return False
        return super().lookup_allowed(lookup, value, request)


class PlatformAdminSite(admin.AdminSite):
    def has_permission(self, request: HttpRequest) -> bool:
        return is_platform_staff(request.user)

    def register(self, model_or_iterable: Any, admin_class: Any = None, **options: Any) -> None:
        admin_class = admin_class or admin.ModelAdmin
        if not issubclass(admin_class, FilterLookupsOnly):
            admin_class = type(admin_class.__name__, (FilterLookupsOnly, admin_class), {})
        super().register(model_or_iterable, admin_class, **options)


class PlatformAdminConfig(AdminConfig):
    default_site = "koers.guards.admin_site.PlatformAdminSite"
