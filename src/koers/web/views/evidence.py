"""Evidence pages: record a step, an end-user session or a learning event from the project
page, change or delete it, and search the lessons of every project one may see. The three
kinds share one set of thin views, told apart by a `Kind`."""

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.forms import ModelForm
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import path, reverse
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_POST

from koers.evidence import forms, selectors, services
from koers.organisations.selectors import roles_of
from koers.projects.access import require_edit
from koers.projects.selectors import project_get
from koers.projects.services import EditConflict

from .forms_util import add_errors

LESSONS_PER_PAGE = 25


@dataclass(frozen=True)
class Kind:
    form: type[ModelForm]
    get: Callable[..., Any]
    create: Callable[..., Any]
    update: Callable[..., Any]
    delete: Callable[..., Any]
    arg: str  # the services' keyword for the record
    anchor: str  # the project page's section
    new_heading: Promise
    edit_heading: Promise
    saved: Promise
    deleted: Promise
    delete_heading: Promise
    delete_text: Promise
    delete_url: str


STEP = Kind(
    form=forms.StepForm,
    get=selectors.step_get,
    create=services.step_create,
    update=services.step_update,
    delete=services.step_delete,
    arg="step",
    anchor="steps",
    new_heading=_("Record a step"),
    edit_heading=_("Step"),
    saved=_("Step saved."),
    deleted=_("Step deleted."),
    delete_heading=_("Delete this step"),
    delete_text=_(
        "A step recorded by mistake or twice can go; the project's history keeps what it was. "
        "A step you gave up on is better finished with the result “dropped”."
    ),
    delete_url="web:step_delete",
)
SESSION = Kind(
    form=forms.EndUserSessionForm,
    get=selectors.end_user_session_get,
    create=services.end_user_session_create,
    update=services.end_user_session_update,
    delete=services.end_user_session_delete,
    arg="session",
    anchor="end-users",
    new_heading=_("Record a session with end users"),
    edit_heading=_("Session with end users"),
    saved=_("Session saved."),
    deleted=_("Session deleted."),
    delete_heading=_("Delete this session"),
    delete_text=_(
        "A session recorded by mistake or twice can go; the project's history keeps what it was."
    ),
    delete_url="web:end_user_session_delete",
)
LEARNING = Kind(
    form=forms.LearningEventForm,
    get=selectors.learning_event_get,
    create=services.learning_event_create,
    update=services.learning_event_update,
    delete=services.learning_event_delete,
    arg="event",
    anchor="learning",
    new_heading=_("Record a learning event"),
    edit_heading=_("Learning event"),
    saved=_("Learning event saved."),
    deleted=_("Learning event deleted."),
    delete_heading=_("Delete this learning event"),
    delete_text=_(
        "A learning event recorded by mistake or twice can go; the project's history keeps "
        "what it was."
    ),
    delete_url="web:learning_event_delete",
)


def _back(project: Any, kind: Kind) -> str:
    return reverse("web:project", kwargs={"pk": project.pk}) + f"#{kind.anchor}"


def _values(form: Any) -> dict[str, Any]:
    return {k: v for k, v in form.cleaned_data.items() if k != "version"}


def _page(request: HttpRequest, kind: Kind, project: Any, form: Any, record: Any = None):
    context = {
        "project": project,
        "form": form,
        "record": record,
        "kind": kind,
        "heading": kind.edit_heading if record else kind.new_heading,
        "submit_label": _("Save"),
        "back": _back(project, kind),
    }
    return render(request, "evidence/record_form.html", context)


def _new(request: HttpRequest, pk: int, kind: Kind) -> HttpResponse:
    project = project_get(user=request.user, pk=pk)
    require_edit(request.user, project)
    form = kind.form(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            kind.create(project=project, by=request.user, **_values(form))
        except ValidationError as exc:
            add_errors(form, exc)
        else:
            messages.success(request, kind.saved)
            return redirect(_back(project, kind))
    return _page(request, kind, project, form)


def _edit(request: HttpRequest, pk: int, kind: Kind) -> HttpResponse:
    record = kind.get(user=request.user, pk=pk)
    project = record.project
    require_edit(request.user, project)
    form = kind.form(request.POST or None, instance=record)
    if request.method == "POST" and form.is_valid():
        try:
            kind.update(
                **{kind.arg: record},
                by=request.user,
                expected_version=form.cleaned_data.get("version") or 0,
                **_values(form),
            )
        except EditConflict as exc:
            form.add_error(None, str(exc))
        except ValidationError as exc:
            add_errors(form, exc)
        else:
            messages.success(request, kind.saved)
            return redirect(_back(project, kind))
    return _page(request, kind, project, form, record)


def _delete(request: HttpRequest, pk: int, kind: Kind) -> HttpResponse:
    record = kind.get(user=request.user, pk=pk)
    kind.delete(**{kind.arg: record}, by=request.user)
    messages.success(request, kind.deleted)
    return redirect(_back(record.project, kind))


def _views(kind: Kind) -> tuple[Callable[..., HttpResponse], ...]:
    def new(request: HttpRequest, pk: int) -> HttpResponse:
        return _new(request, pk, kind)

    def edit(request: HttpRequest, pk: int) -> HttpResponse:
        return _edit(request, pk, kind)

    def delete(request: HttpRequest, pk: int) -> HttpResponse:
        return _delete(request, pk, kind)

    return login_required(new), login_required(edit), login_required(require_POST(delete))


step_create, step_edit, step_delete = _views(STEP)
session_create, session_edit, session_delete = _views(SESSION)
learning_create, learning_edit, learning_delete = _views(LEARNING)


@login_required
def lessons(request: HttpRequest) -> HttpResponse:
    """Lessons from the learning events of every project the user may see."""
    form = forms.LessonSearchForm(request.GET or None)
    query, own = "", False
    if form.is_valid():
        query, own = form.cleaned_data["q"], form.cleaned_data["own"]
    found = selectors.lessons_search(
        user=request.user,
        query=query,
        organisation_ids=list(roles_of(request.user)) if own else None,
    )
    page = Paginator(found, LESSONS_PER_PAGE).get_page(request.GET.get("page"))
    return render(
        request,
        "evidence/lessons.html",
        {"form": form, "page": page, "query": query},
    )


urlpatterns = [
    path("projects/<int:pk>/steps/new/", step_create, name="step_create"),
    path("steps/<int:pk>/", step_edit, name="step_edit"),
    path("steps/<int:pk>/delete/", step_delete, name="step_delete"),
    path(
        "projects/<int:pk>/end-user-sessions/new/", session_create, name="end_user_session_create"
    ),
    path("end-user-sessions/<int:pk>/", session_edit, name="end_user_session_edit"),
    path("end-user-sessions/<int:pk>/delete/", session_delete, name="end_user_session_delete"),
    path("projects/<int:pk>/learning/new/", learning_create, name="learning_event_create"),
    path("learning/<int:pk>/", learning_edit, name="learning_event_edit"),
    path("learning/<int:pk>/delete/", learning_delete, name="learning_event_delete"),
    path("lessons/", lessons, name="lessons"),
]
