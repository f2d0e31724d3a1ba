"""Scan pages: start a scan, answer it (draft or submit), read the result."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from koers.actions.selectors import planned_option_ids
from koers.assessments import services
from koers.assessments.forms import AnswerForm, ScanStartForm
from koers.assessments.selectors import response_of, scan_get, scan_result
from koers.projects.access import can_edit, require_edit
from koers.projects.selectors import project_get
from koers.projects.services import EditConflict
from koers.web.charts import radar

from .forms_util import add_errors


@login_required
def scan_start(request: HttpRequest, pk: int) -> HttpResponse:
    project = project_get(user=request.user, pk=pk)
    require_edit(request.user, project)
    form = ScanStartForm(request.POST or None, project=project)
    if request.method == "POST" and form.is_valid():
        try:
            scan = services.scan_start(
                project=project,
                by=request.user,
                kind=form.cleaned_data["kind"],
                respondents=list(form.cleaned_data["respondents"]),
            )
        except ValidationError as exc:
            add_errors(form, exc)
        else:
            messages.success(
                request, _("The scan is open. Every invited team member can now answer it.")
            )
            if response_of(scan=scan, user=request.user):
                return redirect("web:scan_answer", pk=scan.pk)
            return redirect("web:scan", pk=scan.pk)
    return render(
        request,
        "web/scan_start.html",
        {
            "project": project,
            "form": form,
            "heading": _("Start a scan"),
            "submit_label": _("Open the scan"),
        },
    )


@login_required
def scan_detail(request: HttpRequest, pk: int) -> HttpResponse:
    scan = scan_get(user=request.user, pk=pk)
    result = scan_result(scan=scan)
    chart = radar(
        [r.value for r in result.rows],
        [str(r.factor.number) for r in result.rows],
        previous=[r.previous for r in result.rows] if result.previous else None,
    )
    context = {
        "scan": scan,
        "project": scan.project,
        "result": result,
        "chart": chart,
        "responses": scan.responses.select_related("respondent").order_by("respondent__first_name"),
        "my_response": response_of(scan=scan, user=request.user),
        "planned_options": planned_option_ids(project=scan.project),
        "can_edit": can_edit(request.user, scan.project),
    }
    return render(request, "web/scan_detail.html", context)


@login_required
def scan_answer(request: HttpRequest, pk: int) -> HttpResponse:
    scan = scan_get(user=request.user, pk=pk)
    response = response_of(scan=scan, user=request.user)
    if response is None:
        raise Http404(_("You were not invited to answer this scan."))
    indicators = services.scan_indicators(scan)
    form = AnswerForm(
        request.POST or None,
        indicators=indicators,
        initial_answers=dict(response.answers.values_list("indicator_id", "value")),
        initial_notes=dict(response.notes.values_list("factor_id", "text")),
        initial={"version": response.version},
    )
    if request.method == "POST" and form.is_valid():
        submit = "submit" in request.POST
        try:
            services.response_save(
                response=response,
                by=request.user,
                answers=form.answers(),
                notes=form.notes(),
                expected_version=form.cleaned_data["version"],
                submit=submit,
            )
        except EditConflict as exc:
            form.add_error(None, str(exc))
        except (ValidationError, PermissionDenied) as exc:
            add_errors(form, exc if isinstance(exc, ValidationError) else ValidationError(str(exc)))
        else:
            if submit:
                messages.success(request, _("Thank you, your answers count in the scan result."))
                return redirect("web:scan", pk=scan.pk)
            messages.success(request, _("Draft saved. You can come back and finish it later."))
            return redirect("web:scan_answer", pk=scan.pk)
    return render(
        request,
        "web/scan_answer.html",
        {"scan": scan, "project": scan.project, "form": form, "response": response},
    )
