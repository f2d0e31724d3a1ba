"""The reports as documents: project and portfolio PDFs, the portfolio workbook."""

from typing import Any

from django.utils import timezone, translation

from koers.actions.selectors import actions_of, planned_option_ids
from koers.assessments.selectors import reads_scans_in_full, scan_result, scan_result_for
from koers.guards.text import ESSAY, NOTE, clipped
from koers.insights.evidence_text import evidence_beside, scan_reference
from koers.insights.selectors import DashboardFilter, dashboard_build
from koers.insights.summary import dashboard_summary
from koers.organisations.models import Organisation
from koers.projects.models import Project
from koers.translation import current_language
from koers.web.charts import bars, factor_trend, radar

from .exports import EXPORT_KINDS, SHEETS
from .pdf import render_pdf
from .spreadsheets import to_csv, to_xlsx

# What a project PDF holds at most, so that no project makes WeasyPrint work for minutes:
# texts stored before the limits are cut to them, long lists to their latest or first rows,
# each with a note on the page that says so.
MAX_EVENTS = 100
MAX_ACTIONS = 200


def project_report_pdf(
    *, project: Project, language: str, hide_scan: bool = False, reader: Any = None
) -> bytes:
    """Summary, timeline, latest scan against the previous one with spread, evidence notes,
    options, actions. The caller has checked that the user may see the project, and passes
    hide_scan when the latest result is kept from the reader (see result_hidden_for). With a
    reader, the scan is shown as scan_result_for lets them read it (None: the operator's
    command line, which reads everything)."""
    show = project.last_scan_id and not hide_scan
    result = None
    if show and reader is not None:
        result = scan_result_for(scan=project.last_scan, user=reader)
    elif show:
        result = scan_result(scan=project.last_scan)
    chart = None
    if result and result.has_scores:
        chart = radar(
            [r.value for r in result.rows],
            [str(r.factor.number) for r in result.rows],
            previous=[r.previous for r in result.rows] if result.previous else None,
        )
    problem, problem_cut = clipped(project.problem, ESSAY)
    events_total = project.stage_events.count()
    latest_events = project.stage_events.select_related("by").order_by("-on", "-id")
    events = list(reversed(latest_events[:MAX_EVENTS]))
    for event in events:
        event.note, _cut = clipped(event.note, NOTE)
    actions = actions_of(project=project)
    context: dict[str, Any] = {
        "project": project,
        "problem": problem,
        "problem_cut": problem_cut,
        "events": events,
        "events_total": events_total,
        "result": result,
        "hidden": bool(project.last_scan_id and hide_scan),
        "full": reader is None or reads_scans_in_full(user=reader, project=project),
        "chart": chart,
        "actions": actions[:MAX_ACTIONS],
        "actions_total": actions.count(),
        "can_edit": False,
        "planned_options": planned_option_ids(project=project),
        "generated": timezone.localtime(),
    }
    if context["full"]:
        # Beside the scores when the reader sees them, else the record alone; worded in the
        # report's language, which is not the request's.
        scored = result if result and result.has_scores else None
        with translation.override(language):
            context["evidence"] = evidence_beside(
                project=project, reference=scan_reference(None), result=scored
            )
    return render_pdf("reports/project.html", context, language=language)


def portfolio_report_pdf(
    *, organisation: Organisation, filters: DashboardFilter, language: str
) -> bytes:
    """The dashboard's figures with a written summary. The caller checked the permission."""

    with translation.override(language):
        data = dashboard_build(organisation=organisation, filters=filters)
        summary = dashboard_summary(data)
        funnel = bars([(label, n) for _, label, n in data.stage_counts])
    context = {
        "d": data,
        "summary": summary,
        "funnel": funnel,
        "heatmap": data.heatmap,
        "generated": timezone.localtime(),
        "trend_chart": factor_trend(data.trend, data.factors),
        "quarters": sorted(data.trend),
    }
    return render_pdf("reports/portfolio.html", context, language=language)


def portfolio_export(
    *, organisation: Organisation, filters: DashboardFilter, kind: str, fmt: str
) -> bytes:
    """One table as CSV, or as XLSX; kind 'all' gives a workbook with every table."""
    kinds = EXPORT_KINDS if kind == "all" else (kind,)
    sheets = [SHEETS[k](organisation, filters) for k in kinds]
    if fmt == "csv":
        _title, headers, rows = sheets[0]
        return to_csv(headers, rows, language=current_language())
    return to_xlsx(sheets)
