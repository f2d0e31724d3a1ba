"""The case library: what appears in it, and adopting a case, with its effect on the original."""

import json

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.test import Client
from django.urls import reverse

from koers.library.models import Adoption, ReferenceCase
from koers.library.selectors import LibraryFilter, shared_projects, study_cases
from koers.library.services import STUDY_CASES_FILE, case_adopt, reference_cases_load
from koers.projects import lifecycle
from koers.projects.models import Project, Visibility
from koers.projects.services import project_move_stage
from tests.factories import make_project

CASES = {
    "source": {"nl": "Bron", "en": "Source"},
    "cases": [
        {
            "key": "slim-vegen",
            "title": {"nl": "Slim vegen", "en": "Smart sweeping"},
            "organisation": "Gemeente Utrecht",
            "domain": "physical",
            "themes": ["public_space"],
            "techniques": ["prediction_model"],
            "summary": {"nl": "Vegen op basis van data.", "en": "Sweeping by data."},
            "stage_reached": "implemented",
            "study_case": True,
        },
        {
            "key": "monitor-sociaal-domein",
            "title": {"nl": "Monitor sociaal domein", "en": "Social monitor"},
            "organisation": None,
            "domain": "social",
            "themes": ["care"],
            "techniques": ["monitor"],
            "summary": {"nl": "Een monitor.", "en": "A monitor."},
            "stage_reached": "scaled_external",
            "study_case": True,
        },
    ],
}


def walk(project, by, *stages):
    for stage in stages:
        project_move_stage(project=project, by=by, to=stage)


@pytest.fixture
def cases(world):
    reference_cases_load(raw=json.dumps(CASES).encode())
    return ReferenceCase.objects.all()


def test_loading_study_cases_is_idempotent(cases):
    reference_cases_load(raw=json.dumps(CASES).encode())
    assert ReferenceCase.objects.count() == 2
    assert ReferenceCase.objects.get(key="slim-vegen").themes.get().key == "public_space"


def test_the_shipped_study_cases_load(world):
    count = reference_cases_load()
    assert count == ReferenceCase.objects.count() >= 10
    assert not ReferenceCase.objects.filter(summary_nl="").exists()
    assert json.loads(STUDY_CASES_FILE.read_text())["cases"][0]["study_case"] is True


@pytest.mark.parametrize(
    ("visibility", "listed"),
    [
        (Visibility.TEAM, False),
        (Visibility.ORGANISATION, False),
        (Visibility.NETWORK, True),
        (Visibility.PUBLIC, True),
    ],
)
def test_only_shared_projects_appear_in_the_library(world, visibility, listed):
    project = make_project(world.a, world.member, visibility=visibility, title="Gedeeld?")
    for viewer in (world.b_member, world.member, world.coordinator):
        assert (
            shared_projects(user=viewer, filters=LibraryFilter()).filter(pk=project.pk).exists()
            is listed
        )


def test_filters(world, cases):
    make_project(world.a, world.member, visibility=Visibility.NETWORK, title="Drukte meten")
    assert [c.key for c in study_cases(filters=LibraryFilter(domain="social"))] == [
        "monitor-sociaal-domein"
    ]
    assert [c.key for c in study_cases(filters=LibraryFilter(technique="prediction_model"))] == [
        "slim-vegen"
    ]
    assert [c.key for c in study_cases(filters=LibraryFilter(organisation="utrecht"))] == [
        "slim-vegen"
    ]
    assert [c.key for c in study_cases(filters=LibraryFilter(q="smart"))] == ["slim-vegen"]
    found = shared_projects(
        user=world.b_member, filters=LibraryFilter(organisation=world.a.slug, q="drukte")
    )
    assert [p.title for p in found] == ["Drukte meten"]


def test_adopting_a_study_case_creates_a_linked_project(world, cases):
    case = cases.get(key="slim-vegen")
    project = case_adopt(by=world.b_coordinator, adopter=world.b, original_case=case)
    assert project.owner == world.b and project.stage == lifecycle.IDEA
    assert list(project.themes.values_list("key", flat=True)) == ["public_space"]
    assert Adoption.objects.get(project=project).original_case == case


def test_adoption_of_a_shared_project_scales_the_original_when_implemented(world):
    original = make_project(world.a, world.member, visibility=Visibility.NETWORK)
    walk(original, world.member, "experiment", "development", "implemented")
    adopted = case_adopt(by=world.b_coordinator, adopter=world.b, original_project=original)
    walk(adopted, world.b_coordinator, "experiment", "development")
    assert Project.objects.get(pk=original.pk).stage == lifecycle.IMPLEMENTED
    walk(adopted, world.b_coordinator, "implemented")
    original.refresh_from_db()
    assert original.stage == lifecycle.SCALED_EXTERNAL
    event = original.stage_events.order_by("id").last()
    assert world.b.name in event.note and event.by is None


def test_an_adopter_implementing_before_the_original_changes_nothing_there(world):
    original = make_project(world.a, world.member, visibility=Visibility.NETWORK)
    adopted = case_adopt(by=world.b_coordinator, adopter=world.b, original_project=original)
    walk(adopted, world.b_coordinator, "development", "implemented")
    assert Project.objects.get(pk=original.pk).stage == lifecycle.IDEA


@pytest.mark.parametrize("who", ["b_member"])
def test_only_coordinators_adopt(world, cases, who):
    with pytest.raises(PermissionDenied):
        case_adopt(by=getattr(world, who), adopter=world.b, original_case=cases.first())
    assert not Adoption.objects.exists()


def test_no_adopting_private_or_own_projects(world):
    private = make_project(world.a, world.member, visibility=Visibility.ORGANISATION)
    with pytest.raises(PermissionDenied):
        case_adopt(by=world.b_coordinator, adopter=world.b, original_project=private)
    shared = make_project(world.a, world.member, visibility=Visibility.NETWORK)
    with pytest.raises(ValidationError):
        case_adopt(by=world.coordinator, adopter=world.a, original_project=shared)
    assert not Adoption.objects.exists()


def test_library_pages_and_adoption_through_the_web(world, cases):
    shared = make_project(
        world.a, world.member, visibility=Visibility.NETWORK, title="Gedeeld project"
    )
    private = make_project(
        world.a, world.member, visibility=Visibility.TEAM, title="Geheim project"
    )
    client = Client()
    client.force_login(world.b_coordinator)
    body = client.get(reverse("web:library")).content.decode()
    assert "Gedeeld project" in body and "Geheim project" not in body and "Slim vegen" in body
    assert client.get(reverse("web:shared_project", args=[private.pk])).status_code == 404
    assert client.get(reverse("web:study_case", args=["slim-vegen"])).status_code == 200
    # Adopting for an organisation where one is not coordinator is refused.
    response = client.post(
        reverse("web:adopt_shared_project", args=[shared.pk]), {"adopter": world.a.pk}
    )
    assert response.status_code == 302 and not Adoption.objects.exists()
    response = client.post(
        reverse("web:adopt_shared_project", args=[shared.pk]), {"adopter": world.b.pk}
    )
    adopted = Adoption.objects.get().project
    assert response.status_code == 302 and response["Location"] == reverse(
        "web:project", args=[adopted.pk]
    )


def test_origin_note_hides_an_original_its_owner_no_longer_shares(world):
    """The adopter's page names the original through the library's visibility rule: once the
    owner makes it team-only (and renames it), neither its title nor its link shows."""
    from koers.library.selectors import origin_of
    from koers.projects.services import project_update

    original = make_project(world.a, world.member, visibility=Visibility.NETWORK)
    adopted = case_adopt(by=world.b_coordinator, adopter=world.b, original_project=original)
    client = Client()
    client.force_login(world.b_member)
    page = reverse("web:project", args=[adopted.pk])
    link = reverse("web:shared_project", args=[original.pk])
    assert link in client.get(page).content.decode()
    assert origin_of(user=world.b_member, project=adopted).project == original

    project_update(
        project=original,
        by=world.member,
        expected_version=original.version,
        title="Geheime opvolger",
        visibility=Visibility.TEAM,
    )
    body = client.get(page).content.decode()
    assert "Geheime opvolger" not in body and link not in body
    assert "Gemeente Aastad" in body  # the adoption itself is still told
    origin = origin_of(user=world.b_member, project=adopted)
    assert origin.project is None and origin.organisation == "Gemeente Aastad"


# Adopting the same case twice: warned, the earlier adoption shown, a second only by choice.


def test_adopting_the_same_case_twice_needs_an_explicit_choice(world, cases):
    from koers.library.services import AlreadyAdopted

    case = cases.first()
    first = case_adopt(by=world.b_coordinator, adopter=world.b, original_case=case)
    with pytest.raises(AlreadyAdopted) as refused:
        case_adopt(by=world.b_coordinator, adopter=world.b, original_case=case)
    assert [a.project for a in refused.value.existing] == [first]
    assert Project.objects.filter(owner=world.b).count() == 1
    second = case_adopt(by=world.b_coordinator, adopter=world.b, original_case=case, again=True)
    assert second != first and Adoption.objects.filter(original_case=case).count() == 2
    # another organisation adopting the same case is no duplicate
    case_adopt(by=world.coordinator, adopter=world.a, original_case=case)


def test_the_second_adoption_through_the_web_shows_the_first(world, cases):
    case = cases.first()
    first = case_adopt(by=world.b_coordinator, adopter=world.b, original_case=case)
    client = Client()
    client.force_login(world.b_coordinator)
    page = client.get(reverse("web:study_case", args=[case.key])).content.decode()
    assert "heeft deze casus overgenomen op" in page
    assert reverse("web:project", args=[first.pk]) in page
    url = reverse("web:adopt_study_case", args=[case.key])
    response = client.post(url, {"adopter": world.b.pk})
    body = response.content.decode()
    assert response.status_code == 200 and "Deze casus nog een keer overnemen?" in body
    assert reverse("web:project", args=[first.pk]) in body and 'name="again" value="1"' in body
    assert Project.objects.filter(owner=world.b).count() == 1
    response = client.post(url, {"adopter": world.b.pk, "again": "1"})
    assert response.status_code == 302
    assert Project.objects.filter(owner=world.b).count() == 2
