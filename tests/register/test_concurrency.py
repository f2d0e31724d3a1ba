"""Two people at once on one register record (PostgreSQL, forced to overlap): starting it
twice makes one record; two edits from the same version keep the first."""

import pytest

from koers.projects.services import EditConflict
from koers.register.models import AlgorithmRecord
from koers.register.services import algorithm_record_create, algorithm_record_update
from tests.concurrency import overlap, postgresql

pytestmark = [postgresql, pytest.mark.django_db(transaction=True)]


def test_two_people_starting_the_record_at_once_make_one(world):
    result = overlap(
        lambda: algorithm_record_create(project=world.project, by=world.member, name="A"),
        lambda: algorithm_record_create(project=world.project, by=world.coordinator, name="B"),
    )
    assert result.second_waited
    assert result.first.get().pk == result.second.get().pk
    assert AlgorithmRecord.objects.get().name == "A"


def test_two_edits_from_the_same_version_keep_the_first(world):
    record = algorithm_record_create(project=world.project, by=world.member)
    result = overlap(
        lambda: algorithm_record_update(
            record=record, by=world.member, expected_version=1, name="A"
        ),
        lambda: algorithm_record_update(
            record=record, by=world.coordinator, expected_version=1, name="B"
        ),
    )
    assert result.first.get().name == "A"
    assert result.second_waited
    assert isinstance(result.second.error, EditConflict)
