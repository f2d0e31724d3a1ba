"""The analysis in plain words, for a municipal adviser who does not read Boolean algebra."""

from django.utils.formats import number_format
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from .qca import Literal, PortfolioAnalysis, ProjectPath

# A condition reads as necessary from this consistency of necessity and relevance on.
NECESSARY_INCLUSION, NECESSARY_RELEVANCE = 0.9, 0.6


def _figure(value: float) -> str:
    return number_format(value, 2)


def literal_text(lit: Literal) -> str:
    if lit.strong:
        return _("strong “%(factor)s”") % {"factor": lit.factor.name}
    return _("weak “%(factor)s”") % {"factor": lit.factor.name}


def literals_text(literals: list[Literal]) -> str:
    parts = [literal_text(lit) for lit in literals]
    if len(parts) == 1:
        return parts[0]
    return _("%(first)s and %(last)s") % {"first": ", ".join(parts[:-1]), "last": parts[-1]}


def analysis_reading(analysis: PortfolioAnalysis) -> list[str]:
    if analysis.error or not analysis.models:
        return []
    outcome = (
        _("scaled-up projects")
        if analysis.settings.outcome == "scaled"
        else _("implemented projects")
    )
    model = analysis.models[0]
    lines = [
        ngettext(
            "Of the %(cases)s projects compared, %(with)s reached the outcome.",
            "Of the %(cases)s projects compared, %(with)s reached the outcome.",
            len(analysis.cases),
        )
        % {"cases": len(analysis.cases), "with": analysis.with_outcome}
    ]
    paths = [
        _("%(combination)s (%(n)s of them)")
        % {"combination": literals_text(p.literals), "n": p.cases}
        for p in model.paths
    ]
    lines.append(
        _(
            "In this portfolio the %(outcome)s combined %(paths)s "
            "(consistency %(incl)s, coverage %(cov)s)."
        )
        % {
            "outcome": outcome,
            "paths": _(" or ").join(paths),
            "incl": _figure(model.inclusion),
            "cov": _figure(model.coverage),
        }
    )
    for row in analysis.necessity:
        if (
            len(row.literals) == 1
            and row.inclusion >= NECESSARY_INCLUSION
            and row.relevance >= NECESSARY_RELEVANCE
        ):
            lines.append(
                _(
                    "Almost all %(outcome)s had %(condition)s (consistency of necessity "
                    "%(incl)s): it looks like a condition they could not do without."
                )
                % {
                    "outcome": outcome,
                    "condition": literal_text(row.literals[0]),
                    "incl": _figure(row.inclusion),
                }
            )
    if analysis.uncovered:
        lines.append(
            ngettext(
                "%(n)s project reached the outcome along another way than these.",
                "%(n)s projects reached the outcome along other ways than these.",
                len(analysis.uncovered),
            )
            % {"n": len(analysis.uncovered)}
        )
    if not analysis.models_complete:
        lines.append(
            ngettext(
                "The data allow at least %(n)s explanation this simple; Koers stopped "
                "counting there, so there may be more. Treat the path as a candidate to "
                "discuss, not as proof.",
                "The data allow at least %(n)s equally simple explanations; Koers stopped "
                "counting there, so there may be more. The one that fits best is shown first. "
                "Treat the paths as candidates to discuss, not as proof.",
                analysis.total_models,
            )
            % {"n": analysis.total_models}
        )
    elif analysis.total_models > 1:
        lines.append(
            _(
                "The data allow %(n)s equally simple explanations; the one that fits best is "
                "shown first. Treat the paths as candidates to discuss, not as proof."
            )
            % {"n": analysis.total_models}
        )
    return lines


def project_path_text(found: ProjectPath) -> str:
    text = _(
        "In your organisation's portfolio, implemented projects often combined %(path)s "
        "(consistency %(incl)s)."
    ) % {"path": literals_text(found.path.literals), "incl": _figure(found.path.inclusion)}
    if not found.lacking:
        return text + " " + _("This project has that combination.")
    return (
        text
        + " "
        + _("This project still lacks %(missing)s.") % {"missing": literals_text(found.lacking)}
    )
