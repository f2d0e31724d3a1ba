"""Bad input never gives a server error: a NUL byte in any filter of any page, words and
huge numbers where ids belong, lookups the admin does not offer. Each gets a clear message
or is ignored. Run on SQLite and on PostgreSQL (they fail differently)."""

import pytest
from django.test import Client
from django.urls import reverse

from koers.actions.services import action_create
from koers.assessments.services import scan_start
from koers.projects.models import Project, Visibility
from tests.factories import make_project

HUGE = "99999999999999999999999"
NUL = "ab\x00c"


def client_for(user) -> Client:
    client = Client(raise_request_exception=False)
    client.force_login(user)
    return client


@pytest.fixture
def site(world):
    shared = make_project(world.a, world.member, visibility=Visibility.NETWORK, title="Gedeeld")
    scan = scan_start(project=world.project, by=world.member, respondents=[world.member])
    action = action_create(project=world.project, by=world.member, title="Actie")
    slug = world.a.slug
    filters = ["q", "domain", "stage", "theme", "technique", "organisation", "mine", "page"]
    dashboard = ["domain", "theme", "technique", "since", "until", "weeks", "sort"]
    analysis = ["outcome", "scope", "factors", "exclusion", "crossover", "inclusion", "kind"]
    p = world.project.pk
    return {
        "shared": shared,
        "get": [
            (reverse("web:home"), filters),
            (reverse("web:projects"), filters),
            (reverse("web:notices"), ["page"]),
            (reverse("web:project_history", args=[p]), ["page"]),
            (reverse("web:library"), filters),
            (reverse("web:dashboard", args=[slug]), dashboard),
            (reverse("web:analysis", args=[slug]), analysis + ["incl_cut", "n_cut"]),
            (reverse("web:portfolio_report", args=[slug]), dashboard),
            (reverse("web:portfolio_export", args=[slug, "actions", "csv"]), dashboard),
            (reverse("web:portfolio_export", args=[slug, "all", "xlsx"]), dashboard),
            (reverse("web:project", args=[p]), ["q"]),
            (reverse("web:project_report", args=[p]), ["q"]),
            (reverse("web:scan", args=[scan.pk]), ["q"]),
            (reverse("web:shared_project", args=[shared.pk]), ["q"]),
            (reverse("web:project_edit", args=[p]), ["q"]),
            (reverse("web:action_edit", args=[action.pk]), ["q"]),
            (reverse("login"), ["next"]),
            (reverse("two_factor_verify"), ["next"]),
        ],
    }


def test_a_nul_byte_in_any_filter_is_answered_clearly(world, site):
    client = client_for(world.coordinator)
    for url, params in site["get"]:
        for name in params:
            response = client.get(url, {name: NUL})
            assert response.status_code == 400, (url, name, response.status_code)
            assert "NUL" in response.content.decode(), url
        response = client.get(url, {"x\x00": "1"})
        assert response.status_code == 400, url


def test_the_refusal_speaks_dutch_by_default(world, site):
    response = client_for(world.coordinator).get(reverse("web:home"), {"q": NUL})
    assert response.status_code == 400
    assert "niet lezen" in response.content.decode()


@pytest.mark.parametrize("value", [HUGE, "-" + HUGE, "abc", "1.5", ""])
def test_words_and_huge_numbers_in_filters_are_ignored(world, site, value):
    client = client_for(world.coordinator)
    for url, params in site["get"]:
        for name in params:
            response = client.get(url, {name: value})
            assert response.status_code < 500, (url, name, value, response.status_code)


@pytest.mark.parametrize("value", [HUGE, "abc", "-1", "0"])
def test_ids_in_forms_are_checked_not_crashed_on(world, site, value):
    """Every form field that names a record by id: a word, a huge number or an unknown id
    is a message on the form; nothing is saved."""
    client = client_for(world.member)
    p = world.project.pk
    base = {"title": "Nieuw", "problem": "Iets", "domain": "physical", "visibility": "team"}
    before = Project.objects.count()
    posts = [
        (reverse("web:project_create"), {**base, "owner": value}),
        *[
            (reverse("web:project_create"), {**base, "owner": world.a.pk, field: value})
            for field in ("themes", "techniques")
        ],
        (reverse("web:project_edit", args=[p]), {**base, "version": 1, "sponsor": value}),
        (reverse("web:project_team", args=[p]), {"user": value, "team_role": "other"}),
        (reverse("web:scan_start", args=[p]), {"kind": "full", "respondents": [value]}),
        (reverse("web:action_create", args=[p]), {"title": "Actie", "owner": value}),
    ]
    for url, data in posts:
        response = client.post(url, data)
        assert response.status_code == 200, (url, data, response.status_code)
        assert "koers-error" in response.content.decode(), (url, data)
    assert Project.objects.count() == before


@pytest.mark.parametrize("value", [HUGE, "abc", "", "-1"])
def test_adopting_for_a_word_or_a_huge_id_says_choose_an_organisation(world, site, value):
    from koers.library.models import Adoption

    client = client_for(world.b_coordinator)
    url = reverse("web:adopt_shared_project", args=[site["shared"].pk])
    response = client.post(url, {"adopter": value}, follow=True)
    assert response.status_code == 200
    assert "Kies de organisatie" in response.content.decode()
    assert not Adoption.objects.exists()
