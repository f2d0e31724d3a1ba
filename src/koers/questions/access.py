"""Who may see, ask, edit and triage questions: the one place that decides.

Every member of an organisation, a viewer too, sees its questions and may ask one; a
question shared with the network is seen by the people of every participating organisation;
the asker always sees their own. Coordinators of the organisation triage."""

from typing import Any

from django.core.exceptions import PermissionDenied
from django.db.models import Q
from django.utils.translation import gettext as _

from koers.organisations.models import Role
from koers.organisations.selectors import has_role, roles_of
from koers.projects.models import Visibility

from . import workflow


def visible_questions_q(user: Any) -> Q:
    if not getattr(user, "is_authenticated", False):
        return Q(pk__in=[])
    org_ids = list(roles_of(user))
    q = Q(asked_by=user)
    if org_ids:
        q |= Q(organisation_id__in=org_ids) | Q(visibility=Visibility.NETWORK)
    return q


def can_ask(user: Any, organisation_id: int) -> bool:
    return has_role(user, organisation_id, Role.VIEWER)


def require_ask(user: Any, organisation: Any) -> None:
    if not can_ask(user, organisation.pk):
        raise PermissionDenied(
            _("Only people of %(org)s can ask a question there.") % {"org": organisation}
        )


def can_triage(user: Any, question: Any) -> bool:
    return has_role(user, question.organisation_id, Role.COORDINATOR)


def require_triage(user: Any, question: Any) -> None:
    if not can_triage(user, question):
        raise PermissionDenied(
            _("Only a coordinator of %(org)s can decide what happens to this question.")
            % {"org": question.organisation}
        )


def can_edit(user: Any, question: Any) -> bool:
    """Coordinators always; the asker while the question still waits for a decision and they
    still work for the organisation."""
    if can_triage(user, question):
        return True
    return (
        question.asked_by_id == getattr(user, "pk", None)
        and question.status in workflow.OPEN
        and can_ask(user, question.organisation_id)
    )


def require_edit(user: Any, question: Any) -> None:
    if not can_edit(user, question):
        raise PermissionDenied(
            _(
                "Only the asker, while the question waits for a decision, or a coordinator "
                "can change this question."
            )
        )
