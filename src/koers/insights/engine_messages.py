"""The engine's refusals in the user's language.

`koers.analysis` is pure Python and speaks English (its command line is for analysts). The
web reads its errors by type, never by their text, and says what to do in the portfolio's
terms; a type it does not know yet gets a general message, so no English reaches a Dutch
page. The figures come from the settings the user chose, not from the engine's message.
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


def engine_message(exc: Exception, settings: "AnalysisSettings") -> str:
    if isinstance(exc, TooFewCases):
        return _(
            "No combination of factors occurs in %(n)s or more projects. Lower “Minimum "
            "projects per combination” (now %(n)s), or wait until more projects have a scan."
        ) % {"n": settings.n_cut}
    if isinstance(exc, NoContrast):
        return _(
            "Every project here has the same outcome, so no combination of factors can be "
            "shown to make the difference. Keep stalled and stopped projects in Koers, with "
            "their scans."
        )
    if isinstance(exc, ConstantCondition):
        return _(
            "One of the chosen factors is strong (or weak) in every project, so it cannot tell "
            "projects apart. Leave it out, or move the anchors."
        )
    if isinstance(exc, TooMuchWork):
        return _(
            "Comparing %(k)s factors at once takes more work than the analysis allows. Choose "
            "fewer factors."
        ) % {"k": len(settings.factors)}
    if isinstance(exc, OutOfRange):
        return _("Some factor scores lie outside 0–100; the analysis cannot use them.")
    if not isinstance(exc, AnalysisError):
        log.warning("The analysis engine refused the settings %s: %s", settings, exc)
    return _(
        "The analysis cannot be run with these settings. Try the default settings, or fewer "
        "factors."
    )
