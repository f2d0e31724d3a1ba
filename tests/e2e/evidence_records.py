"""The reflow table's evidence pages need one record of each kind on the chosen project: the
demo's own, or one made here when the demo gave that project none."""

import datetime
from types import SimpleNamespace
from typing import Any

from koers.evidence import services
from koers.evidence.models import EndUserSession, LearningEvent, Step

DAY = datetime.date(2026, 6, 1)  # before the reflow test's demo day, after any start


def _leader(w: SimpleNamespace) -> Any:
    return w.project.created_by


def step(w: SimpleNamespace, user: Any) -> list[Any]:
    found = Step.objects.filter(project=w.project).exclude(previous_try=None).first()
    found = found or Step.objects.filter(project=w.project).first()
    if found is None:
        found = services.step_create(
            project=w.project,
            by=_leader(w),
            goal="Proef in één wijk",
            started_on=DAY,
            planned_end=DAY + datetime.timedelta(days=14),
        )
    return [found.pk]


def session(w: SimpleNamespace, user: Any) -> list[Any]:
    found = EndUserSession.objects.filter(project=w.project).first()
    if found is None:
        found = services.end_user_session_create(
            project=w.project, by=_leader(w), kind="test", held_on=DAY, participants=6
        )
    return [found.pk]


def learning(w: SimpleNamespace, user: Any) -> list[Any]:
    found = LearningEvent.objects.filter(project=w.project).first()
    if found is None:
        found = services.learning_event_create(
            project=w.project, by=_leader(w), kind="retrospective", held_on=DAY
        )
    return [found.pk]
