"""Algoritmeregister pages: a project's register record (form, completeness, history, export)
and an organisation's export of all its publishable records."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from koers.guards.ratelimit import rate_limited
from koers.projects.access import can_edit, require_edit
from koers.projects.selectors import project_get
from koers.projects.services import EditConflict
from koers.register import services
from koers.register.completeness import completeness
from koers.register.export import as_csv, as_json, build_export
from koers.register.forms import AlgorithmRecordForm
from koers.register.history import record_history_lines
from koers.register.selectors import (
    record_get,
    record_history,
    record_of,
    records_of_organisation,
    register_organisation_get,
    suppliers_for,
)

from .forms_util import add_errors

CONTENT_TYPES = {"json": "application/json; charset=utf-8", "csv": "text/csv; charset=utf-8"}
RENDER = {"json": as_json, "csv": as_csv}


def _download(content: bytes, name: str, fmt: str) -> HttpResponse:
    response = HttpResponse(content, content_type=CONTENT_TYPES[fmt])
    response["Content-Disposition"] = f'attachment; filename="{name}.{fmt}"'
    return response


@login_required
def register_edit(request: HttpRequest, pk: int) -> HttpResponse:
    """The record's form; a project without a record gets one on the first save."""
    project = project_get(user=request.user, pk=pk)
    require_edit(request.user, project)
    record = record_of(project=project)
    form = AlgorithmRecordForm(
        request.POST or None, project=project, record=record, suppliers=suppliers_for(project)
    )
    if request.method == "POST" and form.is_valid():
        try:
            if record is None:
                record = services.algorithm_record_create(
                    project=project, by=request.user, **form.record_fields()
                )
            else:
                record = services.algorithm_record_update(
                    record=record,
                    by=request.user,
                    expected_version=form.cleaned_data["version"] or 0,
                    **form.record_fields(),
                )
        except EditConflict as exc:
            form.add_error(None, str(exc))
        except ValidationError as exc:
            add_errors(form, exc)
        else:
            messages.success(request, _("The register record is saved."))
            return redirect(reverse("web:register_edit", kwargs={"pk": project.pk}))
    context = {
        "project": project,
        "record": record,
        "form": form,
        "check": completeness(record) if record else None,
        "history": record_history_lines(record_history(record=record)[:50]) if record else [],
    }
    return render(request, "web/register_form.html", context)


@login_required
@require_POST
def register_delete(request: HttpRequest, pk: int) -> HttpResponse:
    record = record_get(user=request.user, project_pk=pk)
    services.algorithm_record_delete(record=record, by=request.user)
    messages.success(request, _("The register record is deleted; its history keeps it."))
    return redirect("web:project", pk=pk)


@login_required
@rate_limited("downloads")
def register_download(request: HttpRequest, pk: int, fmt: str) -> HttpResponse:
    """One project's record as the register's JSON or CSV, when it is complete."""
    if fmt not in RENDER:
        raise Http404
    record = record_get(user=request.user, project_pk=pk)
    if not can_edit(request.user, record.project):
        raise Http404
    result = build_export([record])
    if not result.documents:
        messages.error(
            request,
            _("Not exported: %(reasons)s.") % {"reasons": "; ".join(result.left_out[0].reasons)},
        )
        return redirect("web:register_edit", pk=pk)
    return _download(RENDER[fmt](result.documents), f"algoritmeregister-project-{pk}", fmt)


@login_required
def register_organisation(request: HttpRequest, slug: str) -> HttpResponse:
    """Every record of the organisation: which are complete, and what the others lack."""
    organisation = register_organisation_get(user=request.user, slug=slug)
    rows = [
        (record, completeness(record))
        for record in records_of_organisation(organisation=organisation)
    ]
    context = {
        "organisation": organisation,
        "rows": rows,
        "complete_count": sum(1 for _record, check in rows if check.complete),
    }
    return render(request, "web/register_organisation.html", context)


@login_required
@rate_limited("downloads")
def register_organisation_download(request: HttpRequest, slug: str, fmt: str) -> HttpResponse:
    if fmt not in RENDER:
        raise Http404
    organisation = register_organisation_get(user=request.user, slug=slug)
    result = build_export(records_of_organisation(organisation=organisation))
    if not result.documents:
        messages.error(request, _("No record is complete yet, so there is nothing to export."))
        return redirect("web:register_organisation", slug=slug)
    return _download(RENDER[fmt](result.documents), f"algoritmeregister-{organisation.slug}", fmt)
