"""How complete a record is, and the export: complete records as the register's JSON and
CSV, each valid against the JSON Schema in the repository; incomplete ones left out whole,
with the reason."""

import csv
import io
import json

import pytest
from jsonschema import Draft202012Validator

from koers.projects import lifecycle
from koers.projects.services import project_archive, project_move_stage
from koers.register.completeness import completeness
from koers.register.export import (
    as_csv,
    as_json,
    build_export,
    register_document,
    schema,
    schema_errors,
)
from koers.register.services import algorithm_record_create, algorithm_record_update

from .helpers import COMPLETE, complete_record


def _implement(project, by):
    for stage in (lifecycle.DEVELOPMENT, lifecycle.IMPLEMENTED):
        project_move_stage(project=project, by=by, to=stage)
    project.refresh_from_db()


def test_the_schema_is_a_valid_json_schema():
    Draft202012Validator.check_schema(schema())
    assert schema()["properties"]["standard_version"] == {
        "const": "1.0",
        "description": "Versie publicatiestandaard.",
    }


def test_a_fresh_record_counts_what_is_filled(world):
    record = algorithm_record_create(project=world.project, by=world.member)
    check = completeness(record)
    # In development: no begin or end month asked. Filled: name (the project's title),
    # organisation, status (from the stage).
    assert len(check.required) == 16
    assert check.filled_count == 3
    assert "Short description" in check.missing_labels and not check.complete


def test_a_complete_record_in_development(world):
    record = complete_record(world.project, world.member, begin_date="")
    check = completeness(record)
    assert check.complete, check.reasons()
    assert (check.filled_count, len(check.required)) == (16, 16)


def test_in_use_the_begin_month_is_asked(world):
    _implement(world.project, world.member)
    record = complete_record(world.project, world.member, begin_date="")
    check = completeness(record)
    assert check.missing == ["begin_date"] and len(check.required) == 17


def test_out_of_use_the_end_month_is_asked(world):
    record = complete_record(world.project, world.member, status_override="out_of_use")
    assert completeness(record).missing == ["end_date"]


def test_impact_assessments_or_a_word_why_not(world):
    record = complete_record(world.project, world.member, impact_assessments=[])
    assert completeness(record).missing == ["impact_assessments"]
    record = algorithm_record_update(
        record=record,
        by=world.member,
        expected_version=1,
        impact_assessments_note="Geen persoonsgegevens: een DPIA is niet nodig.",
    )
    assert completeness(record).complete


def test_an_archived_project_is_not_published(world):
    record = complete_record(world.project, world.member)
    project_archive(project=world.project, by=world.member)
    record.project.refresh_from_db()
    assert completeness(record).reasons() == ["the project is archived"]


def test_a_long_organisation_name_must_be_shortened(world):
    world.a.name = "Gemeente " + "A" * 100
    world.a.save()
    record = complete_record(world.project, world.member)
    record.project.owner.refresh_from_db()
    assert not completeness(record).complete
    record = algorithm_record_update(
        record=record, by=world.member, expected_version=1, organisation_name="Gemeente Aastad"
    )
    assert completeness(record).complete


def test_the_document_speaks_the_registers_words(world):
    _implement(world.project, world.member)
    record = complete_record(world.project, world.member)
    doc = register_document(record)
    assert schema_errors(doc) == []
    assert doc["status"] == "In gebruik"
    assert doc["publication_category"] == "Overige algoritmes"
    assert doc["category"] == ["Natuur en milieu", "Ruimte en infrastructuur"]
    assert doc["type"] == "Ja"
    assert (doc["lang"], doc["standard_version"]) == ("nld", "1.0")
    assert doc["source_id"] == str(record.source_id)
    assert doc["impacttoetsen_grouping"] == COMPLETE["impact_assessments"]
    assert "end_date" not in doc and "publiccode" not in doc  # empty: left out


def test_the_source_id_stays_when_the_project_is_renamed(world):
    record = complete_record(world.project, world.member)
    before = register_document(record)["source_id"]
    record = algorithm_record_update(record=record, by=world.member, expected_version=1, name="X")
    assert register_document(record)["source_id"] == before


@pytest.mark.parametrize(
    ("change", "path"),
    [
        ({"name": "N" * 101}, "name"),
        ({"status": "Afgerond"}, "status"),
        ({"begin_date": "2024-13"}, "begin_date"),
        ({"website": "http://x.nl"}, "website"),
        ({"lang": "eng"}, "lang"),
        ({"standard_version": "0.4.0"}, "standard_version"),
        ({"invented": "x"}, "record"),
        ({"end_date": "2024-01"}, "record"),  # an end month while in use
        ({"impacttoetsen_grouping": [{"title": "DPIA"}]}, "impacttoetsen_grouping/0"),
    ],
)
def test_the_schema_refuses_what_the_standard_does_not_allow(world, change, path):
    doc = register_document(complete_record(world.project, world.member))
    errors = schema_errors({**doc, **change})
    assert errors and errors[0].startswith(f"{path}:")


def test_incomplete_records_are_left_out_with_the_reason(world):
    from tests.factories import make_project

    done = complete_record(world.project, world.member)
    other = make_project(world.a, world.member, title="Bijstand voorspellen")
    algorithm_record_create(project=other, by=world.member, name="Bijstand")
    result = build_export([done, other.algorithm_record])
    assert result.records == [done]
    assert len(result.left_out) == 1
    line = result.left_out[0].line()
    assert "Bijstand voorspellen" in line and "missing: Short description" in line


def test_json_export_is_a_list_of_valid_records(world):
    record = complete_record(world.project, world.member)
    documents = json.loads(as_json(build_export([record]).documents))
    assert len(documents) == 1 and schema_errors(documents[0]) == []


def test_csv_export_has_the_standards_headers_and_is_safe_in_a_spreadsheet(world):
    record = complete_record(
        world.project,
        world.member,
        name='=HYPERLINK("https://kwaad.nl")',
        provider="+31 leverancier",
    )
    content = as_csv(build_export([record]).documents).decode("utf-8-sig")
    rows = list(csv.DictReader(io.StringIO(content)))
    assert list(rows[0]) == list(schema()["properties"])
    assert rows[0]["name"] == '\'=HYPERLINK("https://kwaad.nl")'
    assert rows[0]["provider"] == "'+31 leverancier"
    assert json.loads(rows[0]["impacttoetsen_grouping"]) == COMPLETE["impact_assessments"]
    assert rows[0]["lang"] == "nld"
