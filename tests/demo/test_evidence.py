"""Demo evidence follows the hidden outcome model, seen through the scans: projects whose team
scores a factor high have the evidence that goes with it (short, regular steps for factor 4,
regular end-user sessions for 8, regular learning events for 9), and the same seed gives the
same records."""

import datetime
from statistics import median

from django.contrib.auth import get_user_model
from django.db.models import F

from koers.assessments.models import FactorScore
from koers.demo.generator import generate
from koers.evidence.figures import cadence, step_figures
from koers.evidence.models import EndUserSession, LearningEvent, Step
from koers.organisations.models import Membership, Organisation
from koers.projects.models import Project

TODAY = datetime.date(2026, 11, 1)


def snapshot():
    return (
        list(
            Step.objects.order_by("id").values_list(
                "goal", "started_on", "ended_on", "result", "try_number", "previous_try__goal"
            )
        ),
        list(EndUserSession.objects.order_by("id").values_list("held_on", "participants")),
        list(LearningEvent.objects.order_by("id").values_list("held_on", "lesson")),
    )


def test_same_seed_same_evidence(framework):
    generate(seed=5, organisations=2, projects_per_org=6, today=TODAY)
    first = snapshot()
    assert first[0] and first[1] and first[2]
    for model in (Project, Membership, Organisation, get_user_model()):
        model.objects.all().delete()
    generate(seed=5, organisations=2, projects_per_org=6, today=TODAY)
    assert snapshot() == first


def _by_score(number: int) -> tuple[set[int], set[int]]:
    """Projects whose latest scan scores the factor high (>= 65) and low (<= 40)."""
    scores = dict(
        FactorScore.objects.filter(
            factor_number=number, scan_id=F("scan__project__last_scan_id")
        ).values_list("scan__project_id", "score")
    )
    return (
        {pk for pk, s in scores.items() if s is not None and s >= 65},
        {pk for pk, s in scores.items() if s is not None and s <= 40},
    )


def test_evidence_follows_the_factor_strengths(framework):
    generate(seed=2, organisations=4, projects_per_org=12, today=TODAY)

    strong, weak = _by_score(4)
    assert len(strong) >= 3 and len(weak) >= 3

    def step_days(ids):
        rows = Step.objects.filter(project__in=ids).values_list(
            "project_id", "started_on", "ended_on", "result"
        )
        per_project: dict[int, list] = {}
        for pk, *row in rows:
            per_project.setdefault(pk, []).append(row)
        lengths = [step_figures(r, today=TODAY).median_days for r in per_project.values()]
        return median(x for x in lengths if x is not None)

    assert step_days(strong) * 2 < step_days(weak)

    for number, model in ((8, EndUserSession), (9, LearningEvent)):
        strong, weak = _by_score(number)
        assert _interval(model, strong) * 2 < _interval(model, weak), number


def _interval(model, ids) -> float:
    """The median over projects of the median days between their sessions or events."""
    days: dict[int, list] = {pk: [] for pk in ids}
    for pk, day in model.objects.filter(project__in=ids).values_list("project_id", "held_on"):
        days[pk].append(day)
    gaps = [cadence(d).median_interval_days for d in days.values()]
    return median(g for g in gaps if g is not None)
