"""Reading the framework. Framework content is public: no user scoping needed."""

from typing import Any

from django.db.models import Prefetch, QuerySet
from django.db.models.signals import post_delete, post_save

from .models import ActionOption, Factor, FrameworkVersion, Indicator


def framework_active() -> FrameworkVersion | None:
    return FrameworkVersion.objects.filter(is_active=True).first()


def factors_with_content(*, version_id: int) -> QuerySet[Factor]:
    """The nine factors of a version with indicators and options, in three queries."""
    return (
        Factor.objects.filter(version_id=version_id)
        .order_by("number")
        .prefetch_related(
            Prefetch("indicators", queryset=Indicator.objects.order_by("position")),
            Prefetch("options", queryset=ActionOption.objects.order_by("position")),
        )
    )


# A loaded version is never rewritten (services.py: a change of wording is a new version), so
# its factors, indicators and options are read once per process, not on every page that shows
# a scan. The key names the version's identity; a write to any framework row in this process
# (loading a version, the tests' fixtures) empties it as well.
_LOADED: dict[tuple[Any, ...], list[Factor]] = {}


def factors_of_version(version: FrameworkVersion) -> list[Factor]:
    """factors_with_content of a loaded version, kept in the process. Treat as read-only."""
    key = (version.pk, version.content_hash, version.loaded_at)
    factors = _LOADED.get(key)
    if factors is None:
        factors = list(factors_with_content(version_id=version.pk))
        if len(_LOADED) >= 8:
            _LOADED.clear()
        _LOADED[key] = factors
    return factors


def forget_loaded_versions(**kwargs: Any) -> None:
    _LOADED.clear()


for _model in (FrameworkVersion, Factor, Indicator, ActionOption):
    post_save.connect(forget_loaded_versions, sender=_model, dispatch_uid=f"framework-{_model}")
    post_delete.connect(forget_loaded_versions, sender=_model, dispatch_uid=f"framework-{_model}-d")
