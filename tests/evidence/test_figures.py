"""Figures of a project's steps and the cadence of its learning: plain data in, plain
numbers out."""

import datetime

from koers.evidence.figures import Cadence, StepFigures, cadence, step_figures

D = datetime.date
TODAY = D(2026, 6, 15)


def test_no_finished_step_gives_no_figures():
    running = [(D(2026, 6, 1), None, "")]
    assert step_figures(running, today=TODAY) == StepFigures(0, None, None, None)


def test_step_figures():
    steps = [
        (D(2026, 5, 1), D(2026, 5, 11), "worked"),  # 10 days
        (D(2026, 5, 11), D(2026, 5, 25), "redo"),  # 14 days
        (D(2026, 5, 25), D(2026, 6, 5), "worked"),  # 11 days, the last one finished
        (D(2026, 5, 1), D(2026, 5, 31), "dropped"),  # 30 days
        (D(2026, 6, 5), None, ""),  # running: not counted
    ]
    figures = step_figures(steps, today=TODAY)
    assert figures == StepFigures(
        finished=4, median_days=12.5, share_redone=0.25, days_since_last_finished=10
    )


def test_cadence():
    assert cadence([]) == Cadence(0, None, None)
    assert cadence([D(2026, 3, 1)]) == Cadence(1, D(2026, 3, 1), None)
    # unordered input; intervals 14, 28 and 0 (two on one day): median 14
    days = [D(2026, 3, 29), D(2026, 3, 1), D(2026, 3, 15), D(2026, 3, 29)]
    assert cadence(days) == Cadence(4, D(2026, 3, 29), 14)
