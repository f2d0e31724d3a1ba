"""Controls that must work: the heatmap's sort links and aria-sort, pagination links, and form
fields that show no error before anyone typed."""

import re
from html.parser import HTMLParser

import pytest
from django.test import Client
from django.urls import reverse

from koers.projects.models import Visibility
from tests.factories import make_project
from tests.insights.test_dashboard import scored


def client_for(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


class HeaderCells(HTMLParser):
    """The heatmap's column headers: their aria-sort and link, in order."""

    def __init__(self) -> None:
        super().__init__()
        self.in_heatmap = self.in_head = False
        self.cells: list[dict[str, str | None]] = []

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "table" and "koers-heatmap" in (a.get("class") or ""):
            self.in_heatmap = not self.cells  # the first heatmap: projects by factor
        elif self.in_heatmap and tag == "thead":
            self.in_head = True
        elif self.in_head and tag == "th":
            self.cells.append({"aria-sort": a.get("aria-sort"), "href": None})
        elif self.in_head and tag == "a":
            self.cells[-1]["href"] = a.get("href")

    def handle_endtag(self, tag):
        if tag == "thead":
            self.in_head = self.in_heatmap = False


def heatmap_headers(html: str) -> list[dict[str, str | None]]:
    parser = HeaderCells()
    parser.feed(html)
    return parser.cells


@pytest.fixture
def dashboard(world):
    scored(world.project, world.member, lambda n: 1 + n % 5)
    return reverse("web:dashboard", args=[world.a.slug])


# (query, index of the one sorted column: 0 is the project title, n is factor n)
SORTS = [
    ("", 0),  # by title, the default
    ("?sort=f3", 3),
    ("?sort=f9&domain=social", 9),  # other parameters stay
    ("?sort=f99", 0),  # no such factor: by title
]


@pytest.mark.parametrize(("query", "sorted_column"), SORTS)
def test_the_heatmap_says_which_column_is_sorted_and_links_work(
    world, dashboard, query, sorted_column
):
    html = client_for(world.coordinator).get(dashboard + query).content.decode()
    cells = heatmap_headers(html)
    assert len(cells) == 10
    assert [c["aria-sort"] for c in cells] == [
        "ascending" if i == sorted_column else None for i in range(10)
    ]
    for i, cell in enumerate(cells):
        href = cell["href"].replace("&amp;", "&")
        assert not href.startswith("??"), href  # "" is this page without a query
        if i:
            assert f"sort=f{i}" in href
        else:
            assert "sort=" not in href
        if "domain=social" in query:
            assert "domain=social" in href


def test_a_sort_link_sorts(world, dashboard):
    weak = make_project(world.a, world.member, title="Zwak op drie")
    scored(weak, world.member, lambda n: 1 if n == 3 else 5)
    client = client_for(world.coordinator)
    by_title = client.get(dashboard).content.decode()
    assert by_title.index("Zwak op drie") > by_title.index(world.project.title)
    link = heatmap_headers(by_title)[3]["href"]
    by_factor_3 = client.get(dashboard + link).content.decode()
    assert by_factor_3.index("Zwak op drie") < by_factor_3.index(world.project.title)


def test_pagination_links_keep_the_filters(world):
    for n in range(51):  # one more than a page of the portfolio
        make_project(world.a, world.member, title=f"Project {n:02}", visibility=Visibility.NETWORK)
    html = (
        client_for(world.member).get(reverse("web:projects") + "?domain=physical").content.decode()
    )
    links = re.findall(r'<nav class="koers-pagination".*?</nav>', html, re.S)[0]
    href = re.search(r'href="([^"]+)"', links)[1].replace("&amp;", "&")
    assert href.startswith("?") and not href.startswith("??")
    assert "page=2" in href and "domain=physical" in href
    second = client_for(world.member).get(reverse("web:projects") + href).content.decode()
    assert "Pagina 2 van 2" in second


FORM_PAGES = [
    ("web:project_create", lambda w: []),
    ("web:project_edit", lambda w: [w.project.pk]),
    ("web:project_stage", lambda w: [w.project.pk]),
    ("web:project_team", lambda w: [w.project.pk]),
    ("web:scan_start", lambda w: [w.project.pk]),
    ("web:action_create", lambda w: [w.project.pk]),
]


@pytest.mark.parametrize(("name", "args"), FORM_PAGES)
def test_an_untouched_form_shows_no_error_style(world, name, args):
    """The browser styles a `required` field as :invalid while it is empty; the server
    validates instead, so fields carry aria-required and no error until a submission."""
    html = client_for(world.member).get(reverse(name, args=args(world))).content.decode()
    form = html[html.index('<form method="post"') :]
    assert not re.search(r"<(input|textarea|select)\b[^>]*\srequired[\s>=]", form), name
    assert 'aria-invalid="true"' not in form and "koers-field--invalid" not in form


def test_the_login_form_shows_no_error_style_either():
    html = Client().get(reverse("login")).content.decode()
    assert not re.search(r"<input\b[^>]*\srequired[\s>=]", html)
    assert html.count('aria-required="true"') == 2


def test_the_required_fields_still_answer_on_submission(world):
    response = client_for(world.member).post(reverse("web:project_create"), {"title": ""})
    html = response.content.decode()
    assert '<textarea name="problem" cols="40" rows="4" class="utrecht-textarea' in html
    assert 'aria-required="true"' in html
    assert 'id="id_problem_error"' in html and 'aria-invalid="true"' in html
