"""Reading API tokens: a person's own, and a coordinator's organisations' tokens."""

from typing import Any

from django.db.models import Q, QuerySet

from koers.organisations.models import Role
from koers.organisations.selectors import organisation_ids_with_role

from .models import ApiToken


def tokens_visible_to(user: Any) -> QuerySet[ApiToken]:
    coordinated = organisation_ids_with_role(user, Role.COORDINATOR)
    return (
        ApiToken.objects.filter(Q(user=user) | Q(organisation_id__in=coordinated, user=None))
        .select_related("organisation", "user", "created_by")
        .order_by("-created_at", "-id")
    )
