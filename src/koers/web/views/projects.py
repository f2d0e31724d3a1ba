"""Project pages: register, view, edit, move through the stages, keep the team."""

from django.contrib import messages
from django.contrib.auth import get_user_model
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from koers.actions.selectors import actions_of
from koers.assessments.selectors import (
    reads_scans_in_full,
    result_hidden_for,
    scan_result_for,
    scans_of,
)
from koers.insights.evidence_text import evidence_beside, scan_reference
from koers.insights.kept import COMPUTING, project_path_get
from koers.insights.qca_reading import project_path_text
from koers.library.selectors import adoptions_of, origin_of
from koers.organisations.models import Organisation, Role
from koers.organisations.selectors import has_role, organisation_ids_with_role
from koers.projects import services
from koers.projects.access import can_edit, can_lead, create_refusal, require_edit
from koers.projects.forms import ProjectForm, StageMoveForm, TeamMemberForm
from koers.projects.history import history_lines, project_history
from koers.projects.lifecycle import StageMoveRefused
from koers.projects.selectors import project_get

from .forms_util import add_errors


@login_required
def project_create(request: HttpRequest) -> HttpResponse:
    refusal = create_refusal(request.user)
    if refusal:
        raise PermissionDenied(refusal)
    owners = Organisation.objects.filter(
        id__in=organisation_ids_with_role(request.user, Role.MEMBER)
    )
    form = ProjectForm(request.POST or None, owner_choices=owners)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            data.pop("version", None)
            project = services.project_create(owner=data.pop("owner"), by=request.user, **data)
        except ValidationError as exc:
            add_errors(form, exc)
        else:
            messages.success(
                request, _("The project is registered. Next step: invite the team to a scan.")
            )
            return redirect("web:project", pk=project.pk)
    return render(request, "web/project_form.html", {"form": form, "creating": True})


@login_required
def project_detail(request: HttpRequest, pk: int) -> HttpResponse:
    project = project_get(user=request.user, pk=pk)
    latest = project.last_scan
    if latest is not None:
        latest.project = project  # the same row: not read again
    hidden = latest is not None and result_hidden_for(scan=latest, user=request.user)
    result = scan_result_for(scan=latest, user=request.user) if latest and not hidden else None
    editing = can_edit(request.user, project)
    actions = list(actions_of(project=project))
    context = {
        "project": project,
        "can_edit": editing,
        "result": result,
        "result_hidden": hidden,
        "scans": scans_of(project=project, user=request.user),
        "actions": actions,
        # Built only for those who are offered it.
        "stage_form": StageMoveForm(
            project=project, targets=services.stage_targets(project=project)
        )
        if editing
        else None,
        "history": history_lines(project_history(project=project).select_related("actor")[:10]),
        # Options already in the plan (not dropped), from the plan the page shows anyway.
        "planned_options": {
            a.option_id for a in actions if a.option_id is not None and a.status != "dropped"
        },
        "origin": origin_of(user=request.user, project=project),
        "adoptions": adoptions_of(project=project),
        "path": _path_text(request.user, project) if result else "",
        "can_analyse": has_role(request.user, project.owner_id, Role.COORDINATOR),
        "can_lead": can_lead(request.user, project),
        "evidence": _evidence(request.user, project, result),
    }
    return render(request, "web/project_detail.html", context)


def _evidence(user, project, result):
    """Evidence beside the latest scan's scores, for those who read the project's scans in
    full; without scores while the result is kept from the reader."""
    if not reads_scans_in_full(user=user, project=project):
        return None
    scored = result if result is not None and result.has_scores else None
    return evidence_beside(project=project, reference=scan_reference(None), result=scored)


def _path_text(user, project) -> str:
    """The sentence about the project's path; COMPUTING while the worker computes it."""
    reading = project_path_get(user=user, project=project)
    if reading is COMPUTING:
        return reading
    return project_path_text(reading) if reading else ""


@login_required
def project_edit(request: HttpRequest, pk: int) -> HttpResponse:
    project = project_get(user=request.user, pk=pk)
    require_edit(request.user, project)
    form = ProjectForm(
        request.POST or None, instance=project, owner_choices=Organisation.objects.none()
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            services.project_update(
                project=project,
                by=request.user,
                expected_version=data["version"] or 0,
                **{k: data[k] for k in (*services.PROJECT_FIELDS, *services.PROJECT_RELATIONS)},
            )
        except services.EditConflict as exc:
            form.add_error(None, str(exc))
        except ValidationError as exc:
            add_errors(form, exc)
        else:
            messages.success(request, _("Changes saved."))
            return redirect("web:project", pk=project.pk)
    return render(request, "web/project_form.html", {"form": form, "project": project})


@login_required
def project_stage(request: HttpRequest, pk: int) -> HttpResponse:
    project = project_get(user=request.user, pk=pk)
    require_edit(request.user, project)
    form = StageMoveForm(
        request.POST or None, project=project, targets=services.stage_targets(project=project)
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            services.project_move_stage(
                project=project,
                by=request.user,
                to=data["to"],
                note=data["note"],
                on=data["on"],
                expected_version=data["version"] or 0,
            )
        except services.EditConflict as exc:
            form.add_error(None, str(exc))
        except StageMoveRefused as exc:
            form.add_error("to", str(exc))
        except ValidationError as exc:
            add_errors(form, exc)
        else:
            messages.success(
                request, _("Stage changed to %(stage)s.") % {"stage": project.stage_label}
            )
            return redirect("web:project", pk=project.pk)
    return render(
        request,
        "web/project_stage.html",
        {
            "project": project,
            "form": form,
            "heading": _("Move to another stage"),
            "submit_label": _("Save stage"),
        },
    )


@login_required
def project_team(request: HttpRequest, pk: int) -> HttpResponse:
    project = project_get(user=request.user, pk=pk)
    require_edit(request.user, project)
    form = TeamMemberForm(request.POST or None, project=project)
    if request.method == "POST" and form.is_valid():
        try:
            services.team_member_set(
                project=project,
                by=request.user,
                user=form.cleaned_data["user"],
                team_role=form.cleaned_data["team_role"],
            )
        except ValidationError as exc:
            add_errors(form, exc)
        else:
            messages.success(request, _("Team updated."))
            return redirect("web:project", pk=project.pk)
    return render(
        request,
        "web/project_team.html",
        {
            "project": project,
            "form": form,
            "heading": _("Add someone to the team"),
            "submit_label": _("Add to the team"),
        },
    )


@login_required
@require_POST
def project_team_remove(request: HttpRequest, pk: int, user_id: int) -> HttpResponse:
    project = project_get(user=request.user, pk=pk)
    user = get_object_or_404(get_user_model(), pk=user_id, project_roles__project=project)
    try:
        services.team_member_remove(project=project, by=request.user, user=user)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(request, _("Team updated."))
    return redirect("web:project", pk=project.pk)


HISTORY_PAGE_SIZE = 50


@login_required
def project_history_page(request: HttpRequest, pk: int) -> HttpResponse:
    project = project_get(user=request.user, pk=pk)
    page = Paginator(
        project_history(project=project).select_related("actor"), HISTORY_PAGE_SIZE
    ).get_page(request.GET.get("page"))
    context = {"project": project, "page": page, "history": history_lines(page.object_list)}
    return render(request, "web/project_history.html", context)


@login_required
@require_POST
def project_archive(request: HttpRequest, pk: int) -> HttpResponse:
    project = project_get(user=request.user, pk=pk)
    restore = request.POST.get("restore") == "1"
    try:
        if restore:
            services.project_restore(project=project, by=request.user)
        else:
            services.project_archive(project=project, by=request.user)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        done = (
            _("The project is back in the portfolio, the figures and the analysis.")
            if restore
            else _("The project is archived. You can restore it from this page.")
        )
        messages.success(request, done)
    return redirect("web:project", pk=project.pk)
