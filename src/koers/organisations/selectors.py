"""Who may do what in which organisation. Roles are read once per request and cached on the user."""

from typing import Any

from django.db.models import QuerySet

from .models import ROLE_RANK, Membership, Organisation, Role


def roles_of(user: Any) -> dict[int, str]:
    """Organisation id -> role for the user; empty for anonymous users."""
    if not getattr(user, "is_authenticated", False):
        return {}
    cached = getattr(user, "_koers_roles", None)
    if cached is None:
        rows = Membership.objects.filter(user=user).values_list(
            "organisation_id", "role", "organisation__is_demo"
        )
        cached = {org: role for org, role, _demo in rows}
        user._koers_roles = cached
        # Read in the same query for the demo banner on every page (in_demo_organisation).
        user._koers_demo = any(demo for _org, _role, demo in rows)
    return cached


def in_demo_organisation(user: Any) -> bool:
    """Whether the user works in a demo organisation (the banner says the data is fictional)."""
    roles_of(user)
    return getattr(user, "_koers_demo", False)


def has_role(user: Any, organisation_id: int, at_least: Role) -> bool:
    role = roles_of(user).get(organisation_id)
    return role is not None and ROLE_RANK[Role(role)] >= ROLE_RANK[at_least]


def organisation_ids_with_role(user: Any, at_least: Role) -> list[int]:
    return [
        org for org, role in roles_of(user).items() if ROLE_RANK[Role(role)] >= ROLE_RANK[at_least]
    ]


def organisations_of(user: Any) -> QuerySet[Organisation]:
    return Organisation.objects.filter(id__in=list(roles_of(user)))


def organisation_members(*, organisation: Organisation) -> QuerySet[Any]:
    from django.contrib.auth import get_user_model

    return (
        get_user_model()
        .objects.filter(memberships__organisation=organisation)
        .order_by("first_name", "last_name", "username")
    )
