"""An organisation's portfolio figures: the numbers its dashboard shows, read through the
dashboard's selectors (a fixed number of queries whatever the portfolio's size), for those
who may see the dashboard (its coordinators; 404 for everyone else, as the page)."""

from typing import Any

from django.shortcuts import get_object_or_404
from django.utils import timezone
from drf_spectacular.utils import extend_schema
from rest_framework import serializers
from rest_framework.response import Response

from koers.insights.evidence_coverage import evidence_coverage
from koers.insights.selectors import (
    DashboardFilter,
    dashboard_get,
    dashboard_organisations,
    portfolio_projects,
)
from koers.projects.models import Domain
from koers.questions.figures import question_to_practice

from .base import ApiView


class PortfolioFilter(serializers.Serializer):
    """The dashboard's filters."""

    domain = serializers.ChoiceField(choices=Domain.choices, required=False)
    theme = serializers.SlugField(required=False, max_length=50)
    technique = serializers.SlugField(required=False, max_length=50)
    startedFrom = serializers.DateField(required=False)  # noqa: N815
    startedUntil = serializers.DateField(required=False)  # noqa: N815
    stalledWeeks = serializers.IntegerField(  # noqa: N815
        required=False, min_value=1, max_value=520, help_text="Stalled after (default 12)."
    )


class StageCount(serializers.Serializer):
    stage = serializers.CharField()
    label = serializers.CharField()
    projects = serializers.IntegerField()


class Cohort(serializers.Serializer):
    startYear = serializers.IntegerField(source="year")  # noqa: N815
    experiment = serializers.IntegerField()
    development = serializers.IntegerField()
    implemented = serializers.IntegerField()
    scaled = serializers.IntegerField()


class FactorValue(serializers.Serializer):
    factor = serializers.IntegerField()
    value = serializers.FloatField(allow_null=True)


class StageProfile(serializers.Serializer):
    stage = serializers.CharField()
    scores = FactorValue(many=True)
    network = FactorValue(many=True)


class QuarterTrend(serializers.Serializer):
    quarter = serializers.CharField()
    scores = FactorValue(many=True)


class ActionCounts(serializers.Serializer):
    factor = serializers.IntegerField(allow_null=True)
    open = serializers.IntegerField()
    overdue = serializers.IntegerField()
    done = serializers.IntegerField()


class WeakestCount(serializers.Serializer):
    factor = serializers.IntegerField()
    projects = serializers.IntegerField()


class Scans(serializers.Serializer):
    projects = serializers.IntegerField(help_text="Projects in the portfolio.")
    withScan = serializers.IntegerField(help_text="Of those, with a scan.")  # noqa: N815


class Stalls(serializers.Serializer):
    weeks = serializers.IntegerField()
    projects = serializers.ListField(child=serializers.IntegerField())


class CoverageRow(serializers.Serializer):
    key = serializers.CharField()
    factor = serializers.IntegerField()
    label = serializers.CharField()
    projects = serializers.IntegerField(source="count")
    of = serializers.IntegerField()
    share = serializers.FloatField(allow_null=True)


class EvidenceCoverage(serializers.Serializer):
    running = serializers.IntegerField()
    reference = serializers.DateField()
    rows = CoverageRow(many=True)


class QuestionDomain(serializers.Serializer):
    domain = serializers.CharField()
    label = serializers.CharField()
    questions = serializers.IntegerField()
    takenUp = serializers.IntegerField(source="taken_up")  # noqa: N815
    projects = serializers.IntegerField()
    implemented = serializers.IntegerField()


class PortfolioFiguresSerializer(serializers.Serializer):
    organisation = serializers.CharField()
    projects = serializers.IntegerField(help_text="Projects in the portfolio (not archived).")
    stages = StageCount(many=True)
    cohorts = Cohort(many=True)
    scans = Scans()
    profile = StageProfile(many=True)
    network = FactorValue(many=True)
    trend = QuarterTrend(many=True)
    weakest = WeakestCount(many=True)
    actions = ActionCounts(many=True)
    stalled = Stalls()
    evidenceCoverage = EvidenceCoverage()  # noqa: N815
    questionToPractice = QuestionDomain(many=True)  # noqa: N815


def _factor_values(values: dict[int, float | None]) -> list[dict[str, Any]]:
    return [{"factor": n, "value": v} for n, v in sorted(values.items())]


def figures_of(data: Any, coverage: Any, questions: list[Any]) -> dict[str, Any]:
    """The dashboard's numbers, keyed for the API."""
    stages = [stage for stage, _label, _n in data.stage_counts]
    return {
        "organisation": data.organisation.slug,
        "projects": data.total,
        "stages": [
            {"stage": s, "label": label, "projects": n} for s, label, n in data.stage_counts
        ],
        "cohorts": data.cohorts,
        "scans": {"projects": data.total, "withScan": len(data.heatmap)},
        "profile": [
            {
                "stage": stage,
                "scores": _factor_values(data.profile.get(stage, {})),
                "network": _factor_values(data.network_profile.get(stage, {})),
            }
            for stage in stages
            if stage in data.profile or stage in data.network_profile
        ],
        "network": _factor_values(data.network),
        "trend": [
            {"quarter": quarter, "scores": _factor_values(data.trend[quarter])}
            for quarter in sorted(data.trend)
        ],
        "weakest": [{"factor": n, "projects": c} for n, c in sorted(data.weakest.items())],
        "actions": [
            {"factor": factor, **counts}
            for factor, counts in sorted(
                data.actions.items(), key=lambda kv: (kv[0] is None, kv[0] or 0)
            )
        ],
        "stalled": {
            "weeks": data.filters.stall_weeks,
            "projects": [stall.project["id"] for stall in data.stalls],
        },
        "evidenceCoverage": coverage,
        "questionToPractice": questions,
    }


class PortfolioFigures(ApiView):
    serializer_class = PortfolioFiguresSerializer
    query_class = PortfolioFilter

    @extend_schema(
        operation_id="organisations_portfolio_figures_read",
        parameters=[PortfolioFilter],
        summary="The dashboard's figures (coordinators of the organisation)",
    )
    def get(self, request: Any, slug: str) -> Response:
        organisation = get_object_or_404(dashboard_organisations(user=request.user), slug=slug)
        q = self.query
        filters = DashboardFilter(
            domain=q.get("domain", ""),
            theme=q.get("theme", ""),
            technique=q.get("technique", ""),
            since=q.get("startedFrom"),
            until=q.get("startedUntil"),
            stall_weeks=q.get("stalledWeeks", 12),
        )
        data = dashboard_get(user=request.user, organisation=organisation, filters=filters)
        coverage = evidence_coverage(
            projects=portfolio_projects(organisation=organisation, filters=filters),
            reference=timezone.localdate(),
        )
        questions = question_to_practice(organisation=organisation, domain=filters.domain)
        return Response(self.get_serializer(figures_of(data, coverage, questions)).data)
