"""The register pages: the project page shows how complete the record is; the form saves
field by field in Dutch or English; downloads give the register's JSON and CSV; the
organisation's export page is for its coordinators; another organisation gets 404."""

import json

import pytest
from django.test import Client
from django.urls import reverse

from koers.register.export import schema_errors
from koers.register.models import AlgorithmRecord
from koers.register.services import algorithm_record_create
from tests.factories import make_project

from .helpers import COMPLETE, complete_record


def client_for(user, language: str = "nl") -> Client:
    client = Client()
    client.force_login(user)
    if language != "nl":
        client.post(reverse("set_language"), {"language": language, "next": "/"})
    return client


def _form_data(record=None, **overrides):
    data = {
        **{k: v for k, v in COMPLETE.items() if not isinstance(v, list)},
        "category": COMPLETE["category"],
        "lawful_basis_links": "Gemeentewet | https://wetten.overheid.nl/BWBR0005416",
        "impact_assessments": "DPIA | https://www.aastad.nl/dpia-vegen",
        "version": record.version if record else "",
    }
    data.update(overrides)
    return data


def test_the_project_page_offers_to_start_a_record_to_those_who_may(world):
    url = reverse("web:project", args=[world.project.pk])
    assert "Start a register record" in client_for(world.member, "en").get(url).content.decode()
    assert "Algoritmeregister" not in client_for(world.viewer, "en").get(url).content.decode()


def test_the_project_page_says_how_complete_the_record_is(world):
    algorithm_record_create(project=world.project, by=world.member)
    body = client_for(world.member, "en").get(reverse("web:project", args=[world.project.pk]))
    text = body.content.decode()
    assert "3 of 16 required fields" in text
    assert "Missing: Short description" in text
    # In Dutch, the default:
    text = client_for(world.member).get(reverse("web:project", args=[world.project.pk]))
    assert "3 van 16 verplichte velden" in text.content.decode()


def test_a_complete_record_offers_the_download(world):
    complete_record(world.project, world.member)
    text = client_for(world.member, "en").get(reverse("web:project", args=[world.project.pk]))
    text = text.content.decode()
    assert "16 of 16 required fields" in text and "ready to publish" in text
    assert reverse("web:register_download", args=[world.project.pk, "json"]) in text


def test_the_form_creates_and_then_edits_the_record(world):
    client = client_for(world.member)
    url = reverse("web:register_edit", args=[world.project.pk])
    assert client.get(url).status_code == 200
    response = client.post(url, _form_data())
    assert response.status_code == 302
    record = AlgorithmRecord.objects.get()
    assert record.impact_assessments == COMPLETE["impact_assessments"]
    assert record.category == ["environment", "space"]
    response = client.post(url, _form_data(record, name="Veegroute plannen"))
    assert response.status_code == 302
    record.refresh_from_db()
    assert (record.name, record.version) == ("Veegroute plannen", 2)
    page = client.get(url).content.decode()
    assert "wijzigde: naam." in page  # the record's history, in Dutch


def test_the_form_answers_field_by_field_in_dutch(world):
    client = client_for(world.member)
    response = client.post(
        reverse("web:register_edit", args=[world.project.pk]),
        _form_data(
            name="N" * 101,
            begin_date="2024-13",
            contact_email="geen-adres",
            website="www.aastad.nl",
            impact_assessments="DPIA zonder link",
        ),
    )
    body = response.content.decode()
    assert response.status_code == 200
    assert "Hoogstens 100 tekens" in body or "100 tekens" in body
    assert "Maand 13 bestaat niet" in body
    assert "Geef een e-mailadres" in body
    assert "https://" in body and "Regel 1:" in body
    assert not AlgorithmRecord.objects.exists()


def test_the_form_answers_in_english_on_request(world):
    client = client_for(world.member, "en")
    response = client.post(
        reverse("web:register_edit", args=[world.project.pk]),
        _form_data(begin_date="2024-05", end_date="2024-04", status_override="out_of_use"),
    )
    assert "The end month lies before the begin month (2024-05)." in response.content.decode()


def test_a_stale_form_is_refused(world):
    record = complete_record(world.project, world.member)
    client = client_for(world.member, "en")
    url = reverse("web:register_edit", args=[world.project.pk])
    client.post(url, _form_data(record, name="Eerste"))
    response = client.post(url, _form_data(record, name="Tweede"))
    assert "Someone else changed this in the meantime" in response.content.decode()
    record.refresh_from_db()
    assert record.name == "Eerste"


@pytest.mark.parametrize(("who", "status"), [("viewer", 403), ("other_member", 403)])
def test_who_may_not_change_the_project_may_not_edit_its_record(world, who, status):
    complete_record(world.project, world.member)
    client = client_for(getattr(world, who))
    assert client.get(reverse("web:register_edit", args=[world.project.pk])).status_code == status
    download = reverse("web:register_download", args=[world.project.pk, "json"])
    assert client.get(download).status_code == 404


@pytest.mark.parametrize("who", ["b_member", "b_coordinator"])
def test_another_organisation_gets_404(world, who):
    complete_record(world.project, world.member)
    client = client_for(getattr(world, who))
    p = world.project.pk
    for url in (
        reverse("web:register_edit", args=[p]),
        reverse("web:register_download", args=[p, "json"]),
        reverse("web:register_download", args=[p, "csv"]),
        reverse("web:register_organisation", args=[world.a.slug]),
        reverse("web:register_organisation_download", args=[world.a.slug, "json"]),
    ):
        assert client.get(url).status_code == 404, url
    assert client.post(reverse("web:register_delete", args=[p])).status_code == 404
    assert AlgorithmRecord.objects.exists()


def test_one_projects_download_validates(world):
    complete_record(world.project, world.member)
    response = client_for(world.member).get(
        reverse("web:register_download", args=[world.project.pk, "json"])
    )
    assert response["Content-Disposition"].endswith('.json"')
    documents = json.loads(response.content)
    assert len(documents) == 1 and schema_errors(documents[0]) == []


def test_an_incomplete_record_is_not_downloaded(world):
    algorithm_record_create(project=world.project, by=world.member)
    client = client_for(world.member, "en")
    response = client.get(reverse("web:register_download", args=[world.project.pk, "csv"]))
    assert response.status_code == 302
    assert "Not exported: missing:" in client.get(response["Location"]).content.decode()


def test_the_organisation_page_lists_what_is_left_out(world, django_assert_max_num_queries):
    complete_record(world.project, world.member)
    for n in range(4):
        other = make_project(world.a, world.member, title=f"Concept {n}")
        algorithm_record_create(project=other, by=world.member)
    client = client_for(world.coordinator, "en")
    url = reverse("web:register_organisation", args=[world.a.slug])
    with django_assert_max_num_queries(12):  # does not grow with the records
        body = client.get(url).content.decode()
    assert "1 of 5 records complete" in body
    assert body.count("left out: missing:") == 4
    response = client.get(reverse("web:register_organisation_download", args=[world.a.slug, "csv"]))
    lines = response.content.decode("utf-8-sig").strip().splitlines()
    assert len(lines) == 2  # the header and the one complete record


@pytest.mark.parametrize("who", ["viewer", "member"])
def test_the_organisation_page_is_for_coordinators(world, who):
    url = reverse("web:register_organisation", args=[world.a.slug])
    assert client_for(getattr(world, who)).get(url).status_code == 404
    assert client_for(world.admin).get(url).status_code == 200


def test_deleting_the_record(world):
    complete_record(world.project, world.member)
    client = client_for(world.member)
    response = client.post(reverse("web:register_delete", args=[world.project.pk]))
    assert response.status_code == 302 and not AlgorithmRecord.objects.exists()


def test_the_form_offers_the_projects_suppliers_as_provider(world):
    import datetime

    from koers.partners.models import PartnerKind
    from koers.partners.services import partner_add

    partner_add(
        project=world.project,
        by=world.member,
        kind=PartnerKind.SUPPLIER,
        name="Datalab Noord",
        starts_on=datetime.date(2025, 1, 1),
        brings=["technology"],
    )
    body = client_for(world.member).get(reverse("web:register_edit", args=[world.project.pk]))
    body = body.content.decode()
    assert "Leveranciers van dit project: Datalab Noord." in body
    assert 'value="Datalab Noord"' in body  # a new record starts from it
