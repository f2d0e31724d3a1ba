"""Portfolio figures and register records: for those who may see the dashboard and the
register page (the organisation's coordinators), 404 for everyone else."""

import json
from io import StringIO

import pytest
from django.core.management import call_command
from django.test import Client

from koers.projects.models import Project
from koers.questions.services import question_submit, question_take_up
from koers.register.export import schema_errors
from koers.register.services import algorithm_record_create
from tests.factories import make_project, submitted_scan
from tests.register.helpers import complete_record

from .conftest import token_client
from .flat import queries_of


def project(world, **values):
    """A project of A, moved to a stage or domain directly (the figures only count)."""
    made = make_project(world.a, world.member)
    Project.objects.filter(pk=made.pk).update(**values)
    return made


FIGURES = "/api/v1/organisations/{}/portfolio-figures"
RECORDS = "/api/v1/organisations/{}/register-records"


def test_figures_are_the_dashboards(world):
    project(world, stage="experiment", domain="social")
    submitted_scan(world.project, world.member)
    question = question_submit(
        organisation=world.a, by=world.member, title="Vraag", domain="social", frequency="weekly"
    )
    question_take_up(question=question, project=world.project, by=world.coordinator)
    api = token_client(world.a, "read", user=world.coordinator)
    figures = api.get(FIGURES.format(world.a.slug)).json()

    page = Client()
    page.force_login(world.coordinator)
    dashboard = page.get(f"/dashboard/{world.a.slug}/").context["d"]
    assert figures["projects"] == dashboard.total == 2
    assert [(s["stage"], s["projects"]) for s in figures["stages"]] == [
        (stage, n) for stage, _label, n in dashboard.stage_counts
    ]
    assert figures["scans"] == {"projects": 2, "withScan": 1}
    assert len(figures["evidenceCoverage"]["rows"]) == 8
    assert figures["evidenceCoverage"]["running"] >= 1
    social = next(d for d in figures["questionToPractice"] if d["domain"] == "social")
    assert (social["questions"], social["takenUp"], social["projects"]) == (1, 1, 1)
    assert {f["factor"] for f in figures["weakest"]} <= set(range(1, 10))


def test_filters_and_invalid_values(world):
    project(world, stage="experiment", domain="safety")
    api = token_client(world.a, "read", user=world.coordinator)
    url = FIGURES.format(world.a.slug)
    assert api.get(f"{url}?domain=safety").json()["projects"] == 1
    assert api.get(f"{url}?startedFrom=2999-01-01").json()["projects"] == 0
    assert api.get(f"{url}?stalledWeeks=3").json()["stalled"]["weeks"] == 3
    for query in ("domain=moon", "stalledWeeks=0", "startedFrom=gisteren", "sort=f3"):
        response = api.get(f"{url}?{query}")
        assert response.status_code == 400, query
        assert response["Content-Type"] == "application/problem+json"


@pytest.mark.parametrize("url", [FIGURES, RECORDS])
def test_organisation_tokens(world, url):
    """A write token acts as a coordinator, a read token as a viewer."""
    assert token_client(world.a, "write").get(url.format(world.a.slug)).status_code == 200
    assert token_client(world.a, "read").get(url.format(world.a.slug)).status_code == 404
    assert token_client(world.a, "write").get(url.format("nergens")).status_code == 404


def test_figures_queries_do_not_grow(world, django_assert_max_num_queries):
    api = token_client(world.a, "read", user=world.coordinator)
    url = FIGURES.format(world.a.slug)
    few = queries_of(api, url)
    for n in range(8):
        submitted_scan(project(world, stage="experiment"), world.member)
        question_submit(
            organisation=world.a, by=world.member, title=f"V{n}", domain="other", frequency="daily"
        )
    with django_assert_max_num_queries(few):
        assert api.get(url).json()["projects"] == 9


def test_register_records_as_the_export_makes_them(world, tmp_path):
    complete_record(world.project, world.member)
    draft = make_project(world.a, world.member, title="Bijstand voorspellen")
    algorithm_record_create(project=draft, by=world.member)
    api = token_client(world.a, "read", user=world.coordinator)
    body = api.get(RECORDS.format(world.a.slug)).json()
    assert body["count"] == 2
    by_project = {r["project"]: r for r in body["results"]}
    done, left = by_project[world.project.pk], by_project[draft.pk]
    assert done["publishable"] and done["reasons"] == []
    assert done["filledFields"] == done["requiredFields"]
    assert schema_errors(done["document"]) == []
    assert not left["publishable"] and left["document"] is None
    assert left["reasons"][0].startswith("ontbreekt:")  # Dutch unless asked otherwise

    target = tmp_path / "register.json"
    call_command(
        "algoritmeregister",
        "export",
        "--organisation",
        world.a.slug,
        "--output",
        str(target),
        stdout=StringIO(),
        stderr=StringIO(),
    )
    assert json.loads(target.read_text(encoding="utf-8")) == [done["document"]]


def test_register_reasons_in_english_on_request(world):
    draft = make_project(world.a, world.member, title="Bijstand voorspellen")
    algorithm_record_create(project=draft, by=world.member)
    api = token_client(world.a, "read", user=world.coordinator)
    body = api.get(RECORDS.format(world.a.slug), HTTP_ACCEPT_LANGUAGE="en").json()
    assert body["results"][0]["reasons"][0].startswith("missing:")


def test_register_queries_do_not_grow(world, django_assert_max_num_queries):
    api = token_client(world.a, "read", user=world.coordinator)
    url = RECORDS.format(world.a.slug)
    complete_record(world.project, world.member)
    few = queries_of(api, url)
    for n in range(6):
        complete_record(make_project(world.a, world.member), world.member, name=f"Algoritme {n}")
    with django_assert_max_num_queries(few):
        assert api.get(url).json()["count"] == 7
