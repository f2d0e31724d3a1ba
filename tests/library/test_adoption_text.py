"""An adopted project: where it came from is said once, and its problem is a problem (a
study case says what was built, so the team writes its own). A shared project shows a
contact only with the team's consent; otherwise it says whom to ask."""

from django.test import Client
from django.urls import reverse

from koers.library.models import ReferenceCase
from koers.library.services import case_adopt, reference_cases_load
from koers.projects.models import Visibility
from tests.factories import make_project


def _client(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def test_a_study_case_adoption_says_its_origin_once_and_asks_for_the_problem(world):
    reference_cases_load()
    case = ReferenceCase.objects.get(key="slim-vegen")
    project = case_adopt(by=world.b_coordinator, adopter=world.b, original_case=case)
    assert project.problem == ""
    body = _client(world.b_coordinator).get(reverse("web:project", args=[project.pk])).content
    body = body.decode()
    assert body.count("Overgenomen van") + body.count("Overgenomen uit") == 1, body
    assert case.summary_nl not in body
    assert "Nog niet beschreven: welk probleem lost dit project op in je organisatie?" in body
    # The edit form asks for the problem before anything is saved.
    response = _client(world.b_coordinator).post(
        reverse("web:project_edit", args=[project.pk]),
        {"title": project.title, "problem": "", "domain": project.domain, "visibility": "team"},
    )
    assert "Dit veld is verplicht." in response.content.decode()


def test_a_shared_project_adoption_keeps_the_problem_without_a_note_in_it(world):
    original = make_project(world.a, world.member, visibility=Visibility.NETWORK)
    project = case_adopt(by=world.b_coordinator, adopter=world.b, original_project=original)
    assert project.problem == original.problem


def test_a_contact_is_shown_only_with_the_team_s_consent(world):
    world.member.email = "leider@aastad.example"
    world.member.save()
    project = make_project(world.a, world.member, visibility=Visibility.NETWORK)
    url = reverse("web:shared_project", args=[project.pk])
    body = _client(world.b_member).get(url).content.decode()
    assert "leider@aastad.example" not in body
    assert "Het team heeft geen contactpersoon gedeeld" in body
    project.share_contact = True
    project.save()
    body = _client(world.b_member).get(url).content.decode()
    assert "leider@aastad.example" in body and world.member.get_full_name() in body


def test_the_consent_is_given_on_the_project_form(world):
    response = _client(world.member).post(
        reverse("web:project_create"),
        {
            "owner": world.a.pk,
            "title": "Gedeeld met contact",
            "problem": "Welke straten eerst?",
            "domain": "physical",
            "visibility": "network",
            "share_contact": "on",
        },
    )
    assert response.status_code == 302
    from koers.projects.models import Project

    assert Project.objects.get(title="Gedeeld met contact").share_contact
