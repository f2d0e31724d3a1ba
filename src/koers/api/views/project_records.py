"""A project's own records, as its page shows them to everyone who may see the project:
steps, sessions with end users and learning events (koers.evidence), partners
(koers.partners), budget lines and mandates (koers.projects.room). The project is found
through the pages' selector first, so a project the caller may not see is a 404."""

from typing import Any

from drf_spectacular.utils import extend_schema
from rest_framework import serializers
from rest_framework.response import Response

from koers.evidence.selectors import end_user_sessions_of, learning_events_of, steps_of
from koers.partners.selectors import partners_of
from koers.projects.room import budget_lines_of, mandates_of
from koers.projects.selectors import project_get

from .project_parts import _ProjectPart


class _Record(serializers.Serializer):
    id = serializers.IntegerField()
    project = serializers.IntegerField(source="project_id")
    version = serializers.IntegerField()


class StepSerializer(_Record):
    goal = serializers.CharField()
    startedOn = serializers.DateField(source="started_on")  # noqa: N815
    plannedEnd = serializers.DateField(source="planned_end")  # noqa: N815
    endedOn = serializers.DateField(source="ended_on", allow_null=True)  # noqa: N815
    result = serializers.CharField(help_text="worked, redo or dropped; empty while it runs.")
    note = serializers.CharField()
    tryNumber = serializers.IntegerField(source="try_number")  # noqa: N815
    previousTry = serializers.IntegerField(source="previous_try_id", allow_null=True)  # noqa: N815


class EndUserSessionSerializer(_Record):
    heldOn = serializers.DateField(source="held_on")  # noqa: N815
    kind = serializers.CharField()
    participants = serializers.IntegerField()
    audience = serializers.CharField()
    outcome = serializers.CharField()


class LearningEventSerializer(_Record):
    heldOn = serializers.DateField(source="held_on")  # noqa: N815
    kind = serializers.CharField()
    participants = serializers.CharField()
    lesson = serializers.CharField()


class PartnerSerializer(_Record):
    kind = serializers.CharField()
    name = serializers.CharField(source="display_name")
    organisation = serializers.CharField(source="organisation.slug", allow_null=True, default=None)
    brings = serializers.SerializerMethodField()
    startsOn = serializers.DateField(source="starts_on")  # noqa: N815
    endsOn = serializers.DateField(source="ends_on", allow_null=True)  # noqa: N815
    note = serializers.CharField()

    def get_brings(self, obj: Any) -> list[str]:
        return [
            what
            for what in ("technology", "knowledge", "data", "money", "people")
            if getattr(obj, f"brings_{what}")
        ]


class BudgetLineSerializer(_Record):
    amount = serializers.DecimalField(max_digits=12, decimal_places=2, coerce_to_string=False)
    source = serializers.CharField()
    startsOn = serializers.DateField(source="starts_on")  # noqa: N815
    endsOn = serializers.DateField(source="ends_on")  # noqa: N815


class MandateSerializer(_Record):
    decidedOn = serializers.DateField(source="decided_on")  # noqa: N815
    decidedBy = serializers.CharField(source="decided_by")  # noqa: N815
    scope = serializers.CharField()


def _record_list(name: str, serializer: type[serializers.Serializer], records_of: Any) -> type:
    """A list of one kind of record of a visible project, in the page's order."""

    class RecordList(_ProjectPart):
        serializer_class = serializer

        @extend_schema(operation_id=f"projects_{name}_list", responses=serializer(many=True))
        def get(self, request: Any, pk: int) -> Response:
            project = project_get(user=request.user, pk=pk)
            return self.page_of(records_of(project=project))

    RecordList.__name__ = RecordList.__qualname__ = f"{serializer.__name__[:-10]}List"
    return RecordList


StepList = _record_list("steps", StepSerializer, steps_of)
EndUserSessionList = _record_list(
    "end_user_sessions", EndUserSessionSerializer, end_user_sessions_of
)
LearningEventList = _record_list("learning_events", LearningEventSerializer, learning_events_of)
PartnerList = _record_list("partners", PartnerSerializer, partners_of)
BudgetLineList = _record_list("budget_lines", BudgetLineSerializer, budget_lines_of)
MandateList = _record_list("mandates", MandateSerializer, mandates_of)
