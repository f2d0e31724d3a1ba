"""Scan pages: start a scan, answer it (draft or submit), read the result."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from koers.actions.selectors import planned_option_ids
from koers.assessments import services
from koers.assessments.forms import AnswerForm, ScanStartForm
from koers.assessments.selectors import (
    reads_scans_in_full,
    response_answers,
    response_of,
    result_hidden_for,
    scan_get,
    scan_result_for,
)
from koers.audit.selectors import history_for
from koers.insights.evidence_text import evidence_beside, scan_reference
from koers.projects.access import can_edit, can_lead, require_edit
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
    result = scan_result_for(scan=scan, user=request.user)
    if result is None:
        raise Http404
    full = reads_scans_in_full(user=request.user, project=scan.project)
    chart = radar(
        [r.value for r in result.rows],
        [str(r.factor.number) for r in result.rows],
        previous=[r.previous for r in result.rows] if result.previous else None,
    )
    hidden = result_hidden_for(scan=scan, user=request.user)
    context = {
        "scan": scan,
        "project": scan.project,
        "result": result,
        "evidence": evidence_beside(
            project=scan.project, reference=scan_reference(scan), result=result
        )
        if full and not hidden
        else None,
        "chart": chart,
        "hidden": hidden,
        "full": full,
        "responses": scan.responses.select_related("respondent").order_by("respondent__first_name")
        if full
        else [],
        "my_response": response_of(scan=scan, user=request.user),
        "planned_options": planned_option_ids(project=scan.project),
        "can_edit": can_edit(request.user, scan.project),
        "can_lead": can_lead(request.user, scan.project),
        "events": history_for(obj=scan).filter(action__in=("closed", "reopened")) if full else [],
    }
    return render(request, "web/scan_detail.html", context)


def _change_state(request: HttpRequest, pk: int, change, done: str) -> HttpResponse:
    scan = scan_get(user=request.user, pk=pk)
    try:
        change(scan)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(request, done)
    return redirect("web:scan", pk=scan.pk)


@login_required
@require_POST
def scan_close(request: HttpRequest, pk: int) -> HttpResponse:
    return _change_state(
        request,
        pk,
        lambda scan: services.scan_close(scan=scan, by=request.user),
        _("The scan is closed. Its result is final."),
    )


@login_required
@require_POST
def scan_reopen(request: HttpRequest, pk: int) -> HttpResponse:
    reason = request.POST.get("reason", "")
    return _change_state(
        request,
        pk,
        lambda scan: services.scan_reopen(scan=scan, by=request.user, reason=reason),
        _("The scan is open again. Invited team members can answer."),
    )


@login_required
def scan_answer(request: HttpRequest, pk: int) -> HttpResponse:
    scan = scan_get(user=request.user, pk=pk)
    response = response_of(scan=scan, user=request.user)
    if response is None:
        raise Http404(_("You were not invited to answer this scan."))
    if scan.closed_at is not None:
        messages.info(request, _("This scan is closed: its answers are frozen."))
        return redirect("web:scan", pk=scan.pk)
    indicators = services.scan_indicators(scan)
    form_kwargs = {
        "indicators": indicators,
        "initial_answers": response_answers(response=response),
        "initial_notes": dict(response.notes.values_list("factor_id", "text")),
        "initial": {"version": response.version},
    }
    form = AnswerForm(request.POST or None, **form_kwargs)
    missing = []
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
        except services.SubmissionIncomplete as exc:
            missing = exc.missing
            form = _keep_draft(request, response, form, form_kwargs, refusal=exc)
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
    answered, total = form.progress()
    return render(
        request,
        "web/scan_answer.html",
        {
            "scan": scan,
            "project": scan.project,
            "form": form,
            "response": response,
            "answered": answered,
            "total": total,
            "missing": missing,
        },
    )


def _keep_draft(
    request: HttpRequest, response, form: AnswerForm, form_kwargs, *, refusal: ValidationError
) -> AnswerForm:
    """A refused first submission is kept as a draft; the page shows what was posted, with the
    draft's new version so the next save goes through. An answer already submitted stays as
    it was: a save below the minimum would lower what counts."""
    if response.submitted_at is not None:
        form.add_error(None, refusal)
        return form
    try:
        services.response_save(
            response=response,
            by=request.user,
            answers=form.answers(),
            notes=form.notes(),
            expected_version=form.cleaned_data["version"],
            submit=False,
        )
    except EditConflict as exc:
        form.add_error(None, refusal)
        form.add_error(None, str(exc))
        return form
    data = request.POST.copy()
    data["version"] = str(response.version)
    kept = AnswerForm(data, **form_kwargs)
    kept.is_valid()
    kept.add_error(None, refusal)
    kept.add_error(None, _("Your answers so far are saved as a draft."))
    return kept
