"""The old list of partner organisations (Project.partners) becomes Partner records linked to
those organisations, and back again when the migration is undone."""

import datetime

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

BEFORE = [("partners", "0001_initial"), ("projects", "0008_room_and_disciplines")]
AFTER = [("partners", "0002_from_project_partners"), ("projects", "0009_remove_project_partners")]


def migrate(targets):
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(targets)
    return executor.loader.project_state(targets).apps


@pytest.mark.django_db(transaction=True)
def test_old_partner_organisations_become_linked_partners():
    old = migrate(BEFORE)
    Organisation = old.get_model("organisations", "Organisation")
    Project = old.get_model("projects", "Project")
    owner = Organisation.objects.create(name="Aastad", slug="aastad", kind="municipality")
    town = Organisation.objects.create(name="Beedorp", slug="beedorp", kind="municipality")
    lab = Organisation.objects.create(name="Datalab", slug="datalab", kind="partner")
    started = datetime.date(2025, 5, 1)
    project = Project.objects.create(
        owner=owner, title="Slim vegen", domain="physical", stage_since=started, started_on=started
    )
    # In this state Partner's reverse accessor shadows the old field: use its table directly.
    through = Project._meta.get_field("partners").remote_field.through
    through.objects.bulk_create(
        [through(project_id=project.pk, organisation_id=o.pk) for o in (town, lab, owner)]
    )

    new = migrate(AFTER)
    Partner = new.get_model("partners", "Partner")
    rows = sorted(
        Partner.objects.values_list("organisation__slug", "kind", "starts_on", "project_id")
    )
    assert rows == [
        ("beedorp", "municipality", started, project.pk),
        ("datalab", "chain_partner", started, project.pk),
    ]

    back = migrate(BEFORE)
    through = back.get_model("projects", "Project")._meta.get_field("partners").remote_field.through
    pairs = through.objects.values_list("project_id", "organisation__slug")
    assert sorted(pairs) == [(project.pk, "beedorp"), (project.pk, "datalab")]
    latest()


def latest():
    """Back to every app's newest migration, as the tests after this one expect."""
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(executor.loader.graph.leaf_nodes())
