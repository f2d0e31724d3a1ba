"""Values every page needs."""

from typing import Any

from django.http import HttpRequest

from koers.organisations.models import Organisation, Role
from koers.organisations.selectors import organisation_ids_with_role, roles_of
from koers.projects.access import create_refusal


def koers(request: HttpRequest) -> dict[str, Any]:
    """Whether the user works in demo organisations (the banner says the data is fictional)."""
    org_ids = list(roles_of(request.user))
    demo = bool(org_ids) and Organisation.objects.filter(id__in=org_ids, is_demo=True).exists()
    coordinator = bool(organisation_ids_with_role(request.user, Role.COORDINATOR))
    return {
        "koers_demo": demo,
        "koers_coordinator": coordinator,
        # the same rule the service applies: "New project" is offered only when allowed
        "koers_can_create": create_refusal(request.user) is None,
    }
