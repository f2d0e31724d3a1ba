"""Pages for a project's records (partners, budget lines, mandates): add, change, remove.
One set of thin views, told per kind of record by a table of its form, services and words."""

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_POST

from koers.partners import selectors as partner_selectors
from koers.partners import services as partner_services
from koers.partners.forms import PartnerForm
from koers.projects import room
from koers.projects.access import require_edit
from koers.projects.forms import BudgetLineForm, MandateForm
from koers.projects.selectors import project_get
from koers.projects.services import EditConflict

from .forms_util import add_errors


@dataclass(frozen=True)
class RecordPages:
    kind: str  # the url names: <kind>_add, <kind>_edit, <kind>_remove
    arg: str  # the services' keyword for the record
    form: type
    get: Callable[..., Any]
    add: Callable[..., Any]
    change: Callable[..., Any]
    remove: Callable[..., Any]
    anchor: str  # the project page's section
    add_heading: Any
    edit_heading: Any
    remove_heading: Any
    remove_text: Any
    saved: Any
    removed: Any


PAGES = {
    "partner": RecordPages(
        kind="partner",
        arg="partner",
        form=PartnerForm,
        get=partner_selectors.partner_get,
        add=partner_services.partner_add,
        change=partner_services.partner_change,
        remove=partner_services.partner_remove,
        anchor="partners",
        add_heading=_("Add a partner"),
        edit_heading=_("Change a partner"),
        remove_heading=_("Remove this partner"),
        remove_text=_("A partner recorded by mistake can go; the project's history keeps it."),
        saved=_("Partner saved."),
        removed=_("Partner removed."),
    ),
    "budget": RecordPages(
        kind="budget",
        arg="line",
        form=BudgetLineForm,
        get=room.budget_line_get,
        add=room.budget_line_add,
        change=room.budget_line_change,
        remove=room.budget_line_remove,
        anchor="room",
        add_heading=_("Add a budget line"),
        edit_heading=_("Change a budget line"),
        remove_heading=_("Remove this budget line"),
        remove_text=_("A line recorded by mistake can go; the project's history keeps it."),
        saved=_("Budget line saved."),
        removed=_("Budget line removed."),
    ),
    "mandate": RecordPages(
        kind="mandate",
        arg="mandate",
        form=MandateForm,
        get=room.mandate_get,
        add=room.mandate_add,
        change=room.mandate_change,
        remove=room.mandate_remove,
        anchor="room",
        add_heading=_("Record a mandate"),
        edit_heading=_("Change a mandate"),
        remove_heading=_("Remove this mandate"),
        remove_text=_("A mandate recorded by mistake can go; the project's history keeps it."),
        saved=_("Mandate saved."),
        removed=_("Mandate removed."),
    ),
}


def _back(project: Any, pages: RecordPages) -> HttpResponse:
    return redirect(reverse("web:project", args=[project.pk]) + f"#{pages.anchor}")


def _page(request: HttpRequest, pages: RecordPages, project: Any, form: Any, record: Any = None):
    context = {
        "project": project,
        "form": form,
        "record": record,
        "pages": pages,
        "remove_url": reverse(f"web:{pages.kind}_remove", args=[record.pk]) if record else "",
        "heading": pages.edit_heading if record else pages.add_heading,
        "submit_label": _("Save"),
    }
    return render(request, "web/project_record_form.html", context)


@login_required
def record_add(request: HttpRequest, pk: int, kind: str) -> HttpResponse:
    pages = PAGES[kind]
    project = project_get(user=request.user, pk=pk)
    require_edit(request.user, project)
    form = pages.form(request.POST or None, project=project)
    if request.method == "POST" and form.is_valid():
        try:
            pages.add(project=project, by=request.user, **form.values())
        except ValidationError as exc:
            add_errors(form, exc)
        else:
            messages.success(request, pages.saved)
            return _back(project, pages)
    return _page(request, pages, project, form)


@login_required
def record_edit(request: HttpRequest, pk: int, kind: str) -> HttpResponse:
    pages = PAGES[kind]
    record = pages.get(user=request.user, pk=pk)
    project = record.project
    require_edit(request.user, project)
    form = pages.form(request.POST or None, project=project, record=record)
    if request.method == "POST" and form.is_valid():
        try:
            pages.change(
                **{pages.arg: record},
                by=request.user,
                expected_version=form.cleaned_data["version"] or 0,
                **form.values(),
            )
        except EditConflict as exc:
            form.add_error(None, str(exc))
        except ValidationError as exc:
            add_errors(form, exc)
        else:
            messages.success(request, pages.saved)
            return _back(project, pages)
    return _page(request, pages, project, form, record)


@login_required
@require_POST
def record_remove(request: HttpRequest, pk: int, kind: str) -> HttpResponse:
    pages = PAGES[kind]
    record = pages.get(user=request.user, pk=pk)
    project = record.project
    try:
        version = int(request.POST.get("version", ""))
    except ValueError:
        version = None
    try:
        pages.remove(**{pages.arg: record}, by=request.user, expected_version=version)
    except EditConflict as exc:
        messages.error(request, str(exc))
    else:
        messages.success(request, pages.removed)
    return _back(project, pages)


def urls() -> list[Any]:
    """The pages of every kind: <kind>_add under the project, <kind>_edit and <kind>_remove
    by the record's id."""
    from django.urls import path

    patterns = []
    for kind in PAGES:
        plural = "budget" if kind == "budget" else f"{kind}s"
        patterns += [
            path(f"projects/<int:pk>/{plural}/new/", record_add, {"kind": kind}, f"{kind}_add"),
            path(f"{plural}/<int:pk>/", record_edit, {"kind": kind}, f"{kind}_edit"),
            path(f"{plural}/<int:pk>/remove/", record_remove, {"kind": kind}, f"{kind}_remove"),
        ]
    return patterns
