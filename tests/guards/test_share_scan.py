"""A project's scans across organisations: people of the owning organisation and the team
read every scan in full; anyone else who may see the project (network visibility) reads
nothing of its scans unless the owner shares them (share_scan), and then only the latest
scan's profile, never who answered or what they wrote. Page, PDF and analysis alike."""

import io

import pytest
from django.test import Client
from django.urls import reverse
from pypdf import PdfReader

from koers.assessments.models import FactorNote, Response, Scan
from koers.assessments.selectors import scan_result_for, scans_of
from koers.insights.qca import NETWORK, analysis_projects
from koers.projects.models import Project, Visibility
from koers.projects.services import project_update
from tests.factories import make_project
from tests.insights.test_dashboard import scored


def client_for(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def pdf_text(content: bytes) -> str:
    return "\n".join(p.extract_text() for p in PdfReader(io.BytesIO(content)).pages)


@pytest.fixture
def shared(world):
    world.member.first_name, world.member.last_name = "Renske", "Respondent"
    world.member.save()
    project = make_project(world.a, world.member, visibility=Visibility.NETWORK, title="Open")
    first = scored(project, world.member, lambda n: 2)
    latest = scored(project, world.member, lambda n: 4)
    FactorNote.objects.create(
        response=Response.objects.get(scan=latest),
        factor_id=latest.factor_scores.first().factor_id,
        text="Geheime onderbouwing",
    )
    return Project.objects.get(pk=project.pk), first, latest


def test_without_share_scan_another_organisation_reads_no_scan(world, shared):
    project, first, latest = shared
    outsider = client_for(world.b_member)
    assert outsider.get(reverse("web:project", args=[project.pk])).status_code == 200
    for scan in (first, latest):
        assert outsider.get(reverse("web:scan", args=[scan.pk])).status_code == 404
    page = outsider.get(reverse("web:project", args=[project.pk])).content.decode()
    assert reverse("web:scan", args=[latest.pk]) not in page
    assert "Factor 1 (nl)" not in page and "houdt de scans van dit project voor zichzelf" in page
    pdf = pdf_text(outsider.get(reverse("web:project_report", args=[project.pk])).content)
    assert "Factor 1 (nl)" not in pdf and "Geheime onderbouwing" not in pdf
    assert scan_result_for(scan=Scan.objects.get(pk=latest.pk), user=world.b_member) is None
    assert not scans_of(project=project, user=world.b_member).exists()
    assert project not in analysis_projects(organisation=world.b, scope=NETWORK)
    # The own organisation reads everything.
    inside = client_for(world.viewer).get(reverse("web:scan", args=[latest.pk])).content.decode()
    assert "Renske" in inside and "Geheime onderbouwing" in inside


def test_with_share_scan_only_the_latest_profile_without_names_or_notes(world, shared):
    project, first, latest = shared
    project_update(project=project, by=world.member, expected_version=1, share_scan=True)
    outsider = client_for(world.b_member)
    assert outsider.get(reverse("web:scan", args=[first.pk])).status_code == 404
    page = outsider.get(reverse("web:scan", args=[latest.pk]))
    assert page.status_code == 200
    body = page.content.decode()
    assert "<svg" in body  # the profile
    assert "Renske" not in body and "Geheime onderbouwing" not in body
    result = scan_result_for(scan=Scan.objects.get(pk=latest.pk), user=world.b_member)
    assert result.previous is None and not result.has_notes
    assert list(scans_of(project=project, user=world.b_member)) == [latest]
    pdf = pdf_text(outsider.get(reverse("web:project_report", args=[project.pk])).content)
    assert "Factor 1 (nl)" in pdf and "Geheime onderbouwing" not in pdf
    assert project in analysis_projects(organisation=world.b, scope=NETWORK)
