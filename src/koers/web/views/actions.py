"""Action plan pages: add an action (from an option for action or freely) and keep it current."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from koers.actions import services
from koers.actions.evidence_links import evidence_resolve
from koers.actions.forms import ActionForm, OptionPlanForm
from koers.actions.models import ActionStatus
from koers.actions.selectors import action_get
from koers.framework.models import ActionOption, Factor
from koers.projects.access import require_edit
from koers.projects.selectors import project_get
from koers.projects.services import EditConflict

from .forms_util import add_errors


def _factor_names(project) -> dict[int, str]:
    version_id = project.last_scan.framework_version_id if project.last_scan_id else None
    qs = (
        Factor.objects.filter(version_id=version_id)
        if version_id
        else Factor.objects.filter(version__is_active=True)
    )
    return {f.number: str(f.name) for f in qs.order_by("number")}


@login_required
def action_adopt_option(request: HttpRequest, pk: int, option_id: int) -> HttpResponse:
    """An option for action goes into the project's plan once someone owns it by a date."""
    project = project_get(user=request.user, pk=pk)
    require_edit(request.user, project)
    option = get_object_or_404(ActionOption.objects.select_related("factor"), pk=option_id)
    form = OptionPlanForm(request.POST or None, project=project)
    if request.method == "POST" and form.is_valid():
        try:
            services.action_create(
                project=project,
                by=request.user,
                title=option.title,
                description=option.description,
                option=option,
                owner=form.cleaned_data["owner"],
                due_date=form.cleaned_data["due_date"],
            )
        except ValidationError as exc:
            add_errors(form, exc)
        else:
            messages.success(
                request, _("Added to the action plan: %(title)s") % {"title": option.title}
            )
            return redirect(f"{project_url(project)}#actions")
    context = {
        "project": project,
        "option": option,
        "form": form,
        "heading": _("Add to the action plan"),
        "submit_label": _("Add to the action plan"),
    }
    return render(request, "web/action_option_form.html", context)


def project_url(project) -> str:
    from django.urls import reverse

    return reverse("web:project", kwargs={"pk": project.pk})


@login_required
def action_create(request: HttpRequest, pk: int) -> HttpResponse:
    project = project_get(user=request.user, pk=pk)
    require_edit(request.user, project)
    form = ActionForm(request.POST or None, project=project, factor_names=_factor_names(project))
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            services.action_create(
                project=project,
                by=request.user,
                title=data["title"],
                description=data["description"],
                factor_number=data["factor_number"],
                owner=data["owner"],
                due_date=data["due_date"],
                status=data["status"],
            )
        except ValidationError as exc:
            add_errors(form, exc)
        else:
            messages.success(request, _("Action added."))
            return redirect(f"{project_url(project)}#actions")
    return render(
        request,
        "web/action_form.html",
        {
            "project": project,
            "form": form,
            "heading": _("Add an action"),
            "submit_label": _("Save action"),
        },
    )


@login_required
def action_edit(request: HttpRequest, pk: int) -> HttpResponse:
    action = action_get(user=request.user, pk=pk)
    project = action.project
    require_edit(request.user, project)
    form = ActionForm(
        request.POST or None, instance=action, project=project, factor_names=_factor_names(project)
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            shown_by = {}
            if "evidence" in form.fields and data["status"] == ActionStatus.DONE:
                shown_by["evidence"] = evidence_resolve(value=data["evidence"], project=project)
            services.action_update(
                action=action,
                by=request.user,
                expected_version=data["version"] or 0,
                **shown_by,
                **{
                    k: data[k]
                    for k in (
                        "title",
                        "description",
                        "factor_number",
                        "owner",
                        "due_date",
                        "status",
                    )
                },
            )
        except EditConflict as exc:
            form.add_error(None, str(exc))
        except ValidationError as exc:
            add_errors(form, exc)
        else:
            messages.success(request, _("Action saved."))
            return redirect(f"{project_url(project)}#actions")
    return render(
        request,
        "web/action_form.html",
        {
            "project": project,
            "form": form,
            "action": action,
            "heading": _("Edit action"),
            "submit_label": _("Save action"),
        },
    )


@login_required
@require_POST
def action_delete(request: HttpRequest, pk: int) -> HttpResponse:
    action = action_get(user=request.user, pk=pk)
    project = action.project
    services.action_delete(action=action, by=request.user)
    messages.success(request, _("Action deleted: %(title)s") % {"title": action.title})
    return redirect(f"{project_url(project)}#actions")
