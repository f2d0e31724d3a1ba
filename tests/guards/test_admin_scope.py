"""Django's admin is for platform staff (active staff superusers) only: an organisation's
administrator, even one marked staff, never reaches it, so never sees other organisations'
projects or evidence notes there; demo administrators are not staff. Lookups typed into the
admin's address that its lists do not offer are refused (400), never a server error."""

import importlib

import pytest
from django.apps import apps
from django.contrib.auth import get_user_model
from django.test import Client

from koers.demo.generator import generate
from koers.organisations.models import Role
from tests.factories import make_project, member


def client_for(user) -> Client:
    client = Client(raise_request_exception=False)
    client.force_login(user)
    return client


@pytest.fixture
def platform(world):
    return get_user_model().objects.create_superuser("platform", "p@example.org", "pw-123456!")


def test_an_organisation_administrator_marked_staff_does_not_reach_the_admin(world, platform):
    make_project(world.b, world.b_member, title="Project van Beedorp")
    admin = member(world.a, Role.ADMINISTRATOR, is_staff=True)
    client = client_for(admin)
    for url in ("/admin/", "/admin/projects/project/", "/admin/assessments/scan/"):
        response = client.get(url)
        assert response.status_code == 302 and "/admin/login/" in response["Location"], url
    assert "Project van Beedorp" not in client.get("/admin/projects/project/").content.decode()
    assert "/admin/" not in client.get("/").content.decode()  # no link to it either
    staff = client_for(platform)
    assert staff.get("/admin/projects/project/").status_code == 200
    assert 'href="/admin/"' in staff.get("/").content.decode()


def test_demo_administrators_are_not_staff(db, framework):
    generate(seed=1, organisations=2, projects_per_org=2)
    users = get_user_model().objects.all()
    assert users.filter(memberships__role=Role.ADMINISTRATOR).exists()
    assert not users.filter(is_staff=True).exists()
    assert not users.filter(is_superuser=True).exists()


def test_demo_users_made_staff_before_are_no_longer(db):
    User = get_user_model()
    old = User.objects.create(username="beheerder", email="beheerder@demo.koers.invalid")
    User.objects.filter(pk=old.pk).update(is_staff=True, is_superuser=True)
    platform = User.objects.create_superuser("platform", "p@example.org", "pw-123456!")
    migration = importlib.import_module("koers.guards.migrations.0002_demo_users_not_staff")
    migration.demo_users_not_staff(apps, None)
    old.refresh_from_db()
    platform.refresh_from_db()
    assert not old.is_staff and not old.is_superuser
    assert platform.is_staff and platform.is_superuser


@pytest.mark.parametrize(
    "url",
    [
        "/admin/audit/changerecord/?changes__contains=x",
        "/admin/audit/changerecord/?changes__has_key=x",
        "/admin/projects/project/?title__regex=(",
        "/admin/projects/project/?owner__memberships__user__password__startswith=m",
    ],
)
def test_lookups_the_admin_does_not_offer_are_refused(world, platform, url):
    assert client_for(platform).get(url).status_code == 400


def test_the_admin_lists_own_filters_still_work(world, platform):
    client = client_for(platform)
    assert client.get("/admin/projects/project/?stage__exact=idea").status_code == 200
    assert client.get("/admin/projects/project/?q=vegen").status_code == 200
    assert client.get("/admin/audit/changerecord/?action__exact=created").status_code == 200
