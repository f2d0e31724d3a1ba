"""The analysis computed by the background worker (django-tasks, database backend): requested
after a change commits or when a page finds none for the current data, shown as "being
computed" until `koers db_worker` stored it, computed once per state of the data, never shown
for data that have changed since. Runs on SQLite and, in CI's second pass, on PostgreSQL."""

import pickle
from unittest import mock

import pytest
from django.core.cache import cache
from django.core.management import call_command
from django.db import transaction
from django_tasks_db.models import DBTaskResult

from koers.insights import kept
from koers.insights.kept import DEFAULT_KEY, compute_and_keep, request_analysis
from koers.insights.models import KeptAnalysis
from koers.insights.tasks import compute_analysis
from koers.organisations.models import Organisation
from koers.organisations.services import portfolio_changed
from koers.projects.services import project_move_stage
from tests.insights.test_qca import LARGER, PROFILES, build

COMPUTING_EN = "The cross-case analysis of the latest data is being computed."
COMPUTING_NL = "De vergelijkende analyse van de nieuwste gegevens wordt berekend."
PATH_EN = "Implemented projects in your organisation often had"


@pytest.fixture
def queued(settings):
    """Production's set-up: tasks wait in the database for the worker."""
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}


@pytest.fixture
def spy():
    with mock.patch.object(kept, "portfolio_analysis", wraps=kept.portfolio_analysis) as s:
        yield s


def tasks_waiting():
    return DBTaskResult.objects.filter(task_path=compute_analysis.module_path, status="READY")


def run_worker():
    """`koers db_worker --batch`: run what waits, then stop. It closes the database connection
    between tasks when the connection is in a transaction; a test's always is (as Django's
    test client does for requests, that is left out here)."""
    with mock.patch(
        "django_tasks_db.management.commands.db_worker.close_old_connections", lambda: None
    ):
        call_command("db_worker", batch=True, verbosity=0)


def page(client, url, language="en"):
    client.post("/i18n/setlang/", {"language": language, "next": "/"})
    return client.get(url).content.decode()


@pytest.mark.django_db(transaction=True)
def test_a_change_requests_the_analysis_after_commit_once_per_transaction(world, queued):
    """Real commits (no test transaction around them)."""
    DBTaskResult.objects.all().delete()  # the fixture's own changes asked already
    with transaction.atomic():
        project_move_stage(project=world.project, by=world.member, to="experiment")
        project_move_stage(project=world.project, by=world.member, to="development")
        assert not tasks_waiting().exists()  # not before the data are committed
    [task] = tasks_waiting()
    assert task.args_kwargs["args"] == [world.a.pk, DEFAULT_KEY]
    run_worker()
    row = KeptAnalysis.objects.get(organisation=world.a, settings_key=DEFAULT_KEY)
    assert row.computed_at is not None
    assert row.data_version == Organisation.objects.get(pk=world.a.pk).data_version


def test_the_pages_say_being_computed_until_the_worker_has_run(client, world, queued):
    projects = build(world, LARGER)
    url = f"/projects/{projects['Alleen twee 0'].pk}/"
    client.force_login(world.coordinator)
    first = page(client, url)
    assert COMPUTING_EN in first and PATH_EN not in first
    assert 'href="' + url + '">Look again</a>' in first  # works without JavaScript
    assert "web/refresh.js" in first
    assert COMPUTING_NL in page(client, url, "nl")
    analysis = page(client, f"/dashboard/{world.a.slug}/analysis/")
    assert COMPUTING_EN in analysis and "Paths to the outcome" not in analysis
    assert tasks_waiting().count() == 1  # asked once, however many pages looked

    run_worker()
    assert not tasks_waiting().exists()
    after = page(client, url)
    assert PATH_EN in after and COMPUTING_EN not in after and "refresh.js" not in after
    analysis = page(client, f"/dashboard/{world.a.slug}/analysis/")
    assert "Paths to the outcome" in analysis and COMPUTING_EN not in analysis


def test_other_settings_are_computed_by_the_worker_too(client, world, queued):
    build(world, PROFILES)
    client.force_login(world.coordinator)
    url = f"/dashboard/{world.a.slug}/analysis/?factors=2&factors=4&kind=parsimonious"
    assert COMPUTING_EN in page(client, url)
    run_worker()
    shown = page(client, url)
    assert COMPUTING_EN not in shown and "Paths to the outcome" in shown


def test_the_task_is_idempotent_for_one_version(world, spy):
    build(world, LARGER)
    assert compute_and_keep(organisation_id=world.a.pk, key=DEFAULT_KEY) == "computed"
    row = KeptAnalysis.objects.get()
    assert compute_and_keep(organisation_id=world.a.pk, key=DEFAULT_KEY) == "kept already"
    compute_analysis.enqueue(world.a.pk, DEFAULT_KEY)  # the immediate backend of the tests
    assert spy.call_count == 1
    again = KeptAnalysis.objects.get()
    assert (again.pk, again.computed_at, again.paths) == (row.pk, row.computed_at, row.paths)


def test_a_stale_result_is_never_shown_as_current(client, world, queued):
    projects = build(world, LARGER)
    url = f"/projects/{projects['Alleen twee 0'].pk}/"
    client.force_login(world.member)
    page(client, url)
    run_worker()
    assert PATH_EN in page(client, url)
    # The data change (after commit this would request the analysis; the page asks too).
    project_move_stage(project=projects["Geen 0"], by=world.member, to="experiment")
    stale = page(client, url)
    assert COMPUTING_EN in stale and PATH_EN not in stale
    run_worker()
    assert PATH_EN in page(client, url)
    assert KeptAnalysis.objects.count() == 1  # the earlier version's result is gone


def test_data_changed_while_computing_are_not_shown_under_the_old_version(client, world, queued):
    """The worker reads the data version before the data: a change that commits while it
    computes leaves the result under the older version, which no page reads any more."""
    projects = build(world, LARGER)
    computing = kept.portfolio_analysis

    def changed_meanwhile(**kwargs):
        portfolio_changed(organisation_id=world.a.pk)
        return computing(**kwargs)

    with mock.patch.object(kept, "portfolio_analysis", side_effect=changed_meanwhile):
        request_analysis(organisation_id=world.a.pk)
        run_worker()
    assert KeptAnalysis.objects.filter(computed_at__isnull=False).count() == 1
    client.force_login(world.member)
    shown = page(client, f"/projects/{projects['Alleen twee 0'].pk}/")
    assert COMPUTING_EN in shown and PATH_EN not in shown


def test_what_is_kept_is_said_in_each_readers_language(client, world, spy):
    """One computation for everyone; the refusal is kept as a code and said per language."""
    build(world, {"Een": (True, True, True), "Twee": (False, False, True)})
    client.force_login(world.coordinator)
    url = f"/dashboard/{world.a.slug}/analysis/?factors=2&factors=4"
    assert "Every project here has the same outcome" in page(client, url, "en")
    assert "Alle projecten hier hebben dezelfde uitkomst" in page(client, url, "nl")
    assert spy.call_count == 1
    assert KeptAnalysis.objects.get().analysis  # no sentence in it, in any language
    assert b"same outcome" not in KeptAnalysis.objects.get().analysis


def test_a_result_kept_by_an_older_release_is_computed_again(client, world, spy):
    build(world, PROFILES)
    client.force_login(world.coordinator)
    url = f"/dashboard/{world.a.slug}/analysis/?factors=2&factors=4"
    page(client, url)
    KeptAnalysis.objects.update(analysis=pickle.dumps("not an analysis")[:5])
    cache.clear()  # a new release reads no page part kept by the old one (web/kept.py)
    assert "Paths to the outcome" in page(client, url)
    assert spy.call_count == 2


def test_the_project_page_reads_the_kept_path_in_few_queries(
    client, world, django_assert_max_num_queries
):
    projects = build(world, LARGER)
    client.force_login(world.member)
    url = f"/projects/{projects['Alleen twee 0'].pk}/"
    page(client, url)  # computed here (immediate backend)
    with django_assert_max_num_queries(2):
        reading = kept.project_path_get(user=world.member, project=projects["Alleen twee 0"])
    assert reading.found is not None and reading.found.lacking
