"""Values every page needs."""

from typing import Any

from django.http import HttpRequest

from koers.organisations.models import Organisation, Role
from koers.organisations.selectors import organisation_ids_with_role, roles_of


def koers(request: HttpRequest) -> dict[str, Any]:
    """Whether the user works in demo organisations (the banner says the data is fictional)."""
    org_ids = list(roles_of(request.user))
    demo = bool(org_ids) and Organisation.objects.filter(id__in=org_ids, is_demo=True).exists()
    coordinator = bool(organisation_ids_with_role(request.user, Role.COORDINATOR))
    return {"koers_demo": demo, "koers_coordinator": coordinator}
