"""Demo evidence: steps, end-user sessions and learning events that fit the hidden outcome
model (`model.py`). A strong short-cycle way of working (factor 4) gives short steps that
finish one after another; involved end users (8) give regular sessions; a learning approach
(9) gives regular retrospectives with lessons. Weak factors give long, sparse records or none.

Records stop where the project's activity stopped (a stalled project's last stage move), so
stalled projects stay stalled. Deterministic: its own random stream per organisation, every
date relative to the generator's `today`.
"""

import datetime
import random
from typing import Any

from django.utils import timezone

from koers.evidence.models import EndUserSession, LearningEvent, Step, StepResult
from koers.projects.models import Project

MAX_STEPS = 30  # per project: enough for the figures, bounded at national scale
STEP_GOALS = [
    "Databronnen koppelen en opschonen",
    "Eerste kaart met meldingen per wijk",
    "Prototype van het dashboard",
    "Voorspelling toetsen op vorig jaar",
    "Werkinstructie voor de uitvoering",
    "Koppeling met het zaaksysteem",
    "Privacytoets (DPIA) afronden",
    "Proef in één wijk",
    "Terugkoppeling aan de uitvoering",
    "Model uitleggen aan de lijn",
    "Beheer en eigenaarschap regelen",
    "Opschalen naar alle wijken",
]
REDO_NOTES = [
    "De data bleek te grof; de volgende poging gebruikt meldingen per straat.",
    "Uitvoerders herkenden de kaart niet; samen opnieuw ingedeeld.",
    "Te veel tegelijk gewild; kleiner opgeknipt.",
    "Koppeling faalde op oude codes; eerst een vertaaltabel.",
]
SESSION_OUTCOMES = [
    "Filters vereenvoudigd: alleen wijk en periode.",
    "De lijst krijgt een kaartweergave.",
    "Meldingen van bewoners tellen nu apart mee.",
    "Uitleg per voorspelling toegevoegd.",
    "",
]
AUDIENCES = ["handhavers", "wijkteam Noord", "medewerkers buitendienst", "bewoners", "consulenten"]
PARTICIPANTS = ["projectteam", "projectteam en twee uitvoerders", "team en data-adviseur"]
LESSONS = [
    "Eerst samen de vraag scherp, dan pas de data.",
    "Kleine proef in één wijk overtuigde meer dan een rapport.",
    "Uitvoerders vroeg laten meekijken scheelt een ronde herbouwen.",
    "Privacy-officer aan tafel vanaf de start maakt de DPIA korter.",
    "Een vaste terugblik na elke stap houdt het tempo erin.",
    "Leveranciers leren ons veel als we de vraag open houden.",
]


def _noon(day: datetime.date) -> datetime.datetime:
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time(12)))


def _window(plan: tuple, today: datetime.date) -> tuple[datetime.date, datetime.date]:
    """From the project's start to the day its activity stopped (today if it goes on)."""
    outcome, start, dates = plan[5], plan[6], plan[8]
    if outcome in ("stalled", "stopped"):
        return start, min(today, dates[-1] if dates else start + datetime.timedelta(days=60))
    return start, today


def _steps(rng: random.Random, project: Project, strength: float, start, end, today) -> list:
    steps: list[Step] = []
    day = start + datetime.timedelta(days=rng.randint(3, 20))
    goal_index, previous = rng.randrange(len(STEP_GOALS)), None
    while day <= end and len(steps) < MAX_STEPS:
        length = max(3, round(rng.gauss(8 + (1 - strength) * 55, 4)))
        planned_end = day + datetime.timedelta(days=length)
        # weak cycles run late more often, and longer
        finish = planned_end + datetime.timedelta(
            days=max(0, round(rng.gauss((1 - strength) * 20, 6)))
        )
        step = Step(
            project=project,
            goal=STEP_GOALS[goal_index % len(STEP_GOALS)],
            started_on=day,
            planned_end=planned_end,
            try_number=previous.try_number + 1 if previous else 1,
            created_by=project.created_by,
        )
        step.previous = previous  # linked once both have an id
        if finish > end:  # still running where the window ends
            step.created_at = step.updated_at = _noon(min(day, today))
            steps.append(step)
            break
        draw = rng.random()
        step.result = (
            StepResult.WORKED
            if draw < 0.5 + 0.3 * strength
            else StepResult.REDO
            if draw < 0.8 + 0.1 * strength
            else StepResult.DROPPED
        )
        step.ended_on = finish
        step.note = rng.choice(REDO_NOTES) if step.result == StepResult.REDO else ""
        step.created_at = step.updated_at = _noon(finish)
        steps.append(step)
        if step.result == StepResult.REDO and step.try_number < 3:
            previous = step
        else:
            previous, goal_index = None, goal_index + 1
        gap = (
            rng.randint(0, 4)
            if strength >= 0.6
            else rng.randint(7, round(20 + 80 * (1 - strength)))
        )
        day = finish + datetime.timedelta(days=gap)
    return steps


def _held(rng: random.Random, strength: float, start, end) -> list[datetime.date]:
    """Days on which a recurring activity took place: every few weeks when strong, rarely or
    never when weak."""
    if strength < 0.35 and rng.random() < 0.6:
        return []
    interval = 14 + (1 - strength) * 160
    days, day = [], start + datetime.timedelta(days=rng.randint(10, 40))
    while day <= end:
        days.append(day)
        day += datetime.timedelta(days=max(7, round(rng.gauss(interval, interval / 4))))
    return days[-24:]


def add_evidence(
    *, organisation: Any, projects: list[Project], plans: list[tuple], today: datetime.date
) -> None:
    """Evidence for one demo organisation's projects (`plans` as in generator._organisation)."""
    rng = random.Random(f"evidence-{organisation.slug}")
    steps, sessions, events = [], [], []
    for project, plan in zip(projects, plans):
        profile = plan[4]
        start, end = _window(plan, today)
        steps += _steps(rng, project, profile[3], start, end, today)
        for day in _held(rng, profile[7], start, end):
            sessions.append(
                EndUserSession(
                    project=project,
                    kind=rng.choice(["interview", "test", "demo", "co_design", "training"]),
                    held_on=day,
                    participants=rng.randint(3, 15),
                    audience=rng.choice(AUDIENCES),
                    outcome=rng.choice(SESSION_OUTCOMES),
                    created_by=project.created_by,
                    created_at=_noon(day),
                    updated_at=_noon(day),
                )
            )
        for day in _held(rng, profile[8], start, end):
            events.append(
                LearningEvent(
                    project=project,
                    kind=(
                        "retrospective"
                        if rng.random() < 0.7
                        else rng.choice(["learning_lunch", "community"])
                    ),
                    held_on=day,
                    participants=rng.choice(PARTICIPANTS),
                    lesson=rng.choice(LESSONS) if rng.random() < 0.6 else "",
                    created_by=project.created_by,
                    created_at=_noon(day),
                    updated_at=_noon(day),
                )
            )
    Step.objects.bulk_create(steps, batch_size=2000)
    tries = [s for s in steps if s.previous is not None]
    for step in tries:
        step.previous_try_id = step.previous.pk
    Step.objects.bulk_update(tries, ["previous_try"], batch_size=2000)
    EndUserSession.objects.bulk_create(sessions, batch_size=2000)
    LearningEvent.objects.bulk_create(events, batch_size=2000)
