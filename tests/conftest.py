"""Fixtures: two organisations with people in every role, a framework, a project."""

from types import SimpleNamespace

import pytest
from django.utils import translation

from koers.organisations.models import Role

from .factories import OrganisationFactory, load_framework, make_project, member


def _on_postgresql() -> bool:
    from django.conf import settings

    return settings.DATABASES["default"]["ENGINE"].endswith("postgresql")


def pytest_collection_modifyitems(config, items):
    """Tests marked `postgresql` need two real connections at once (row locks, concurrent
    writers). SQLite runs write transactions one at a time, so there is nothing to overlap:
    they run in CI's PostgreSQL pass (`.ci/run` runs the whole suite on both) and are
    deselected, and counted in the header, on SQLite."""
    if _on_postgresql():
        return
    deselected = [item for item in items if item.get_closest_marker("postgresql")]
    if deselected:
        config.hook.pytest_deselected(items=deselected)
        items[:] = [item for item in items if not item.get_closest_marker("postgresql")]


def pytest_report_header(config):
    if not _on_postgresql():
        return "tests marked postgresql are deselected on SQLite; CI runs them on PostgreSQL"


@pytest.fixture(autouse=True)
def fresh_cache():
    """Cached figures (the network's) do not carry over from one test to the next."""
    from django.core.cache import cache

    cache.clear()
    yield


@pytest.fixture(autouse=True)
def english():
    """Tests read service messages in English, the code's language; pages still choose their
    language per request (Dutch unless the user switched)."""
    with translation.override("en"):
        yield


@pytest.fixture
def framework(db):
    return load_framework()


@pytest.fixture
def world(db, framework):
    """Organisation A with a viewer, member, coordinator and administrator; organisation B with
    a member and a coordinator; project of A led by A's member."""
    a, b = OrganisationFactory(name="Gemeente Aastad"), OrganisationFactory(name="Gemeente Beedorp")
    w = SimpleNamespace(a=a, b=b, framework=framework)
    w.viewer = member(a, Role.VIEWER)
    w.member = member(a, Role.MEMBER)
    w.other_member = member(a, Role.MEMBER)
    w.coordinator = member(a, Role.COORDINATOR)
    w.admin = member(a, Role.ADMINISTRATOR)
    w.b_member = member(b, Role.MEMBER)
    w.b_coordinator = member(b, Role.COORDINATOR)
    w.project = make_project(a, w.member)
    return w


@pytest.fixture
def scan(world):
    """A full scan of the world's project, answered by its leader and a data scientist."""
    from koers.assessments.services import scan_start
    from koers.projects.models import TeamRole
    from koers.projects.services import team_member_set

    team_member_set(
        project=world.project,
        by=world.member,
        user=world.other_member,
        team_role=TeamRole.DATA_SCIENTIST,
    )
    return scan_start(
        project=world.project, by=world.member, respondents=[world.member, world.other_member]
    )
