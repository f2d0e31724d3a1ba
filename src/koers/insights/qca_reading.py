"""The analysis in plain words, for a municipal adviser who does not read Boolean algebra."""

from django.utils.formats import number_format
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from .qca import MIN_EACH_SIDE, NETWORK, Literal, PortfolioAnalysis, ProjectReading

# A condition reads as necessary from this consistency of necessity and relevance on.
NECESSARY_INCLUSION, NECESSARY_RELEVANCE = 0.9, 0.6
# Paths named one by one in the reading; the table lists them all.
PATHS_READ = 5


def _figure(value: float) -> str:
    return number_format(value, 2)


def literal_text(lit: Literal) -> str:
    if getattr(lit.factor, "evidence", False):  # a piece of the record: present or absent
        return lit.factor.name if lit.strong else lit.factor.absent
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
    fit = {"incl": _figure(model.inclusion), "cov": _figure(model.coverage)}
    network = analysis.settings.scope == NETWORK
    if len(paths) == 1:
        lines.append(
            (
                _(
                    "Among the projects shared in the network, the %(outcome)s combined "
                    "%(path)s (consistency %(incl)s, coverage %(cov)s)."
                )
                if network
                else _(
                    "In this portfolio the %(outcome)s combined %(path)s "
                    "(consistency %(incl)s, coverage %(cov)s)."
                )
            )
            % {"outcome": outcome, "path": paths[0], **fit}
        )
    else:
        # One line per path: joined with "or", several paths made one sentence of 100 words.
        lines.append(
            (
                _(
                    "Among the projects shared in the network, the %(outcome)s got there along "
                    "%(n)s paths (consistency %(incl)s, coverage %(cov)s):"
                )
                if network
                else _(
                    "In this portfolio the %(outcome)s got there along %(n)s paths "
                    "(consistency %(incl)s, coverage %(cov)s):"
                )
            )
            % {"outcome": outcome, "n": len(paths), **fit}
        )
        lines += [
            _("Path %(i)s: %(path)s.") % {"i": i, "path": path}
            for i, path in enumerate(paths[:PATHS_READ], start=1)
        ]
        if len(paths) > PATHS_READ:
            more = len(paths) - PATHS_READ
            lines.append(
                ngettext(
                    "%(n)s more path is in the table below.",
                    "%(n)s more paths are in the table below.",
                    more,
                )
                % {"n": more}
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


def project_path_text(reading: ProjectReading) -> str:
    """The project page's sentence, in a project leader's words: no fit figures, and only
    when the portfolio can carry it (qca.carries_a_project_reading)."""
    if reading.found is None:
        return _(
            "Once your organisation has %(needed)s projects with a scan to compare, at least "
            "%(each)s of them implemented and %(each)s not, Koers says here which factors the "
            "implemented ones had in common. Now %(n)s can be compared."
        ) % {"needed": reading.needed, "each": MIN_EACH_SIDE, "n": reading.compared}
    path = reading.found.path
    text = _(
        "Implemented projects in your organisation often had %(path)s: %(reached)s of the "
        "%(with)s projects with that combination got there."
    ) % {"path": literals_text(path.literals), "reached": path.cases, "with": path.members}
    if not reading.found.lacking:
        return text + " " + _("This project has that too.")
    return (
        text
        + " "
        + _("What this project does not have yet: %(missing)s.")
        % {"missing": literals_text(reading.found.lacking)}
    )
