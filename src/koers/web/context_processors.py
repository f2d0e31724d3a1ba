"""Values every page needs."""

from typing import Any

from django.http import HttpRequest

from koers.organisations.models import Role
from koers.organisations.selectors import in_demo_organisation, organisation_ids_with_role
from koers.projects.access import create_refusal


def koers(request: HttpRequest) -> dict[str, Any]:
    """Whether the user works in demo organisations (the banner says the data is fictional)."""
    demo = in_demo_organisation(request.user)
    coordinator = bool(organisation_ids_with_role(request.user, Role.COORDINATOR))
    return {
        "koers_demo": demo,
        "koers_coordinator": coordinator,
        # the same rule the service applies: "New project" is offered only when allowed
        "koers_can_create": create_refusal(request.user) is None,
    }
