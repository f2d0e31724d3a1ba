"""The demo generator: deterministic for a seed, sized by its options, marked as demo data,
and its outcomes follow the documented model."""

import datetime

from koers.assessments.models import FactorScore, Scan
from koers.demo.generator import generate
from koers.demo.model import draw_outcome, on_path
from koers.organisations.models import Membership, Organisation
from koers.projects.models import Project, StageEvent
from koers.questions.models import Question

TODAY = datetime.date(2026, 11, 1)


def snapshot():
    return (
        list(Project.objects.order_by("id").values_list("title", "stage", "stage_since", "domain")),
        list(StageEvent.objects.order_by("id").values_list("to_stage", "on")),
        list(FactorScore.objects.order_by("id").values_list("factor_number", "score")),
        list(Question.objects.order_by("id").values_list("title", "status", "asked_at")),
    )


def test_same_seed_same_data(framework, django_db_reset_sequences):
    generate(seed=7, organisations=2, projects_per_org=5, today=TODAY)
    first = snapshot()
    # Projects first: memberships, answers and adoptions protect people and organisations.
    for model in (Project, Question, Membership, Organisation):
        model.objects.all().delete()
    from django.contrib.auth import get_user_model

    get_user_model().objects.all().delete()
    generate(seed=7, organisations=2, projects_per_org=5, today=TODAY)
    assert snapshot() == first


def test_sizes_and_demo_marking(framework):
    report = generate(seed=1, organisations=3, projects_per_org=4, today=TODAY)
    assert (report.organisations, report.projects) == (3, 12)
    assert Organisation.objects.filter(is_demo=True).count() == 3
    assert not Project.objects.filter(is_demo=False).exists()
    # Every project has a scan with scores, and its stage matches its last stage event.
    assert Scan.objects.filter(submitted_count__gt=0).values("project").distinct().count() == 12
    for project in Project.objects.all():
        last = project.stage_events.order_by("on", "id").last()
        assert last.to_stage == project.stage


def test_the_outcome_model_favours_the_two_paths():
    import random

    rng = random.Random(3)
    strong, weak = [0.9] * 9, [0.2] * 9
    assert on_path(strong) == (True, True) and on_path(weak) == (False, False)
    on = sum(draw_outcome(rng, strong) in ("implemented", "scaled") for _ in range(500))
    off = sum(draw_outcome(rng, weak) in ("implemented", "scaled") for _ in range(500))
    assert on > 380 and off < 120
