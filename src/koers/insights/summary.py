"""A short written summary of a dashboard, generated from its figures, for management."""

from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from .selectors import Dashboard


def dashboard_summary(dashboard: Dashboard) -> list[str]:
    lines = []
    if dashboard.total == 0:
        return [_("No projects match these filters yet.")]
    implemented = sum(
        n
        for stage, _label, n in dashboard.stage_counts
        if stage in ("implemented", "scaled_internal", "scaled_external")
    )
    lines.append(
        ngettext(
            "%(n)d of %(total)d projects is implemented or scaled up.",
            "%(n)d of %(total)d projects are implemented or scaled up.",
            implemented,
        )
        % {"n": implemented, "total": dashboard.total}
    )
    recent = [c for c in dashboard.cohorts if c.experiment]
    if recent:
        cohort = recent[-1]
        lines.append(
            # Two numbers in one sentence: worded so that neither needs a verb to agree.
            _(
                "Projects started in %(year)d that reached the experiment stage: %(exp)d, of "
                "which %(impl)d implemented."
            )
            % {"impl": cohort.implemented, "exp": cohort.experiment, "year": cohort.year}
        )
    if dashboard.weakest:
        number, count = max(dashboard.weakest.items(), key=lambda kv: (kv[1], -kv[0]))
        factor = dashboard.factors.get(number)
        lines.append(
            ngettext(
                "Factor %(n)d (%(name)s) is the weakest in %(count)d project.",
                "Factor %(n)d (%(name)s) is the weakest in %(count)d projects.",
                count,
            )
            % {"n": number, "name": factor.name if factor else "", "count": count}
        )
    if dashboard.stalls:
        lines.append(
            ngettext(
                "%(n)d active project has not moved for %(weeks)d weeks or more.",
                "%(n)d active projects have not moved for %(weeks)d weeks or more.",
                len(dashboard.stalls),
            )
            % {"n": len(dashboard.stalls), "weeks": dashboard.filters.stall_weeks}
        )
    overdue = sum(a["overdue"] for a in dashboard.actions.values())
    if overdue:
        lines.append(
            ngettext("%(n)d action is overdue.", "%(n)d actions are overdue.", overdue)
            % {"n": overdue}
        )
    return lines
