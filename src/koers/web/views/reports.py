"""Downloads: project and portfolio reports (PDF) and portfolio exports (XLSX, CSV)."""

from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404
from django.utils.text import slugify
from django.utils.translation import get_language

from koers.guards.ratelimit import rate_limited
from koers.insights.selectors import dashboard_organisations
from koers.reports.documents import portfolio_export, portfolio_report_pdf
from koers.reports.exports import EXPORT_KINDS
from koers.reports.kept import project_report_kept
from koers.web.views.insights import parse_filter

CONTENT_TYPES = {
    "pdf": "application/pdf",
    "csv": "text/csv; charset=utf-8",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
}


def _download(content: bytes, name: str, fmt: str) -> HttpResponse:
    response = HttpResponse(content, content_type=CONTENT_TYPES[fmt])
    response["Content-Disposition"] = f'attachment; filename="{name}.{fmt}"'
    return response


@login_required
@rate_limited("downloads")
def project_report(request: HttpRequest, pk: int) -> HttpResponse:
    # Made once per change of the project and what the reader may see of it (reports/kept.py).
    project, pdf = project_report_kept(user=request.user, pk=pk, language=get_language())
    return _download(pdf, f"koers-{slugify(project.title)}", "pdf")


@login_required
@rate_limited("downloads")
def portfolio_report(request: HttpRequest, slug: str) -> HttpResponse:
    organisation = get_object_or_404(dashboard_organisations(user=request.user), slug=slug)
    pdf = portfolio_report_pdf(
        organisation=organisation, filters=parse_filter(request.GET), language=get_language()
    )
    return _download(pdf, f"koers-portfolio-{organisation.slug}", "pdf")


@login_required
@rate_limited("downloads")
def portfolio_download(request: HttpRequest, slug: str, kind: str, fmt: str) -> HttpResponse:
    organisation = get_object_or_404(dashboard_organisations(user=request.user), slug=slug)
    if (
        kind not in (*EXPORT_KINDS, "all")
        or fmt not in ("csv", "xlsx")
        or (kind == "all" and fmt == "csv")
    ):
        raise Http404
    content = portfolio_export(
        organisation=organisation, filters=parse_filter(request.GET), kind=kind, fmt=fmt
    )
    return _download(content, f"koers-{kind}-{organisation.slug}", fmt)
