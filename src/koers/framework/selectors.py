"""Reading the framework. Framework content is public: no user scoping needed."""

from django.db.models import Prefetch, QuerySet

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
