"""What makes an evidence record valid: dates in order, nothing finished in the future, no
date in the far future, no negative or zero participants, no redo without a note. Pure
functions of the values and today, checked table by table."""

import datetime

import pytest

from koers.evidence import rules

TODAY = datetime.date(2026, 6, 15)
D = datetime.date


def step(**kw):
    values = {
        "started_on": D(2026, 6, 1),
        "planned_end": D(2026, 6, 14),
        "ended_on": None,
        "result": "",
        "note": "",
        "today": TODAY,
    }
    return rules.step_problems(**{**values, **kw})


@pytest.mark.parametrize(
    ("values", "fields"),
    [
        ({}, set()),  # a running step, planned two weeks
        ({"started_on": D(2026, 6, 20), "planned_end": D(2026, 7, 1)}, set()),  # starts soon
        ({"ended_on": D(2026, 6, 10), "result": "worked"}, set()),  # finished early
        ({"ended_on": TODAY, "result": "dropped"}, set()),  # finished today
        ({"planned_end": D(2026, 5, 31)}, {"planned_end"}),  # ends before it starts
        ({"ended_on": D(2026, 5, 30), "result": "worked"}, {"ended_on"}),  # finished before start
        ({"ended_on": D(2026, 6, 16), "result": "worked"}, {"ended_on"}),  # finished tomorrow
        ({"ended_on": D(2026, 6, 10)}, {"result"}),  # finished without a result
        ({"result": "worked"}, {"ended_on"}),  # a result without a day
        ({"ended_on": D(2026, 6, 10), "result": "redo"}, {"note"}),  # a redo without a note
        ({"ended_on": D(2026, 6, 10), "result": "redo", "note": "  "}, {"note"}),  # blank note
        ({"ended_on": D(2026, 6, 10), "result": "redo", "note": "Te grof"}, set()),
        ({"planned_end": D(2207, 6, 1)}, {"planned_end"}),  # the far future
        (
            {"started_on": D(2027, 7, 1), "planned_end": D(2027, 7, 2)},
            {"started_on", "planned_end"},
        ),
        ({"started_on": D(1926, 6, 1)}, {"started_on"}),  # a typo in the year
    ],
)
def test_step_rules(values, fields):
    assert set(step(**values)) == fields


def test_every_problem_is_said_at_once():
    problems = step(planned_end=D(2026, 5, 1), ended_on=D(2026, 7, 1), result="redo")
    assert set(problems) == {"planned_end", "ended_on", "note"}
    assert problems["ended_on"].startswith("A finished step cannot end in the future")


@pytest.mark.parametrize(
    ("held_on", "participants", "fields"),
    [
        (D(2026, 6, 1), 8, set()),
        (TODAY, 1, set()),  # held today, one person
        (D(2026, 6, 16), 8, {"held_on"}),  # not held yet
        (D(3026, 6, 1), 8, {"held_on"}),  # the far future
        (D(1999, 12, 31), 8, {"held_on"}),  # before 2000
        (D(2026, 6, 1), -3, {"participants"}),  # negative
        (D(2026, 6, 1), 0, {"participants"}),  # nobody took part
        (D(2026, 6, 1), 10_001, {"participants"}),  # more than a town hall holds
        (D(2026, 6, 1), None, set()),  # a learning event: no count asked
    ],
)
def test_session_and_learning_rules(held_on, participants, fields):
    problems = rules.held_problems(held_on=held_on, participants=participants, today=TODAY)
    assert set(problems) == fields


def test_negative_count_message():
    problems = rules.held_problems(held_on=TODAY, participants=-1, today=TODAY)
    assert problems["participants"] == "The number of participants cannot be negative."
