"""Evidence beside opinion: what a project's own record shows per factor, and where it
disagrees with the team's scan scores.

Pure: plain data in, plain data out, no Django and no clock. The caller gathers the facts
(`koers.insights.evidence`) as of a reference date and passes that date; the page turns the
findings into sentences (`koers.insights.evidence_text`). Each rule is stated in
docs/architecture.md ("Evidence beside opinion").
"""

import datetime
from collections.abc import Mapping
from dataclasses import dataclass, field

# A score at or above this is the team saying the factor is clearly in place ("agree" on
# average); below LOW it says the factor is clearly missing.
HIGH = 70.0
LOW = 40.0

# How far back the record counts, per kind of activity. Short cycles are weeks long, so a
# project that works in them finishes a step within eight weeks; end users and learning
# recur less often but a half year (sessions) or a quarter (learning) without any means they
# do not recur.
STEP_WEEKS = 8
SESSION_MONTHS = 6
LEARNING_MONTHS = 3
# An underrated factor: the record shows at least this many activities in its window.
RECURRING = 2

# The study's core disciplines of a multidisciplinary team (factor 5).
# (discipline codes of koers.projects.disciplines, which maps team roles onto them)
CORE_DISCIPLINES = ("domain_expert", "programme_manager", "data_analyst", "privacy_officer")
PRIVACY_OFFICER = "privacy_officer"
# Partner kinds: suppliers are the market (factor 6), the others a network or chain (7).
MARKET = "supplier"
NETWORK_KINDS = ("municipality", "chain_partner", "knowledge_institution", "citizens_organisation")


def months_before(day: datetime.date, months: int) -> datetime.date:
    """The same day `months` calendar months earlier, clamped to the month's end
    (31 August minus six months is 28 or 29 February)."""
    year, month = divmod(day.year * 12 + day.month - 1 - months, 12)
    month += 1
    for last in (31, 30, 29, 28):
        try:
            return datetime.date(year, month, min(day.day, last))
        except ValueError:
            continue
    raise AssertionError("unreachable")  # pragma: no cover


@dataclass(frozen=True)
class EvidenceFacts:
    """One project's record as of a reference date: only what happened on or before it.
    Counts of dated activities count those inside the rule's window (see the constants)."""

    # factor 1
    leaders: int = 0  # project leaders on the team
    has_sponsor: bool = False
    # factor 2
    has_budget: bool = False
    has_mandate: bool = False
    # factor 3
    questions: int = 0  # questions from the domains the project takes up
    last_question_feedback: datetime.date | None = None
    # factor 4
    last_step_finished: datetime.date | None = None
    steps_finished: int = 0  # all finished steps
    steps_recent: int = 0  # finished in the last STEP_WEEKS weeks
    steps_redone: int = 0
    # factor 5
    disciplines: frozenset[str] = frozenset()
    handles_personal_data: bool = False
    # factors 6 and 7: partner kind -> partners active on the reference date
    partners: Mapping[str, int] = field(default_factory=dict)
    # factor 8
    last_session: datetime.date | None = None
    sessions: int = 0
    sessions_recent: int = 0  # in the last SESSION_MONTHS months
    # factor 9
    last_learning: datetime.date | None = None
    learning_events: int = 0
    learning_recent: int = 0  # in the last LEARNING_MONTHS months

    @property
    def market_partners(self) -> int:
        return self.partners.get(MARKET, 0)

    @property
    def network_partners(self) -> int:
        return sum(self.partners.get(kind, 0) for kind in NETWORK_KINDS)

    @property
    def missing_core(self) -> tuple[str, ...]:
        return tuple(d for d in CORE_DISCIPLINES if d not in self.disciplines)


@dataclass(frozen=True)
class Finding:
    """One thing a rule says: `code` names the rule (evidence_text words it), `values` the
    figures it names. `conflict` is True where the record contradicts the score."""

    code: str
    values: Mapping[str, object] = field(default_factory=dict)
    conflict: bool = False


@dataclass(frozen=True)
class FactorEvidence:
    number: int
    score: float | None
    lines: tuple[Finding, ...]  # what the record shows
    notices: tuple[Finding, ...]  # where score and record disagree, or the record has a gap

    @property
    def disagrees(self) -> bool:
        return bool(self.notices)


def recent_since(reference: datetime.date) -> dict[str, datetime.date]:
    """The first day inside each rule's window, for the gatherer's counts."""
    return {
        "step": reference - datetime.timedelta(weeks=STEP_WEEKS),
        "session": months_before(reference, SESSION_MONTHS),
        "learning": months_before(reference, LEARNING_MONTHS),
    }


def _within(day: datetime.date | None, since: datetime.date, reference: datetime.date) -> bool:
    """On or after `since` and not after the reference date (a record dated later, such as a
    planned session, shows nothing yet)."""
    return day is not None and since <= day <= reference


def _high(score: float | None) -> bool:
    return score is not None and score >= HIGH


def _low(score: float | None) -> bool:
    return score is not None and score < LOW


def _lines(n: int, facts: EvidenceFacts) -> list[Finding]:
    """What the record shows for factor n, as plain findings."""
    if n == 1:
        return [
            Finding("leaders", {"n": facts.leaders}),
            Finding("sponsor", {"yes": facts.has_sponsor}),
        ]
    if n == 2:
        return [
            Finding("budget", {"yes": facts.has_budget}),
            Finding("mandate", {"yes": facts.has_mandate}),
        ]
    if n == 3:
        return [
            Finding("questions", {"n": facts.questions}),
            *(
                [Finding("question_feedback", {"on": facts.last_question_feedback})]
                if facts.last_question_feedback
                else []
            ),
        ]
    if n == 4:
        return [
            Finding(
                "steps",
                {
                    "n": facts.steps_finished,
                    "redone": facts.steps_redone,
                    "last": facts.last_step_finished,
                },
            )
        ]
    if n == 5:
        return [
            Finding("disciplines", {"present": sorted(facts.disciplines)}),
            Finding("missing_disciplines", {"missing": list(facts.missing_core)}),
            Finding("personal_data", {"yes": facts.handles_personal_data}),
        ]
    if n == 6:
        return [Finding("market_partners", {"n": facts.market_partners})]
    if n == 7:
        return [Finding("network_partners", {"n": facts.network_partners})]
    if n == 8:
        return [Finding("sessions", {"n": facts.sessions, "last": facts.last_session})]
    if n == 9:
        return [Finding("learning", {"n": facts.learning_events, "last": facts.last_learning})]
    return []


def _notices(
    n: int, score: float | None, facts: EvidenceFacts, reference: datetime.date
) -> list[Finding]:
    """The rules of factor n. Each row: the score side, the record side, and its code."""
    since = recent_since(reference)
    out: list[Finding] = []
    if n == 1 and _high(score) and facts.leaders == 0:
        out.append(Finding("f1_high_no_leader", {"score": score}, True))
    if n == 2 and _high(score) and not (facts.has_budget or facts.has_mandate):
        out.append(Finding("f2_high_no_budget_or_mandate", {"score": score}, True))
    if n == 3 and _high(score) and facts.questions == 0:
        out.append(Finding("f3_high_no_question", {"score": score}, True))
    if n == 4:
        if _high(score) and not _within(facts.last_step_finished, since["step"], reference):
            out.append(
                Finding("f4_high_no_recent_step", {"score": score, "weeks": STEP_WEEKS}, True)
            )
        if _low(score) and facts.steps_recent >= RECURRING:
            out.append(
                Finding(
                    "f4_low_but_steps",
                    {"score": score, "n": facts.steps_recent, "weeks": STEP_WEEKS},
                    True,
                )
            )
    if n == 5:
        # Not a matter of opinion: personal data without a privacy officer is a gap at any
        # score (and before any scan).
        if facts.handles_personal_data and PRIVACY_OFFICER not in facts.disciplines:
            out.append(Finding("f5_personal_data_no_privacy_officer", {}, False))
        if _high(score) and len(facts.missing_core) >= 2:
            out.append(
                Finding(
                    "f5_high_disciplines_missing",
                    {"score": score, "missing": list(facts.missing_core)},
                    True,
                )
            )
    if n == 6 and _high(score) and facts.market_partners == 0:
        out.append(Finding("f6_high_no_supplier", {"score": score}, True))
    if n == 7 and _high(score) and facts.network_partners == 0:
        out.append(Finding("f7_high_no_network_partner", {"score": score}, True))
    if n == 8:
        if _high(score) and not _within(facts.last_session, since["session"], reference):
            out.append(
                Finding(
                    "f8_high_no_recent_session", {"score": score, "months": SESSION_MONTHS}, True
                )
            )
        if _low(score) and facts.sessions_recent >= RECURRING:
            out.append(
                Finding(
                    "f8_low_but_sessions",
                    {"score": score, "n": facts.sessions_recent, "months": SESSION_MONTHS},
                    True,
                )
            )
    if n == 9:
        if _high(score) and not _within(facts.last_learning, since["learning"], reference):
            out.append(
                Finding(
                    "f9_high_no_recent_learning",
                    {"score": score, "months": LEARNING_MONTHS},
                    True,
                )
            )
        if _low(score) and facts.learning_recent >= RECURRING:
            out.append(
                Finding(
                    "f9_low_but_learning",
                    {"score": score, "n": facts.learning_recent, "months": LEARNING_MONTHS},
                    True,
                )
            )
    return out


def factor_evidence(
    *,
    facts: EvidenceFacts,
    scores: Mapping[int, float | None],
    reference: datetime.date,
    factors: tuple[int, ...] = (1, 2, 3, 4, 5, 6, 7, 8, 9),
) -> list[FactorEvidence]:
    """Per factor: the evidence lines and the notices where score and record disagree.
    `scores` may lack a factor (no scan, or nobody answered it): then only gaps fire."""
    return [
        FactorEvidence(
            number=n,
            score=scores.get(n),
            lines=tuple(_lines(n, facts)),
            notices=tuple(_notices(n, scores.get(n), facts, reference)),
        )
        for n in factors
    ]


# Crisp evidence conditions for the cross-case analysis, beside the factor scores: each a
# yes/no on the facts as of the case's reference date (the outcome's date, or today).
CONDITIONS: dict[str, int] = {
    # key -> the factor it evidences
    "ev_budget_or_mandate": 2,
    "ev_questions": 3,
    "ev_recent_step": 4,
    "ev_privacy_officer": 5,
    "ev_supplier": 6,
    "ev_network_partner": 7,
    "ev_end_users": 8,
    "ev_recent_learning": 9,
}


def condition_holds(key: str, facts: EvidenceFacts, reference: datetime.date) -> bool:
    since = recent_since(reference)
    if key == "ev_budget_or_mandate":
        return facts.has_budget or facts.has_mandate
    if key == "ev_questions":
        return facts.questions > 0
    if key == "ev_recent_step":
        return _within(facts.last_step_finished, since["step"], reference)
    if key == "ev_privacy_officer":
        return PRIVACY_OFFICER in facts.disciplines
    if key == "ev_supplier":
        return facts.market_partners > 0
    if key == "ev_network_partner":
        return facts.network_partners > 0
    if key == "ev_end_users":
        return _within(facts.last_session, since["session"], reference)
    if key == "ev_recent_learning":
        return _within(facts.last_learning, since["learning"], reference)
    raise KeyError(key)
