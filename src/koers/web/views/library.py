"""Case library pages: find cases, read one, adopt it."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from koers.assessments.selectors import scan_result_for
from koers.library.forms import AdoptForm
from koers.library.models import ReferenceCase
from koers.library.selectors import (
    LibraryFilter,
    adoptions_of,
    library_contacts,
    shared_project_get,
    shared_projects,
    study_cases,
)
from koers.library.services import AlreadyAdopted, case_adopt
from koers.organisations.models import Organisation, Role
from koers.organisations.selectors import organisation_ids_with_role
from koers.projects.lifecycle import STAGE_LABELS
from koers.projects.models import Domain, Technique

from .home import filter_choices

PAGE_SIZE = 30


def _adopter_choices(user) -> list[Organisation]:
    return list(
        Organisation.objects.filter(id__in=organisation_ids_with_role(user, Role.COORDINATOR))
    )


@login_required
def library(request: HttpRequest) -> HttpResponse:
    g = request.GET
    filters = LibraryFilter(
        q=g.get("q", "").strip()[:100],
        domain=g.get("domain", "") if g.get("domain") in Domain.values else "",
        theme=g.get("theme", "")[:50],
        technique=g.get("technique", "")[:50],
        stage=g.get("stage", "") if g.get("stage") in STAGE_LABELS else "",
        organisation=g.get("organisation", "")[:80],
    )
    projects = Paginator(shared_projects(user=request.user, filters=filters), PAGE_SIZE)
    context = {
        "filters": filters,
        "cases": study_cases(filters=filters),
        "page": projects.get_page(g.get("page")),
        **filter_choices(),
        "techniques": [(t.key, t.name) for t in Technique.objects.all()],
        "filtered": any(vars(filters).values()),
    }
    return render(request, "web/library/index.html", context)


@login_required
def study_case(request: HttpRequest, key: str) -> HttpResponse:
    case = get_object_or_404(
        ReferenceCase.objects.prefetch_related("themes", "techniques"), key=key
    )
    context = {
        "case": case,
        "adoptions": adoptions_of(case=case),
        "adopters": _adopter_choices(request.user),
    }
    return render(request, "web/library/study_case.html", context)


@login_required
def shared_project(request: HttpRequest, pk: int) -> HttpResponse:
    project = shared_project_get(user=request.user, pk=pk)
    show_scan = project.share_scan and project.last_scan_id
    context = {
        "project": project,
        "events": project.stage_events.order_by("on", "id"),
        "result": scan_result_for(scan=project.last_scan, user=request.user) if show_scan else None,
        "adoptions": adoptions_of(project=project),
        "contacts": library_contacts(project=project),
        "adopters": [o for o in _adopter_choices(request.user) if o.pk != project.owner_id],
    }
    return render(request, "web/library/shared_project.html", context)


def _adopt(request: HttpRequest, back: str, **original) -> HttpResponse:
    adopters = Organisation.objects.filter(
        id__in=organisation_ids_with_role(request.user, Role.COORDINATOR)
    )
    form = AdoptForm(request.POST, adopters=adopters)
    if not form.is_valid():
        messages.error(request, " ".join(form.errors["adopter"]))
        return redirect(back)
    adopter = form.cleaned_data["adopter"]
    try:
        project = case_adopt(
            by=request.user, adopter=adopter, again=request.POST.get("again") == "1", **original
        )
    except AlreadyAdopted as exc:
        # Show the earlier adoption and let the coordinator choose: go there, or a second one.
        context = {
            "existing": exc.existing,
            "adopter": adopter,
            "back": back,
            "action": request.path,
        }
        return render(request, "web/library/adopt_again.html", context)
    except (ValidationError, PermissionDenied) as exc:
        messages.error(request, " ".join(getattr(exc, "messages", [str(exc)])))
        return redirect(back)
    messages.success(
        request, _("Adopted. This is your organisation's new project; adapt it to your situation.")
    )
    return redirect("web:project", pk=project.pk)


@login_required
@require_POST
def adopt_study_case(request: HttpRequest, key: str) -> HttpResponse:
    case = get_object_or_404(ReferenceCase, key=key)
    return _adopt(request, reverse("web:study_case", args=[key]), original_case=case)


@login_required
@require_POST
def adopt_shared_project(request: HttpRequest, pk: int) -> HttpResponse:
    project = shared_project_get(user=request.user, pk=pk)
    return _adopt(request, reverse("web:shared_project", args=[pk]), original_project=project)
