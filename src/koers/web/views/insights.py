"""The portfolio dashboard for coordinators."""

import datetime
from dataclasses import dataclass
from functools import partial
from typing import Any

from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _

from koers.audit import stamps
from koers.framework.selectors import framework_active
from koers.insights.evidence_coverage import evidence_coverage
from koers.insights.forms import AnalysisForm
from koers.insights.kept import COMPUTING, analysis_kept, settings_key
from koers.insights.qca import NETWORK, AnalysisSettings
from koers.insights.qca_reading import analysis_reading
from koers.insights.selectors import (
    DashboardFilter,
    dashboard_get,
    dashboard_organisations,
    portfolio_projects,
)
from koers.insights.summary import dashboard_summary
from koers.organisations.models import Organisation
from koers.projects.models import Domain, Technique
from koers.reports.exports import export_kinds
from koers.web.charts import bars, factor_trend, scatter
from koers.web.kept import kept_part

from .home import filter_choices


def _date(value: str | None) -> datetime.date | None:
    try:
        return datetime.date.fromisoformat(value) if value else None
    except ValueError:
        return None


def parse_filter(get) -> DashboardFilter:
    try:
        weeks = min(520, max(1, int(get.get("weeks", 12))))
    except ValueError:
        weeks = 12
    return DashboardFilter(
        domain=get.get("domain", "") if get.get("domain") in Domain.values else "",
        theme=get.get("theme", "")[:50],
        technique=get.get("technique", "")[:50],
        since=_date(get.get("since")),
        until=_date(get.get("until")),
        stall_weeks=weeks,
    )


def _sort_factor(sort: str, factors: dict[int, Any]) -> int | None:
    """The factor number the heatmap is sorted by (`?sort=f3`), or None for by title."""
    number = sort[1:]
    if sort.startswith("f") and number.isdigit() and int(number) in factors:
        return int(number)
    return None


@login_required
def dashboard_home(request: HttpRequest) -> HttpResponse:
    organisation = dashboard_organisations(user=request.user).first()
    if organisation is None:
        raise Http404(_("The portfolio dashboard is for coordinators."))
    return redirect("web:dashboard", slug=organisation.slug)


@login_required
def dashboard(request: HttpRequest, slug: str) -> HttpResponse:
    # Only organisations the user coordinates exist here; others give 404.
    organisation = get_object_or_404(dashboard_organisations(user=request.user), slug=slug)
    stamp = stamps.current(organisation.pk)  # before the data the kept figures are made from
    filters = parse_filter(request.GET)
    # The figures are the same for every coordinator of the organisation: made once per
    # change of its data (and per filter, sort and language), the page around them per person.
    body = kept_part(
        "dashboard",
        stamp=stamp,
        parts=[organisation.pk, organisation.slug, organisation.name, sorted(request.GET.lists())],
        make=lambda: _dashboard_body(request, organisation, filters),
    )
    questions = render_to_string(
        "web/_dashboard_questions.html", {"d": DashboardHead(organisation, filters)}, request
    )
    context = {
        "d": DashboardHead(organisation, filters),
        "body": mark_safe(body.replace(QUESTIONS_SLOT, questions)),  # noqa: S308 (both ours)
        "organisations": dashboard_organisations(user=request.user),
        "export_kinds": export_kinds(),
        **filter_choices(),
        "techniques": [(t.key, t.name) for t in Technique.objects.all()],
    }
    return render(request, "web/dashboard.html", context)


@dataclass(frozen=True)
class DashboardHead:
    """What the page around the kept figures reads: the organisation and the filters."""

    organisation: Organisation
    filters: DashboardFilter


# The figures from question to practice read other organisations' projects (partners that
# took a question up), whose changes do not touch this organisation's stamp: made per request.
QUESTIONS_SLOT = "<!--koers:questions-->"


def _dashboard_body(
    request: HttpRequest, organisation: Organisation, filters: DashboardFilter
) -> str:
    data = dashboard_get(user=request.user, organisation=organisation, filters=filters)
    sort_factor = _sort_factor(request.GET.get("sort", ""), data.factors)
    heatmap = data.heatmap  # by title unless a factor is chosen
    if sort_factor is not None:
        index = list(data.factors).index(sort_factor)
        heatmap = sorted(heatmap, key=lambda row: (row[1][index] is None, row[1][index] or 0))
    context = {
        "d": data,
        "summary": dashboard_summary(data),
        "funnel": bars([(label, n) for _, label, n in data.stage_counts]),
        "heatmap": heatmap,
        "sort_factor": sort_factor,
        "heat_columns": [(n, factor, f"f{n}") for n, factor in data.factors.items()],
        "interactive": True,
        "questions_slot": QUESTIONS_SLOT,
        "trend_chart": factor_trend(data.trend, data.factors),
        "quarters": sorted(data.trend),
        "coverage": evidence_coverage(
            projects=portfolio_projects(organisation=organisation, filters=filters),
            reference=timezone.localdate(),
        ),
    }
    return render_to_string("web/_dashboard_body.html", context, request)


@login_required
def analysis(request: HttpRequest, slug: str) -> HttpResponse:
    organisation = get_object_or_404(dashboard_organisations(user=request.user), slug=slug)
    stamp = stamps.current(organisation.pk)  # before the data the kept result is made from
    version = framework_active()
    labels = {f.number: f.name for f in version.factors.all()} if version else {}
    form = AnalysisForm(request.GET, factor_labels=labels)
    result = None
    settings = form.settings() if not form.is_bound or form.is_valid() else None
    if settings is not None:
        # Computed by the worker once per change of the data (meanwhile the page says so);
        # shown alike to every coordinator, so made once per change and language too. The
        # network's reads every organisation's data: made per request.
        make = partial(_analysis_result, request, organisation, settings)
        if settings.scope == NETWORK:
            result = make()
        else:
            result = kept_part(
                "analysis",
                stamp=stamp,
                parts=[organisation.pk, settings_key(settings), version.pk if version else None],
                make=make,
            )
    scope = settings.scope if settings is not None else request.GET.get("scope")
    context = {
        "organisation": organisation,
        "network": scope == NETWORK,
        "organisations": dashboard_organisations(user=request.user),
        "form": form,
        "computing": COMPUTING if settings is not None and result is None else None,
        "result": result,
    }
    return render(request, "web/analysis.html", context)


def _analysis_result(
    request: HttpRequest, organisation: Organisation, settings: AnalysisSettings
) -> str | None:
    """The result's part of the page; None while the worker computes it (never kept)."""
    result = analysis_kept(organisation=organisation, settings=settings)
    if result is COMPUTING or result is None:
        return None
    context = {
        "a": result,
        "reading": analysis_reading(result),
        "plot": scatter([(x, y) for _case, x, y in result.xy]) if result.xy else None,
    }
    return render_to_string("web/_analysis_result.html", context, request)
