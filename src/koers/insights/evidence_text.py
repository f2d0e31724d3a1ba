"""Evidence beside opinion in words, per factor: the score, what the record shows, where the
two disagree, and what respondents wrote (for the scan page, the project page and the PDF)."""

import datetime
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from django.utils import formats, timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from koers.framework.models import Factor
from koers.framework.selectors import framework_active
from koers.projects.models import Project
from koers.projects.selectors import DISCIPLINE_LABELS

from .evidence import evidence_facts
from .evidence_rules import FactorEvidence, Finding, factor_evidence


def _date(day: datetime.date | None) -> str:
    return formats.date_format(day, "j F Y") if day else "–"


def _score(value: Any) -> str:
    return str(round(float(value)))


def _roles(codes: list[str]) -> str:
    labels = [str(DISCIPLINE_LABELS.get(c, c)).lower() for c in codes]
    if len(labels) <= 1:
        return "".join(labels)
    return _("%(first)s and %(last)s") % {"first": ", ".join(labels[:-1]), "last": labels[-1]}


def _redone(n: int) -> str:
    if not n:
        return ""
    return " " + ngettext(
        "%(n)s of them had to be redone.", "%(n)s of them had to be redone.", n
    ) % {"n": n}


def _count(n: int, none: str, some: Callable[[int], str]) -> str:
    return none if not n else some(n)


LINES: dict[str, Callable[[dict[str, Any]], str]] = {
    "leaders": lambda v: _count(
        v["n"],
        _("No project leader on the team."),
        lambda n: (
            ngettext("%(n)s project leader on the team.", "%(n)s project leaders on the team.", n)
            % {"n": n}
        ),
    ),
    "sponsor": lambda v: _("A sponsor is named.") if v["yes"] else _("No sponsor named."),
    "budget": lambda v: _("A budget is recorded.") if v["yes"] else _("No budget recorded."),
    "mandate": lambda v: _("A mandate is recorded.") if v["yes"] else _("No mandate recorded."),
    "questions": lambda v: _count(
        v["n"],
        _("No question from the domains taken up yet."),
        lambda n: (
            ngettext(
                "%(n)s question from the domains taken up.",
                "%(n)s questions from the domains taken up.",
                n,
            )
            % {"n": n}
        ),
    ),
    "question_feedback": lambda v: (
        _("An asker last reacted to an intermediate result on %(date)s.") % {"date": _date(v["on"])}
    ),
    "steps": lambda v: _count(
        v["n"],
        _("No step finished yet."),
        lambda n: (
            ngettext(
                "%(n)s step finished, the last on %(date)s.",
                "%(n)s steps finished, the last on %(date)s.",
                n,
            )
            % {"n": n, "date": _date(v["last"])}
            + _redone(v["redone"])
        ),
    ),
    "disciplines": lambda v: (
        _("Disciplines in the team: %(roles)s.") % {"roles": _roles(v["present"])}
        if v["present"]
        else _("None of the study's disciplines in the team yet.")
    ),
    "missing_disciplines": lambda v: (
        _("Not in the team: %(roles)s.") % {"roles": _roles(v["missing"])}
        if v["missing"]
        else _("The study's four core disciplines are all in the team.")
    ),
    "personal_data": lambda v: (
        _("The project handles personal data.")
        if v["yes"]
        else _("The project handles no personal data.")
    ),
    "market_partners": lambda v: _count(
        v["n"],
        _("No supplier recorded as a partner."),
        lambda n: (
            ngettext(
                "%(n)s supplier recorded as a partner.", "%(n)s suppliers recorded as partners.", n
            )
            % {"n": n}
        ),
    ),
    "network_partners": lambda v: _count(
        v["n"],
        _("No network or chain partner recorded."),
        lambda n: (
            ngettext(
                "%(n)s network or chain partner recorded.",
                "%(n)s network or chain partners recorded.",
                n,
            )
            % {"n": n}
        ),
    ),
    "sessions": lambda v: _count(
        v["n"],
        _("No session with end users recorded."),
        lambda n: (
            ngettext(
                "%(n)s session with end users, the last on %(date)s.",
                "%(n)s sessions with end users, the last on %(date)s.",
                n,
            )
            % {"n": n, "date": _date(v["last"])}
        ),
    ),
    "learning": lambda v: _count(
        v["n"],
        _("No learning activity recorded."),
        lambda n: (
            ngettext(
                "%(n)s learning activity, the last on %(date)s.",
                "%(n)s learning activities, the last on %(date)s.",
                n,
            )
            % {"n": n, "date": _date(v["last"])}
        ),
    ),
}

NOTICES: dict[str, Callable[[dict[str, Any]], str]] = {
    "f1_high_no_leader": lambda v: _("Scored %(score)s, yet no one on the team is project leader."),
    "f2_high_no_budget_or_mandate": lambda v: _(
        "Scored %(score)s, yet neither a budget nor a mandate is recorded."
    ),
    "f3_high_no_question": lambda v: _(
        "Scored %(score)s, yet the project takes up no question from the domains."
    ),
    "f4_high_no_recent_step": lambda v: _(
        "Scored %(score)s, yet no step was finished in the last %(weeks)s weeks."
    ),
    "f4_low_but_steps": lambda v: _(
        "Scored %(score)s, yet %(n)s steps were finished in the last %(weeks)s weeks: the team "
        "may rate itself too low."
    ),
    "f5_personal_data_no_privacy_officer": lambda v: _(
        "The project handles personal data, but the team has no privacy officer."
    ),
    "f5_high_disciplines_missing": lambda v: _("Scored %(score)s, yet the team lacks %(roles)s."),
    "f6_high_no_supplier": lambda v: _(
        "Scored %(score)s, yet no supplier is recorded as a partner."
    ),
    "f7_high_no_network_partner": lambda v: _(
        "Scored %(score)s, yet no network or chain partner is recorded."
    ),
    "f8_high_no_recent_session": lambda v: _(
        "Scored %(score)s, yet there was no session with end users in the last %(months)s months."
    ),
    "f8_low_but_sessions": lambda v: _(
        "Scored %(score)s, yet there were %(n)s sessions with end users in the last %(months)s "
        "months: the team may rate itself too low."
    ),
    "f9_high_no_recent_learning": lambda v: _(
        "Scored %(score)s, yet there was no learning activity in the last %(months)s months."
    ),
    "f9_low_but_learning": lambda v: _(
        "Scored %(score)s, yet there were %(n)s learning activities in the last %(months)s "
        "months: the team may rate itself too low."
    ),
}


def line_text(finding: Finding) -> str:
    return LINES[finding.code](dict(finding.values))


def notice_text(finding: Finding) -> str:
    values = dict(finding.values)
    if "score" in values:
        values["score"] = _score(values["score"])
    if "missing" in values:
        values["roles"] = _roles(list(values["missing"]))
    return NOTICES[finding.code](values) % values


@dataclass
class Notice:
    text: str
    conflict: bool  # the record contradicts the score; otherwise a gap at any score


@dataclass
class EvidenceRow:
    factor: Factor
    score: float | None
    lines: list[str]
    notices: list[Notice]
    notes: list[Any] = field(default_factory=list)  # respondents' FactorNotes


@dataclass
class EvidenceBeside:
    reference: datetime.date
    rows: list[EvidenceRow]

    @property
    def notices(self) -> int:
        return sum(len(r.notices) for r in self.rows)


def evidence_beside(
    *,
    project: Project,
    reference: datetime.date,
    result: Any = None,
) -> EvidenceBeside:
    """Per factor of the scan's framework (or the active one without a scan): the score, the
    record as of `reference`, the notices, and the respondents' notes where `result` carries
    them (scan_result_for has emptied them for readers of the shared profile)."""
    if result is not None:
        factor_rows = [(r.factor, r.value, list(r.notes)) for r in result.rows]
    else:
        version = framework_active()
        factors = list(version.factors.order_by("number")) if version else []
        factor_rows = [(f, None, []) for f in factors]
    facts = evidence_facts(project=project, reference=reference)
    found: dict[int, FactorEvidence] = {
        e.number: e
        for e in factor_evidence(
            facts=facts,
            scores={f.number: value for f, value, _notes in factor_rows},
            reference=reference,
            factors=tuple(f.number for f, _v, _n in factor_rows),
        )
    }
    rows = []
    for factor, value, notes in factor_rows:
        evidence = found[factor.number]
        rows.append(
            EvidenceRow(
                factor=factor,
                score=value,
                lines=[line_text(f) for f in evidence.lines],
                notices=[Notice(notice_text(n), n.conflict) for n in evidence.notices],
                notes=notes,
            )
        )
    return EvidenceBeside(reference=reference, rows=rows)


def scan_reference(scan: Any) -> datetime.date:
    """The date a scan's result is weighed against the record: the day it closed (its result
    is final then), else today."""
    if scan is not None and scan.closed_at is not None:
        return timezone.localdate(scan.closed_at)
    return timezone.localdate()
