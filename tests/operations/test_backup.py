"""`koers backup` and `koers restore` round-trip the whole database on SQLite and PostgreSQL:
every table identical after a restore; a database in use is not overwritten unless told."""

import pytest
from django.core.management import CommandError, call_command
from django.db import connection

from koers.actions.services import action_create
from koers.organisations.models import Organisation
from koers.projects.models import Project
from koers.projects.services import project_update
from tests.factories import submitted_scan

pytestmark = pytest.mark.django_db(transaction=True)


def every_table():
    """Each table's rows, in a fixed order: equal snapshots mean identical databases."""
    snapshot = {}
    with connection.cursor() as cursor:
        for table in sorted(connection.introspection.table_names()):
            cursor.execute(f"SELECT * FROM {connection.ops.quote_name(table)}")
            snapshot[table] = sorted(cursor.fetchall(), key=repr)
    return snapshot


@pytest.fixture
def portfolio(world):
    submitted_scan(world.project, world.member)
    action_create(project=world.project, by=world.member, title="Privacy officer erbij")
    return world


def test_a_restore_brings_back_every_table_exactly(portfolio, tmp_path):
    before = every_table()
    assert sum(len(rows) for rows in before.values()) > 100
    dump = tmp_path / "koers.dump"
    call_command("backup", output=dump)
    project_update(
        project=portfolio.project, by=portfolio.member, expected_version=1, title="Changed"
    )
    Organisation.objects.create(name="Gemeente Later", slug="later", kind="municipality")
    assert every_table() != before

    with pytest.raises(CommandError, match="already holds data"):
        call_command("restore", dump)
    assert Project.objects.get().title == "Changed"  # refused: nothing touched

    call_command("restore", dump, replace=True)
    assert every_table() == before


def test_a_restore_into_an_empty_database_needs_no_permission(portfolio, tmp_path):
    before = every_table()
    dump = tmp_path / "koers.dump"
    call_command("backup", output=dump)
    call_command("flush", interactive=False)
    call_command("restore", dump)
    assert every_table() == before


def test_a_file_that_is_not_a_backup_is_refused(db, tmp_path):
    junk = tmp_path / "notes.txt"
    junk.write_text("not a backup")
    with pytest.raises(CommandError, match="not a Koers backup"):
        call_command("restore", junk)


def test_an_existing_output_file_is_not_overwritten(db, tmp_path):
    existing = tmp_path / "koers.dump"
    existing.write_text("yesterday")
    with pytest.raises(CommandError, match="exists already"):
        call_command("backup", output=existing)
    assert existing.read_text() == "yesterday"
