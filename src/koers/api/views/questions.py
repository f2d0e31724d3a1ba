"""Questions from the domains: those the caller may see (their organisations' questions and
the ones other organisations share with the network), read through the questions app's
selectors, as the board and the question page show them."""

from typing import Any

from drf_spectacular.utils import extend_schema
from rest_framework import serializers
from rest_framework.response import Response

from koers.api.queries import PageQuery
from koers.projects.models import Domain
from koers.questions.models import QuestionStatus
from koers.questions.selectors import question_get, questions_visible_to

from .base import ApiView


class QuestionSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    organisation = serializers.CharField(source="organisation.slug")
    title = serializers.CharField()
    description = serializers.CharField()
    domain = serializers.CharField()
    department = serializers.CharField()
    frequency = serializers.CharField()
    othersAffected = serializers.CharField(source="others_affected")  # noqa: N815
    expectedChange = serializers.CharField(source="expected_change")  # noqa: N815
    visibility = serializers.CharField()
    status = serializers.CharField()
    statusReason = serializers.CharField(source="status_reason")  # noqa: N815
    statusChangedAt = serializers.DateTimeField(source="status_changed_at")  # noqa: N815
    mergedInto = serializers.IntegerField(source="merged_into_id", allow_null=True)  # noqa: N815
    askedBy = serializers.SerializerMethodField()  # noqa: N815
    askedAt = serializers.DateTimeField(source="asked_at")  # noqa: N815
    updatedAt = serializers.DateTimeField(source="updated_at")  # noqa: N815
    version = serializers.IntegerField()

    def get_askedBy(self, obj: Any) -> str | None:  # noqa: N802
        person = obj.asked_by
        return None if person is None else person.get_full_name() or person.username


class QuestionProjectSerializer(serializers.Serializer):
    id = serializers.IntegerField(source="project.id")
    title = serializers.CharField(source="project.title")
    stage = serializers.CharField(source="project.stage")
    feedbackOn = serializers.DateField(source="feedback_on", allow_null=True)  # noqa: N815
    feedback = serializers.CharField()


class QuestionDetailSerializer(QuestionSerializer):
    """With the projects that answer it, those the caller may see (others stay unnamed)."""

    projects = QuestionProjectSerializer(many=True, source="visible_links")


class QuestionFilter(serializers.Serializer):
    organisation = serializers.SlugField(required=False, max_length=80)
    status = serializers.ChoiceField(choices=QuestionStatus.choices, required=False)
    domain = serializers.ChoiceField(choices=Domain.choices, required=False)


class QuestionQuery(PageQuery, QuestionFilter):
    pass


class QuestionList(ApiView):
    serializer_class = QuestionSerializer
    query_class = QuestionQuery

    @extend_schema(
        operation_id="questions_list",
        parameters=[QuestionFilter],
        responses=QuestionSerializer(many=True),
        summary="Questions you may see",
    )
    def get(self, request: Any) -> Response:
        q = self.query
        questions = questions_visible_to(request.user)
        if q.get("organisation"):
            questions = questions.filter(organisation__slug=q["organisation"])
        for name in ("status", "domain"):
            if q.get(name):
                questions = questions.filter(**{name: q[name]})
        questions = questions.select_related("organisation", "asked_by").order_by(
            "-asked_at", "-id"
        )
        page = self.paginate_queryset(questions)
        return self.get_paginated_response(self.get_serializer(page, many=True).data)


class QuestionDetail(ApiView):
    serializer_class = QuestionDetailSerializer

    @extend_schema(operation_id="questions_read")
    def get(self, request: Any, pk: int) -> Response:
        question = question_get(user=request.user, pk=pk)
        return Response(self.get_serializer(question).data)
