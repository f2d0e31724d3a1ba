"""Analysis cases: outcomes from the stage events, conditions from the scan before the outcome."""

import datetime

from koers.assessments.models import Scan
from koers.insights.cases import analysis_cases, pick_scan
from koers.projects.models import Project, StageEvent
from koers.projects.services import project_move_stage
from tests.factories import make_project
from tests.insights.test_dashboard import scored

D = datetime.date

PICKS = [
    ([], None, None),  # no scans: no case
    ([(D(2024, 1, 1), 1), (D(2025, 1, 1), 2)], D(2024, 6, 1), 1),  # the scan before the outcome
    ([(D(2024, 1, 1), 1), (D(2025, 1, 1), 2)], D(2025, 1, 1), 2),  # on the day counts as before
    ([(D(2024, 1, 1), 1), (D(2025, 1, 1), 2)], None, 2),  # no outcome: the latest scan
    ([(D(2024, 1, 1), 1)], D(2023, 1, 1), 1),  # scanned only afterwards: the latest after all
]


def test_pick_scan():
    for scans, before, expected in PICKS:
        assert pick_scan(scans, before) == expected


def test_cases_use_the_scan_before_implementation(world):
    m = world.member
    project = world.project
    early = scored(project, m, lambda n: 2)
    for stage in ("experiment", "development", "implemented"):
        project_move_stage(project=project, by=m, to=stage)
    scored(project, m, lambda n: 5)  # after success: not the profile that got it there
    # Date the early scan and the implementation apart, the later scan after them.
    Scan.objects.filter(pk=early.pk).update(opened_on=D(2025, 1, 1))
    StageEvent.objects.filter(project=project, to_stage="implemented").update(on=D(2025, 6, 1))
    Scan.objects.exclude(pk=early.pk).update(opened_on=D(2025, 9, 1))
    idea = make_project(world.a, world.coordinator, title="Nog een idee")
    scored(idea, world.coordinator, lambda n: 3)

    cases = {
        c.title: c for c in analysis_cases(projects=Project.objects.all(), outcome="implemented")
    }
    assert cases["Slim vegen"].implemented and not cases["Slim vegen"].scaled
    assert cases["Slim vegen"].scores[1] == 25.0  # the early scan, before implementation
    assert not cases["Nog een idee"].implemented and cases["Nog een idee"].scores[1] == 50.0
