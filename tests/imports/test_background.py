"""A long list is imported by the worker (django-tasks; the immediate backend of the tests
runs it at once): the page says it is being imported and looks again, then shows the
outcome, or the problems with nothing saved."""

import pytest
from django.urls import reverse

from koers.imports import limits
from koers.imports.models import ImportUpload, UploadStatus
from koers.imports.services import upload_run
from koers.organisations.models import Role
from koers.projects.models import Project
from tests.factories import OrganisationFactory, member

from .files import csv_bytes, project_row, refuse_title


@pytest.fixture
def org(db):
    return OrganisationFactory(slug="utrecht", name="Gemeente Utrecht")


@pytest.fixture
def coordinator(org, client):
    person = member(org, Role.COORDINATOR, username="coord", email="coord@utrecht.nl")
    client.force_login(person)
    return person


@pytest.fixture
def short_page(monkeypatch):
    """Lists longer than three rows go to the worker."""
    monkeypatch.setattr(limits, "APPLY_IN_REQUEST_ROWS", 3)


def upload(client, rows):
    from django.core.files.uploadedfile import SimpleUploadedFile

    file = SimpleUploadedFile("lijst.csv", csv_bytes(rows), content_type="text/csv")
    client.post(reverse("web:import_start", args=["utrecht"]), {"file": file})
    return ImportUpload.objects.get()


def test_a_long_list_is_imported_by_the_worker_and_the_page_shows_the_outcome(
    client, coordinator, short_page, django_capture_on_commit_callbacks
):
    pending = upload(client, [project_row(n) for n in range(1, 6)])
    # the task is queued once the upload's state is committed
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("web:import_apply", args=["utrecht", pending.pk]))
    status_url = reverse("web:import_status", args=["utrecht", pending.pk])
    assert response.status_code == 302 and response.url == status_url
    assert Project.objects.filter(owner__slug="utrecht").count() == 5
    done = ImportUpload.objects.get()
    assert done.status == UploadStatus.DONE and done.rows == []  # the table is not kept
    assert (done.result["created"], done.result["updated"]) == (5, 0)
    page = client.get(status_url).content.decode()
    assert "Geïmporteerd: 5 nieuw, 0 bijgewerkt, 0 ongewijzigd." in page
    assert "data-koers-refresh" not in page


def test_while_it_waits_the_page_says_so_and_looks_again(client, coordinator, short_page):
    pending = upload(client, [project_row(n) for n in range(1, 6)])
    client.post(reverse("web:import_apply", args=["utrecht", pending.pk]))  # not committed yet
    assert ImportUpload.objects.get().status == UploadStatus.QUEUED
    page = client.get(reverse("web:import_status", args=["utrecht", pending.pk])).content.decode()
    assert "wordt geïmporteerd" in page and "data-koers-refresh" in page
    # asking again while it waits queues nothing twice, and the dry run leads to this page
    again = client.post(reverse("web:import_apply", args=["utrecht", pending.pk]))
    assert again.url == reverse("web:import_status", args=["utrecht", pending.pk])
    check = client.get(reverse("web:import_check", args=["utrecht", pending.pk]))
    assert check.url == reverse("web:import_status", args=["utrecht", pending.pk])
    # a new upload does not remove a list that is waiting for the worker
    upload_again = csv_bytes([project_row(9)])
    from django.core.files.uploadedfile import SimpleUploadedFile

    client.post(
        reverse("web:import_start", args=["utrecht"]),
        {"file": SimpleUploadedFile("ander.csv", upload_again, content_type="text/csv")},
    )
    assert ImportUpload.objects.filter(pk=pending.pk).exists()
    assert upload_run(upload_id=pending.pk) == "done"
    assert Project.objects.count() == 5
    assert upload_run(upload_id=pending.pk) == "not queued"  # a second run does nothing


def test_a_failure_in_the_worker_saves_nothing_and_the_page_shows_the_problems(
    client, coordinator, short_page, monkeypatch
):
    pending = upload(client, [project_row(n) for n in range(1, 6)])
    client.post(reverse("web:import_apply", args=["utrecht", pending.pk]))
    refuse_title(monkeypatch, "Project 4", "Dit kan niet.")
    assert upload_run(upload_id=pending.pk) == "failed"
    assert Project.objects.count() == 0
    failed = ImportUpload.objects.get()
    assert failed.status == UploadStatus.FAILED
    page = client.get(reverse("web:import_status", args=["utrecht", pending.pk])).content.decode()
    assert "er is niets geïmporteerd" in page and "Dit kan niet." in page
    assert "data-koers-refresh" not in page


def test_the_worker_checks_the_role_again(client, coordinator, short_page):
    from koers.organisations.models import Membership

    pending = upload(client, [project_row(n) for n in range(1, 6)])
    client.post(reverse("web:import_apply", args=["utrecht", pending.pk]))
    Membership.objects.filter(user=coordinator).update(role=Role.MEMBER)
    assert upload_run(upload_id=pending.pk) == "failed"
    assert Project.objects.count() == 0
    assert "Alleen coördinatoren" in ImportUpload.objects.get().result["message"]


def test_a_short_list_is_imported_in_the_request(client, coordinator):
    pending = upload(client, [project_row(n) for n in range(1, 4)])
    response = client.post(reverse("web:import_apply", args=["utrecht", pending.pk]))
    assert response.url == reverse("web:import_start", args=["utrecht"])
    assert Project.objects.count() == 3 and not ImportUpload.objects.exists()


def test_another_persons_import_status_is_not_found(client, org, coordinator, short_page):
    pending = upload(client, [project_row(n) for n in range(1, 6)])
    client.post(reverse("web:import_apply", args=["utrecht", pending.pk]))
    client.force_login(member(org, Role.COORDINATOR))
    url = reverse("web:import_status", args=["utrecht", pending.pk])
    assert client.get(url).status_code == 404
