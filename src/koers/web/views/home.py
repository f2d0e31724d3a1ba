"""The projects page: my projects and my organisations' portfolio, with filters and search.
(The signed-in home is My tasks, `tasks.py`.)"""

from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from koers.organisations.selectors import organisations_of
from koers.projects.lifecycle import STAGE_LABELS
from koers.projects.models import Domain, Theme
from koers.projects.selectors import PortfolioFilter, portfolio

PAGE_SIZE = 50


def filter_choices() -> dict[str, list[tuple[str, str]]]:
    """Options for the domain, stage and theme filters, shared by the portfolio and library."""
    return {
        "domains": list(Domain.choices),
        "stages": [(k, str(v)) for k, v in STAGE_LABELS.items()],
        "themes": [(t.key, str(t.name)) for t in Theme.objects.all()],
    }


@login_required
def projects(request: HttpRequest) -> HttpResponse:
    g = request.GET
    filters = PortfolioFilter(
        q=g.get("q", "").strip()[:100],
        domain=g.get("domain", "") if g.get("domain") in Domain.values else "",
        stage=g.get("stage", "") if g.get("stage") in STAGE_LABELS else "",
        theme=g.get("theme", "")[:50],
        mine=g.get("mine") == "1",
        archived=g.get("archived") == "1",
    )
    page = Paginator(portfolio(user=request.user, filters=filters), PAGE_SIZE).get_page(
        g.get("page")
    )
    context = {
        "page": page,
        "filters": filters,
        **filter_choices(),
        "organisations": organisations_of(request.user),
        "filtered": any([filters.q, filters.domain, filters.stage, filters.theme, filters.mine]),
    }
    return render(request, "web/projects.html", context)
