"""The analysis's refusals in the user's language.

`koers.analysis` is pure Python and speaks English (its command line is for analysts). The
web reads its errors by type, never by their text, and says what to do in the portfolio's
terms; a type it does not know yet gets a general message, so no English reaches a Dutch
page. The figures come from the settings the user chose, not from the engine's message.

An analysis keeps a code (`engine_code`, or one of `portfolio_analysis`'s own refusals), never
a sentence: the worker computes it once for everyone, and each page says it in its reader's
language (`error_text`).
"""

import logging
from typing import TYPE_CHECKING

from django.utils.translation import gettext as _

from koers.analysis import (
    AnalysisError,
    ConstantCondition,
    NoContrast,
    OutOfRange,
    TooFewCases,
    TooMuchWork,
)

if TYPE_CHECKING:
    from .qca import AnalysisSettings

log = logging.getLogger(__name__)

ENGINE_CODES = [
    (TooFewCases, "too_few_cases"),
    (NoContrast, "no_contrast"),
    (ConstantCondition, "constant_condition"),
    (TooMuchWork, "too_much_work"),
    (OutOfRange, "out_of_range"),
]


def engine_code(exc: Exception, settings: "AnalysisSettings") -> str:
    for kind, code in ENGINE_CODES:
        if isinstance(exc, kind):
            return code
    if not isinstance(exc, AnalysisError):
        log.warning("The analysis engine refused the settings %s: %s", settings, exc)
    return "refused"


def error_text(code: str, settings: "AnalysisSettings") -> str:
    """The sentence for an analysis's error code, in the active language ("" for none)."""
    if not code:
        return ""
    if code == "few_factors":
        return _("Choose at least two factors to compare.")
    if code == "all_too_young":
        return _(
            "The projects with a scan are all less than a year old and have not reached the "
            "outcome yet: too young to compare."
        )
    if code == "no_scores":
        return _("No project has a scan with scores on the chosen factors yet.")
    if code == "same_outcome":
        return _(
            "Every project here has the same outcome, so no combination of factors can be "
            "shown to make the difference. Sufficiency cannot be inferred from successes "
            "alone (the blind spot of the study, which only looked at successful projects): "
            "keep stalled and stopped projects in Koers, with their scans."
        )
    if code == "none_consistent":
        return _(
            "No combination of factors reaches the consistency threshold of %(cut)s: none is "
            "sufficient for the outcome here. Lower the threshold, or wait for more projects."
        ) % {"cut": settings.incl_cut}
    if code == "too_few_cases":
        return _(
            "No combination of factors occurs in %(n)s or more projects. Lower “Minimum "
            "projects per combination” (now %(n)s), or wait until more projects have a scan."
        ) % {"n": settings.n_cut}
    if code == "no_contrast":
        return _(
            "Every project here has the same outcome, so no combination of factors can be "
            "shown to make the difference. Keep stalled and stopped projects in Koers, with "
            "their scans."
        )
    if code == "constant_condition":
        return _(
            "One of the chosen factors is strong (or weak) in every project, so it cannot tell "
            "projects apart. Leave it out, or move the anchors."
        )
    if code == "too_much_work":
        return _(
            "Comparing %(k)s factors at once takes more work than the analysis allows. Choose "
            "fewer factors."
        ) % {"k": len(settings.factors)}
    if code == "out_of_range":
        return _("Some factor scores lie outside 0–100; the analysis cannot use them.")
    return _(
        "The analysis cannot be run with these settings. Try the default settings, or fewer "
        "factors."
    )


def engine_message(exc: Exception, settings: "AnalysisSettings") -> str:
    """The engine's refusal as a sentence in the active language."""
    return error_text(engine_code(exc, settings), settings)
