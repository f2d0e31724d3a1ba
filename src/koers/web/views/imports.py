"""Importing a project list: upload, map the columns, dry run, apply (koers.imports)."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import translation
from django.views.decorators.http import require_POST

from koers.imports import limits, services
from koers.imports.columns import BY_KEY, unrecognised
from koers.imports.forms import MappingForm, UploadForm
from koers.imports.models import ImportUpload, UploadStatus
from koers.imports.plan import Plan
from koers.imports.reading import ImportRefused
from koers.organisations.models import Organisation, Role
from koers.organisations.selectors import has_role, organisations_of

from .forms_util import add_errors

SHOWN_ROWS = 500  # a dry run of 10,000 rows shows the first ones and every problem


def _organisation(request: HttpRequest, slug: str) -> Organisation:
    """The user's organisation by its short name (another's gives 404), if they may import
    for it (a member or viewer is told why not)."""
    organisation = get_object_or_404(organisations_of(request.user), slug=slug)
    services.require_import(request.user, organisation)
    return organisation


def _upload(request: HttpRequest, organisation: Organisation, pk: int) -> ImportUpload:
    upload = ImportUpload.objects.filter(
        pk=pk, organisation=organisation, uploaded_by=request.user
    ).first()
    if upload is None:
        raise Http404
    return upload


def _status(organisation: Organisation, upload: ImportUpload) -> HttpResponse | None:
    """A list handed to the worker has no steps left: its page says how far it is."""
    if upload.status == UploadStatus.CHECKING:
        return None
    return redirect("web:import_status", slug=organisation.slug, pk=upload.pk)


def _context(organisation: Organisation, request: HttpRequest, **extra: object) -> dict:
    return {
        "organisation": organisation,
        "is_admin": has_role(request.user, organisation.pk, Role.ADMINISTRATOR),
        "limits": limits,
        "max_mb": limits.MAX_FILE_BYTES // (1024 * 1024),
        **extra,
    }


@login_required
def import_start(request: HttpRequest, slug: str) -> HttpResponse:
    organisation = _organisation(request, slug)
    form = UploadForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        upload_file = form.cleaned_data["file"]
        try:
            upload = services.upload_store(
                by=request.user,
                organisation=organisation,
                raw=upload_file.read(limits.MAX_FILE_BYTES + 1),
                name=upload_file.name or "",
            )
        except ImportRefused as refused:
            form.add_error("file", str(refused))
        else:
            mapping = services.mapping_of(upload)
            if unrecognised(upload.headers, mapping) or "reference" not in mapping.values():
                return redirect("web:import_columns", slug=organisation.slug, pk=upload.pk)
            return redirect("web:import_check", slug=organisation.slug, pk=upload.pk)
    return render(request, "imports/start.html", _context(organisation, request, form=form))


@login_required
def import_columns(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    organisation = _organisation(request, slug)
    upload = _upload(request, organisation, pk)
    if moved := _status(organisation, upload):
        return moved
    mapping = services.mapping_of(upload)
    form = MappingForm(request.POST or None, headers=upload.headers, mapping=mapping)
    if request.method == "POST" and form.is_valid():
        try:
            services.upload_map_columns(upload=upload, by=request.user, mapping=form.mapping())
        except ValidationError as exc:
            add_errors(form, exc)
        else:
            return redirect("web:import_check", slug=organisation.slug, pk=upload.pk)
    return render(
        request,
        "imports/columns.html",
        _context(
            organisation,
            request,
            form=form,
            upload=upload,
            unknown=[upload.headers[i] for i in unrecognised(upload.headers, mapping)],
        ),
    )


def _check_page(
    request: HttpRequest, organisation: Organisation, upload: ImportUpload, plan: Plan
) -> HttpResponse:
    problems = [(row.row, p.column, p.message) for row in plan.bad_rows for p in row.problems]
    return render(
        request,
        "imports/check.html",
        _context(
            organisation,
            request,
            upload=upload,
            plan=plan,
            problems=problems[:SHOWN_ROWS],
            problems_left=max(0, len(problems) - SHOWN_ROWS),
            rows=plan.rows[:SHOWN_ROWS],
            rows_left=max(0, len(plan.rows) - SHOWN_ROWS),
            counts={
                "create": plan.count("create"),
                "update": plan.count("update"),
                "unchanged": plan.count("unchanged"),
                "bad": len(plan.bad_rows),
            },
            reference_label=BY_KEY["reference"].label,
        ),
    )


@login_required
def import_check(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    organisation = _organisation(request, slug)
    upload = _upload(request, organisation, pk)
    if moved := _status(organisation, upload):
        return moved
    plan = services.import_check(
        by=request.user,
        organisation=organisation,
        table=services.table_of(upload),
        mapping=services.mapping_of(upload),
    )
    return _check_page(request, organisation, upload, plan)


@login_required
@require_POST
def import_apply(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    organisation = _organisation(request, slug)
    upload = _upload(request, organisation, pk)
    if moved := _status(organisation, upload):
        return moved
    try:
        applied = services.upload_apply(
            upload=upload, by=request.user, language=translation.get_language() or "nl"
        )
    except services.ImportNotApplied as failed:
        messages.error(request, str(failed))
        return _check_page(request, organisation, upload, failed.plan)
    if applied is None:  # a long list: the worker imports it
        return redirect("web:import_status", slug=organisation.slug, pk=upload.pk)
    messages.success(request, str(applied))
    return redirect("web:import_start", slug=organisation.slug)


@login_required
def import_status(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    """A list the worker imports: being imported (the page looks again), or its outcome."""
    organisation = _organisation(request, slug)
    upload = _upload(request, organisation, pk)
    if upload.status == UploadStatus.CHECKING:
        return redirect("web:import_check", slug=organisation.slug, pk=upload.pk)
    return render(
        request,
        "imports/status.html",
        _context(organisation, request, upload=upload, problems=upload.result.get("problems", [])),
    )


@login_required
def import_template(request: HttpRequest, slug: str, language: str, kind: str) -> HttpResponse:
    from koers.imports.template import template_file

    _organisation(request, slug)
    if language not in ("nl", "en") or kind not in ("xlsx", "csv"):
        raise Http404
    content, content_type, name = template_file(language, kind)
    response = HttpResponse(content, content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response
