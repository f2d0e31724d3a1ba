"""Pages for the records that tell a project's story: partners, budget lines and mandates
(its room), and its evidence (steps, end-user sessions, learning events). Each kind is added
from the project page, changed from its own page and removed from there; one set of thin
views serves every kind, told per kind by a row of `KINDS`: its form, services and words."""

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import URLPattern, path, reverse
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_POST

from koers.evidence import forms as evidence_forms
from koers.evidence import selectors as evidence_selectors
from koers.evidence import services as evidence_services
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
class RecordKind:
    """One kind of record. Its forms take `project=` and `record=` and hand the services
    their input by `values()`; its services take the record by the keyword `arg`."""

    names: tuple[str, str, str]  # the url names of its add, edit and remove pages
    paths: tuple[str, str]  # the url's word for the kind, and for removing it
    form: type
    get: Callable[..., Any]
    add: Callable[..., Any]
    change: Callable[..., Any]
    remove: Callable[..., Any]
    arg: str
    anchor: str  # the project page's section
    add_heading: Promise
    edit_heading: Promise
    remove_heading: Promise
    remove_text: Promise
    saved: Promise
    removed: Promise
    back_link: bool = False  # a link back to the project below the form


KINDS = {
    "partner": RecordKind(
        names=("partner_add", "partner_edit", "partner_remove"),
        paths=("partners", "remove"),
        form=PartnerForm,
        get=partner_selectors.partner_get,
        add=partner_services.partner_add,
        change=partner_services.partner_change,
        remove=partner_services.partner_remove,
        arg="partner",
        anchor="partners",
        add_heading=_("Add a partner"),
        edit_heading=_("Change a partner"),
        remove_heading=_("Remove this partner"),
        remove_text=_("A partner recorded by mistake can go; the project's history keeps it."),
        saved=_("Partner saved."),
        removed=_("Partner removed."),
    ),
    "budget": RecordKind(
        names=("budget_add", "budget_edit", "budget_remove"),
        paths=("budget", "remove"),
        form=BudgetLineForm,
        get=room.budget_line_get,
        add=room.budget_line_add,
        change=room.budget_line_change,
        remove=room.budget_line_remove,
        arg="line",
        anchor="room",
        add_heading=_("Add a budget line"),
        edit_heading=_("Change a budget line"),
        remove_heading=_("Remove this budget line"),
        remove_text=_("A line recorded by mistake can go; the project's history keeps it."),
        saved=_("Budget line saved."),
        removed=_("Budget line removed."),
    ),
    "mandate": RecordKind(
        names=("mandate_add", "mandate_edit", "mandate_remove"),
        paths=("mandates", "remove"),
        form=MandateForm,
        get=room.mandate_get,
        add=room.mandate_add,
        change=room.mandate_change,
        remove=room.mandate_remove,
        arg="mandate",
        anchor="room",
        add_heading=_("Record a mandate"),
        edit_heading=_("Change a mandate"),
        remove_heading=_("Remove this mandate"),
        remove_text=_("A mandate recorded by mistake can go; the project's history keeps it."),
        saved=_("Mandate saved."),
        removed=_("Mandate removed."),
    ),
    "step": RecordKind(
        names=("step_create", "step_edit", "step_delete"),
        paths=("steps", "delete"),
        form=evidence_forms.StepForm,
        get=evidence_selectors.step_get,
        add=evidence_services.step_create,
        change=evidence_services.step_update,
        remove=evidence_services.step_delete,
        arg="step",
        anchor="steps",
        add_heading=_("Record a step"),
        edit_heading=_("Step"),
        remove_heading=_("Delete this step"),
        remove_text=_(
            "A step recorded by mistake or twice can go; the project's history keeps what it "
            "was. A step you gave up on is better finished with the result “dropped”."
        ),
        saved=_("Step saved."),
        removed=_("Step deleted."),
        back_link=True,
    ),
    "session": RecordKind(
        names=("end_user_session_create", "end_user_session_edit", "end_user_session_delete"),
        paths=("end-user-sessions", "delete"),
        form=evidence_forms.EndUserSessionForm,
        get=evidence_selectors.end_user_session_get,
        add=evidence_services.end_user_session_create,
        change=evidence_services.end_user_session_update,
        remove=evidence_services.end_user_session_delete,
        arg="session",
        anchor="end-users",
        add_heading=_("Record a session with end users"),
        edit_heading=_("Session with end users"),
        remove_heading=_("Delete this session"),
        remove_text=_(
            "A session recorded by mistake or twice can go; the project's history keeps what it "
            "was."
        ),
        saved=_("Session saved."),
        removed=_("Session deleted."),
        back_link=True,
    ),
    "learning": RecordKind(
        names=("learning_event_create", "learning_event_edit", "learning_event_delete"),
        paths=("learning", "delete"),
        form=evidence_forms.LearningEventForm,
        get=evidence_selectors.learning_event_get,
        add=evidence_services.learning_event_create,
        change=evidence_services.learning_event_update,
        remove=evidence_services.learning_event_delete,
        arg="event",
        anchor="learning",
        add_heading=_("Record a learning event"),
        edit_heading=_("Learning event"),
        remove_heading=_("Delete this learning event"),
        remove_text=_(
            "A learning event recorded by mistake or twice can go; the project's history keeps "
            "what it was."
        ),
        saved=_("Learning event saved."),
        removed=_("Learning event deleted."),
        back_link=True,
    ),
}


def _back(project: Any, kind: RecordKind) -> str:
    return reverse("web:project", args=[project.pk]) + f"#{kind.anchor}"


def _page(request: HttpRequest, kind: RecordKind, project: Any, form: Any, record: Any = None):
    context = {
        "project": project,
        "form": form,
        "record": record,
        "kind": kind,
        "remove_url": reverse(f"web:{kind.names[2]}", args=[record.pk]) if record else "",
        "heading": kind.edit_heading if record else kind.add_heading,
        "submit_label": _("Save"),
        "back": _back(project, kind),
    }
    return render(request, "web/project_record_form.html", context)


@login_required
def record_add(request: HttpRequest, pk: int, kind: str) -> HttpResponse:
    pages = KINDS[kind]
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
            return redirect(_back(project, pages))
    return _page(request, pages, project, form)


@login_required
def record_edit(request: HttpRequest, pk: int, kind: str) -> HttpResponse:
    pages = KINDS[kind]
    record = pages.get(user=request.user, pk=pk)
    project = record.project
    require_edit(request.user, project)
    form = pages.form(request.POST or None, project=project, record=record)
    if request.method == "POST" and form.is_valid():
        try:
            pages.change(
                **{pages.arg: record},
                by=request.user,
                expected_version=form.cleaned_data.get("version") or 0,
                **form.values(),
            )
        except EditConflict as exc:
            form.add_error(None, str(exc))
        except ValidationError as exc:
            add_errors(form, exc)
        else:
            messages.success(request, pages.saved)
            return redirect(_back(project, pages))
    return _page(request, pages, project, form, record)


@login_required
@require_POST
def record_remove(request: HttpRequest, pk: int, kind: str) -> HttpResponse:
    pages = KINDS[kind]
    record = pages.get(user=request.user, pk=pk)
    project = record.project
    try:
        version = int(request.POST.get("version", ""))
    except ValueError:
        version = None  # no version given: remove whatever it is now
    try:
        pages.remove(**{pages.arg: record}, by=request.user, expected_version=version)
    except EditConflict as exc:
        messages.error(request, str(exc))
    else:
        messages.success(request, pages.removed)
    return redirect(_back(project, pages))


def urls() -> list[URLPattern]:
    """The pages of every kind: adding under the project, changing and removing by the
    record's id."""
    patterns = []
    for key, kind in KINDS.items():
        (add, edit, remove), (word, removing) = kind.names, kind.paths
        extra = {"kind": key}
        patterns += [
            path(f"projects/<int:pk>/{word}/new/", record_add, extra, add),
            path(f"{word}/<int:pk>/", record_edit, extra, edit),
            path(f"{word}/<int:pk>/{removing}/", record_remove, extra, remove),
        ]
    return patterns
