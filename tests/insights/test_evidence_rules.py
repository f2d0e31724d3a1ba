"""Evidence beside opinion, the pure rules: per factor, where a high score meets an empty
record (or a low score a busy one), and the gaps that hold at any score. Boundaries of each
window and threshold are rows of their own; the reference date is always given."""

import datetime

import pytest

from koers.insights.evidence_rules import (
    CONDITIONS,
    HIGH,
    LOW,
    EvidenceFacts,
    condition_holds,
    factor_evidence,
    months_before,
    recent_since,
)

REF = datetime.date(2026, 8, 31)
DAY = datetime.timedelta(days=1)
EIGHT_WEEKS = REF - datetime.timedelta(weeks=8)  # 2026-07-06
SIX_MONTHS = datetime.date(2026, 2, 28)  # 31 August minus six months, clamped
THREE_MONTHS = datetime.date(2026, 5, 31)


def codes(facts: EvidenceFacts, scores: dict[int, float | None], number: int) -> list[str]:
    (found,) = factor_evidence(facts=facts, scores=scores, reference=REF, factors=(number,))
    return [n.code for n in found.notices]


@pytest.mark.parametrize(
    ("day", "months", "expected"),
    [
        (datetime.date(2026, 8, 31), 6, datetime.date(2026, 2, 28)),  # clamped to February
        (datetime.date(2028, 8, 31), 6, datetime.date(2028, 2, 29)),  # leap year
        (datetime.date(2026, 3, 15), 3, datetime.date(2025, 12, 15)),  # across the year
        (datetime.date(2026, 1, 31), 1, datetime.date(2025, 12, 31)),  # 31 stays 31
        (datetime.date(2026, 5, 31), 1, datetime.date(2026, 4, 30)),  # 30-day month
        (datetime.date(2026, 6, 1), 0, datetime.date(2026, 6, 1)),  # no months: the day
    ],
)
def test_months_before(day, months, expected):
    assert months_before(day, months) == expected


def test_windows_follow_the_reference_date_not_the_clock():
    assert recent_since(REF) == {
        "step": EIGHT_WEEKS,
        "session": SIX_MONTHS,
        "learning": THREE_MONTHS,
    }


RULES = [
    # (factor, score, facts, expected codes) — one row per rule and boundary
    # factor 1: high score, no project leader on the team
    (1, 70.0, EvidenceFacts(leaders=0), ["f1_high_no_leader"]),
    (1, 69.9, EvidenceFacts(leaders=0), []),  # just under HIGH: no claim to contradict
    (1, 90.0, EvidenceFacts(leaders=1), []),
    (1, None, EvidenceFacts(), []),  # not scored
    # factor 2: high score, neither budget nor mandate
    (2, 75.0, EvidenceFacts(), ["f2_high_no_budget_or_mandate"]),
    (2, 75.0, EvidenceFacts(has_budget=True), []),
    (2, 75.0, EvidenceFacts(has_mandate=True), []),
    (2, 50.0, EvidenceFacts(), []),
    # factor 3: high score, no question taken up
    (3, 80.0, EvidenceFacts(questions=0), ["f3_high_no_question"]),
    (3, 80.0, EvidenceFacts(questions=1), []),
    # factor 4: high score, no step finished in eight weeks
    (4, 70.0, EvidenceFacts(), ["f4_high_no_recent_step"]),  # never a step
    (4, 70.0, EvidenceFacts(last_step_finished=EIGHT_WEEKS), []),  # first day inside
    (4, 70.0, EvidenceFacts(last_step_finished=EIGHT_WEEKS - DAY), ["f4_high_no_recent_step"]),
    (4, 70.0, EvidenceFacts(last_step_finished=REF), []),  # today counts
    (4, 70.0, EvidenceFacts(last_step_finished=REF + DAY), ["f4_high_no_recent_step"]),  # later
    (4, 69.9, EvidenceFacts(), []),
    # factor 4, the other way: a low score beside recurring steps
    (4, 39.9, EvidenceFacts(steps_recent=2), ["f4_low_but_steps"]),
    (4, 40.0, EvidenceFacts(steps_recent=2), []),  # LOW itself is not low
    (4, 10.0, EvidenceFacts(steps_recent=1), []),  # one step does not recur
    # factor 5: personal data without a privacy officer, at any score or none
    (5, None, EvidenceFacts(handles_personal_data=True), ["f5_personal_data_no_privacy_officer"]),
    (5, 20.0, EvidenceFacts(handles_personal_data=True), ["f5_personal_data_no_privacy_officer"]),
    (
        5,
        None,
        EvidenceFacts(handles_personal_data=True, disciplines=frozenset({"privacy_officer"})),
        [],
    ),
    (5, None, EvidenceFacts(handles_personal_data=False), []),
    # factor 5: a high score with two or more core disciplines missing
    (
        5,
        70.0,
        EvidenceFacts(disciplines=frozenset({"domain_expert", "data_analyst"})),
        ["f5_high_disciplines_missing"],
    ),
    (
        5,
        70.0,
        EvidenceFacts(
            disciplines=frozenset({"domain_expert", "data_analyst", "programme_manager"})
        ),
        [],  # one missing is not a multidisciplinary team in doubt
    ),
    (
        5,
        85.0,
        EvidenceFacts(handles_personal_data=True, disciplines=frozenset({"domain_expert"})),
        ["f5_personal_data_no_privacy_officer", "f5_high_disciplines_missing"],
    ),
    # factor 6: high score, no supplier; network partners do not count
    (6, 70.0, EvidenceFacts(partners={"chain_partner": 2}), ["f6_high_no_supplier"]),
    (6, 70.0, EvidenceFacts(partners={"supplier": 1}), []),
    # factor 7: high score, no network or chain partner; suppliers do not count
    (7, 70.0, EvidenceFacts(partners={"supplier": 3}), ["f7_high_no_network_partner"]),
    (7, 70.0, EvidenceFacts(partners={"knowledge_institution": 1}), []),
    (7, 70.0, EvidenceFacts(partners={"municipality": 1}), []),
    (7, 70.0, EvidenceFacts(partners={"citizens_organisation": 1}), []),
    # factor 8: high score, no end-user session in six months
    (8, 70.0, EvidenceFacts(), ["f8_high_no_recent_session"]),
    (8, 70.0, EvidenceFacts(last_session=SIX_MONTHS), []),  # first day inside
    (8, 70.0, EvidenceFacts(last_session=SIX_MONTHS - DAY), ["f8_high_no_recent_session"]),
    (8, 70.0, EvidenceFacts(last_session=REF + DAY), ["f8_high_no_recent_session"]),  # planned
    (8, 39.0, EvidenceFacts(sessions_recent=2, last_session=REF), ["f8_low_but_sessions"]),
    (8, 55.0, EvidenceFacts(sessions_recent=5, last_session=REF), []),  # middle: no claim
    # factor 9: high score, no learning activity in three months
    (9, 70.0, EvidenceFacts(last_learning=THREE_MONTHS), []),
    (9, 70.0, EvidenceFacts(last_learning=THREE_MONTHS - DAY), ["f9_high_no_recent_learning"]),
    (9, 30.0, EvidenceFacts(learning_recent=3), ["f9_low_but_learning"]),
]


@pytest.mark.parametrize(("number", "score", "facts", "expected"), RULES)
def test_rules(number, score, facts, expected):
    assert codes(facts, {number: score}, number) == expected


def test_thresholds_are_the_documented_ones():
    assert (HIGH, LOW) == (70.0, 40.0)


def test_every_factor_has_lines_and_its_score():
    facts = EvidenceFacts(
        leaders=1,
        questions=2,
        steps_finished=4,
        steps_redone=1,
        last_step_finished=REF,
        partners={"supplier": 1, "chain_partner": 1},
        sessions=3,
        last_session=REF,
        learning_events=2,
        last_learning=REF,
    )
    result = factor_evidence(facts=facts, scores={4: 80.0}, reference=REF)
    assert [f.number for f in result] == list(range(1, 10))
    assert all(f.lines for f in result)
    assert result[3].score == 80.0 and result[0].score is None
    assert not any(f.disagrees for f in result)
    steps = result[3].lines[0]
    assert steps.code == "steps" and steps.values == {"n": 4, "redone": 1, "last": REF}
    assert result[5].lines[0].values == {"n": 1} and result[6].lines[0].values == {"n": 1}


def test_conflicts_are_marked_and_gaps_are_not():
    facts = EvidenceFacts(handles_personal_data=True)
    result = {
        f.number: f for f in factor_evidence(facts=facts, scores={5: 90.0, 8: 90.0}, reference=REF)
    }
    assert [n.conflict for n in result[5].notices] == [False, True]
    assert [n.conflict for n in result[8].notices] == [True]
    assert result[8].notices[0].values == {"score": 90.0, "months": 6}


CONDITION_ROWS = [
    # (key, facts, holds)
    ("ev_budget_or_mandate", EvidenceFacts(has_mandate=True), True),
    ("ev_budget_or_mandate", EvidenceFacts(), False),
    ("ev_questions", EvidenceFacts(questions=1), True),
    ("ev_questions", EvidenceFacts(), False),
    ("ev_recent_step", EvidenceFacts(last_step_finished=EIGHT_WEEKS), True),
    ("ev_recent_step", EvidenceFacts(last_step_finished=EIGHT_WEEKS - DAY), False),
    ("ev_privacy_officer", EvidenceFacts(disciplines=frozenset({"privacy_officer"})), True),
    ("ev_privacy_officer", EvidenceFacts(disciplines=frozenset({"domain_expert"})), False),
    ("ev_supplier", EvidenceFacts(partners={"supplier": 1}), True),
    ("ev_supplier", EvidenceFacts(partners={"chain_partner": 1}), False),
    ("ev_network_partner", EvidenceFacts(partners={"chain_partner": 1}), True),
    ("ev_network_partner", EvidenceFacts(partners={"supplier": 1}), False),
    ("ev_end_users", EvidenceFacts(last_session=SIX_MONTHS), True),
    ("ev_end_users", EvidenceFacts(last_session=SIX_MONTHS - DAY), False),
    ("ev_end_users", EvidenceFacts(last_session=REF + DAY), False),
    ("ev_recent_learning", EvidenceFacts(last_learning=REF), True),
    ("ev_recent_learning", EvidenceFacts(), False),
]


@pytest.mark.parametrize(("key", "facts", "holds"), CONDITION_ROWS)
def test_conditions(key, facts, holds):
    assert condition_holds(key, facts, REF) is holds


def test_every_condition_has_rows_and_names_a_factor():
    assert {row[0] for row in CONDITION_ROWS} == set(CONDITIONS)
    assert set(CONDITIONS.values()) <= set(range(1, 10))
    with pytest.raises(KeyError):
        condition_holds("ev_unknown", EvidenceFacts(), REF)
