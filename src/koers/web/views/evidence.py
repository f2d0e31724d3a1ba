"""The lessons page: the learning events of every project one may see, searched. Steps,
end-user sessions and learning events are recorded through the project's record pages
(`records.py`)."""

from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import path

from koers.evidence import forms, selectors
from koers.organisations.selectors import roles_of

LESSONS_PER_PAGE = 25


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


urlpatterns = [path("lessons/", lessons, name="lessons")]
