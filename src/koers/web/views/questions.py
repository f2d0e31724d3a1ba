"""Question pages: ask, follow your own, the organisation's board, and the coordinator's
triage (status, projects that answer it, the same need elsewhere)."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from koers.organisations.models import Organisation, Role
from koers.organisations.selectors import organisation_ids_with_role, organisations_of
from koers.projects.access import create_refusal, visible_projects_q
from koers.projects.forms import ProjectForm
from koers.projects.models import Domain, Project
from koers.projects.services import EditConflict
from koers.questions import access, selectors, services
from koers.questions.forms import FeedbackForm, QuestionForm, TakeUpForm, TriageForm
from koers.questions.models import QuestionStatus
from koers.questions.texts import history_lines

from .forms_util import add_errors

PAGE_SIZE = 50
CANDIDATES = 20


@login_required
def board(request: HttpRequest) -> HttpResponse:
    organisations = list(organisations_of(request.user))
    g = request.GET
    organisation = next((o for o in organisations if o.slug == g.get("org")), None) or (
        organisations[0] if organisations else None
    )
    filters = selectors.BoardFilter(
        q=g.get("q", "").strip()[:100],
        domain=g.get("domain", "") if g.get("domain") in Domain.values else "",
        status=g.get("status", "") if g.get("status") in QuestionStatus.values else "",
        age=g.get("age", "") if g.get("age") in selectors.AGES else "",
    )
    context = {
        "organisations": organisations,
        "organisation": organisation,
        "filters": filters,
        "filtered": any([filters.q, filters.domain, filters.status, filters.age]),
        "domains": list(Domain.choices),
        "statuses": list(QuestionStatus.choices),
        "ages": [
            ("month", _("Asked this month")),
            ("quarter", _("1 to 3 months ago")),
            ("year", _("3 to 12 months ago")),
            ("older", _("More than a year ago")),
        ],
    }
    if organisation is not None:
        questions = selectors.board(user=request.user, organisation=organisation, filters=filters)
        context["page"] = Paginator(questions, PAGE_SIZE).get_page(g.get("page"))
        context["counts"] = selectors.domain_counts(user=request.user, organisation=organisation)
    return render(request, "questions/board.html", context)


@login_required
def mine(request: HttpRequest) -> HttpResponse:
    page = Paginator(selectors.my_questions(user=request.user), PAGE_SIZE).get_page(
        request.GET.get("page")
    )
    return render(request, "questions/mine.html", {"page": page})


@login_required
def create(request: HttpRequest) -> HttpResponse:
    organisations = organisations_of(request.user)
    if not organisations:
        raise PermissionDenied(
            _("You are not yet a member of an organisation. Ask a coordinator to add you.")
        )
    form = QuestionForm(request.POST or None, organisations=organisations)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        data.pop("version", None)
        owner = data.pop("organisation", None) or organisations.first()
        try:
            question = services.question_submit(organisation=owner, by=request.user, **data)
        except ValidationError as exc:
            add_errors(form, exc)
        else:
            messages.success(
                request,
                _("Thank you. Your question is in; you will hear when its status changes."),
            )
            return redirect("web:question", pk=question.pk)
    return render(request, "questions/form.html", {"form": form, "creating": True})


@login_required
def detail(request: HttpRequest, pk: int) -> HttpResponse:
    question = selectors.question_get(user=request.user, pk=pk)
    can_triage = access.can_triage(request.user, question)
    context = {
        "question": question,
        "can_edit": access.can_edit(request.user, question),
        "can_triage": can_triage,
        "same_needs": selectors.same_needs(user=request.user, question=question),
        "history": history_lines(
            selectors.question_history(question=question)[:10], user=request.user
        ),
    }
    if can_triage:
        context["triage_form"] = TriageForm(
            question=question, candidates=selectors.merge_candidates(question=question)
        )
        context["take_up_form"] = TakeUpForm(
            question=question, projects=_projects_for(request.user, question)
        )
    return render(request, "questions/detail.html", context)


def _projects_for(user, question):
    """Projects that may take up the question: the organisation's own, or with it as a
    partner, that the coordinator sees and that are not archived."""
    from django.db.models import Q

    return (
        Project.objects.filter(visible_projects_q(user), archived_at__isnull=True)
        .filter(
            Q(owner_id=question.organisation_id)
            | Q(partners__organisation_id=question.organisation_id)
        )
        .exclude(question_links__question=question)
        .distinct()
        .order_by("title", "id")
    )


@login_required
def edit(request: HttpRequest, pk: int) -> HttpResponse:
    question = selectors.question_get(user=request.user, pk=pk)
    access.require_edit(request.user, question)
    form = QuestionForm(request.POST or None, instance=question)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            services.question_update(
                question=question,
                by=request.user,
                expected_version=data.pop("version") or 0,
                **{k: data[k] for k in services.QUESTION_FIELDS},
            )
        except EditConflict as exc:
            form.add_error(None, str(exc))
        except ValidationError as exc:
            add_errors(form, exc)
        else:
            messages.success(request, _("Changes saved."))
            return redirect("web:question", pk=question.pk)
    return render(request, "questions/form.html", {"form": form, "question": question})


@login_required
def triage(request: HttpRequest, pk: int) -> HttpResponse:
    question = selectors.question_get(user=request.user, pk=pk)
    access.require_triage(request.user, question)
    form = TriageForm(
        request.POST or None,
        question=question,
        candidates=selectors.merge_candidates(question=question),
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            services.question_triage(
                question=question,
                by=request.user,
                expected_version=data["version"],
                to=data["status"],
                reason=data["reason"],
                merged_into=data.get("merged_into"),
            )
        except EditConflict as exc:
            form.add_error(None, str(exc))
        except ValidationError as exc:
            add_errors(form, exc)
        else:
            messages.success(
                request, _("The question is now: %(status)s") % {"status": _status(question)}
            )
            return redirect("web:question", pk=question.pk)
    return render(
        request,
        "questions/step_form.html",
        {
            "question": question,
            "form": form,
            "heading": _("Decide on this question"),
            "submit_label": _("Save decision"),
        },
    )


def _status(question) -> str:
    return str(QuestionStatus(question.status).label)


@login_required
def take_up(request: HttpRequest, pk: int) -> HttpResponse:
    question = selectors.question_get(user=request.user, pk=pk)
    access.require_triage(request.user, question)
    form = TakeUpForm(
        request.POST or None, question=question, projects=_projects_for(request.user, question)
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.question_take_up(
                question=question,
                project=form.cleaned_data["project"],
                by=request.user,
                expected_version=form.cleaned_data["version"],
            )
        except EditConflict as exc:
            form.add_error(None, str(exc))
        except ValidationError as exc:
            add_errors(form, exc)
        else:
            messages.success(request, _("The project now answers this question."))
            return redirect("web:question", pk=question.pk)
    return render(
        request,
        "questions/step_form.html",
        {
            "question": question,
            "form": form,
            "heading": _("Take up by a project"),
            "submit_label": _("Link the project"),
        },
    )


@login_required
@require_POST
def unlink(request: HttpRequest, pk: int) -> HttpResponse:
    link = selectors.link_get(user=request.user, pk=pk)
    services.question_unlink(link=link, by=request.user)
    messages.success(
        request, _("“%(project)s” no longer answers this question.") % {"project": link.project}
    )
    return redirect("web:question", pk=link.question_id)


@login_required
def start_project(request: HttpRequest, pk: int) -> HttpResponse:
    """A new project that answers the question, its problem and domain taken from it."""
    question = selectors.question_get(user=request.user, pk=pk)
    access.require_triage(request.user, question)
    refusal = create_refusal(request.user, question.organisation)
    if refusal:
        raise PermissionDenied(refusal)
    owners = Organisation.objects.filter(
        id__in=organisation_ids_with_role(request.user, Role.MEMBER)
    )
    initial = {
        "owner": question.organisation_id,
        "title": question.title[:200],
        "problem": "\n\n".join(p for p in (question.title, question.description) if p),
        "domain": question.domain,
    }
    form = ProjectForm(request.POST or None, owner_choices=owners, initial=initial)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        data.pop("version", None)
        try:
            project = services.question_start_project(
                question=question, by=request.user, owner=data.pop("owner"), **data
            )
        except ValidationError as exc:
            add_errors(form, exc)
        else:
            messages.success(
                request,
                _("The project is registered and answers the question “%(question)s”.")
                % {"question": question.title},
            )
            return redirect("web:project", pk=project.pk)
    return render(
        request,
        "questions/project_form.html",
        {"form": form, "question": question, "creating": True},
    )


@login_required
def feedback(request: HttpRequest, pk: int) -> HttpResponse:
    link = selectors.link_get(user=request.user, pk=pk)
    from koers.projects.access import require_edit

    require_edit(request.user, link.project)
    initial = {"feedback_on": link.feedback_on, "feedback": link.feedback, "version": link.version}
    form = FeedbackForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            services.question_feedback_record(
                link=link,
                by=request.user,
                expected_version=data["version"],
                on=data["feedback_on"],
                feedback=data["feedback"],
            )
        except EditConflict as exc:
            form.add_error(None, str(exc))
        except ValidationError as exc:
            add_errors(form, exc)
        else:
            messages.success(request, _("The asker's feedback is recorded."))
            return redirect(reverse("web:project", args=[link.project_id]) + "#questions")
    return render(
        request,
        "questions/feedback_form.html",
        {
            "link": link,
            "project": link.project,
            "form": form,
            "heading": _("The asker's feedback"),
            "submit_label": _("Save feedback"),
        },
    )


@login_required
def same_need(request: HttpRequest, pk: int) -> HttpResponse:
    question = selectors.question_get(user=request.user, pk=pk)
    access.require_triage(request.user, question)
    if request.method == "POST":
        other = get_object_or_404(
            selectors.questions_visible_to(request.user), pk=request.POST.get("other")
        )
        try:
            services.question_same_need_link(question=question, other=other, by=request.user)
        except ValidationError as exc:
            messages.error(request, " ".join(exc.messages))
        else:
            messages.success(
                request,
                _("Linked to the same need at %(org)s.") % {"org": other.organisation},
            )
            return redirect("web:question", pk=question.pk)
    q = request.GET.get("q", "").strip()[:100]
    candidates = selectors.same_need_candidates(user=request.user, question=question, q=q)
    return render(
        request,
        "questions/same_need.html",
        {"question": question, "q": q, "candidates": list(candidates[:CANDIDATES])},
    )


@login_required
@require_POST
def same_need_remove(request: HttpRequest, pk: int, other_id: int) -> HttpResponse:
    question = selectors.question_get(user=request.user, pk=pk)
    other = get_object_or_404(selectors.questions_visible_to(request.user), pk=other_id)
    services.question_same_need_remove(question=question, other=other, by=request.user)
    messages.success(request, _("The link is removed."))
    return redirect("web:question", pk=question.pk)
