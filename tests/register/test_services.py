"""Keeping a project's register record: who may, what is refused field by field (nothing
saved), what is cleaned, and that every change is on record with old and new values."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from koers.audit.selectors import history_for
from koers.projects import lifecycle
from koers.projects.services import EditConflict, project_move_stage
from koers.register.models import AlgorithmRecord
from koers.register.services import (
    algorithm_record_create,
    algorithm_record_delete,
    algorithm_record_update,
)

from .helpers import complete_record


def test_a_new_record_starts_from_what_the_project_says(world):
    record = algorithm_record_create(project=world.project, by=world.member)
    assert record.name == world.project.title
    assert record.organisation == "Gemeente Aastad"
    assert record.status == "in_development"  # the project is an idea
    assert history_for(obj=record).get().action == "created"


def test_creating_twice_gives_the_one_record(world):
    first = algorithm_record_create(project=world.project, by=world.member)
    second = algorithm_record_create(project=world.project, by=world.coordinator)
    assert first.pk == second.pk and AlgorithmRecord.objects.count() == 1


@pytest.mark.parametrize("who", ["viewer", "other_member", "b_member", "b_coordinator"])
def test_only_those_who_may_change_the_project_keep_its_record(world, who):
    with pytest.raises(PermissionDenied):
        algorithm_record_create(project=world.project, by=getattr(world, who))
    record = algorithm_record_create(project=world.project, by=world.coordinator)
    with pytest.raises(PermissionDenied):
        algorithm_record_update(
            record=record, by=getattr(world, who), expected_version=1, name="Anders"
        )
    with pytest.raises(PermissionDenied):
        algorithm_record_delete(record=record, by=getattr(world, who))
    record.refresh_from_db()
    assert record.name == world.project.title


def test_changes_are_recorded_with_old_and_new_values(world):
    record = algorithm_record_create(project=world.project, by=world.member)
    record = algorithm_record_update(
        record=record, by=world.member, expected_version=1, name="Veegroute", provider="Veegbv"
    )
    assert record.version == 2
    assert history_for(obj=record).filter(action="updated").get().changes == {
        "name": [world.project.title, "Veegroute"],
        "provider": ["", "Veegbv"],
    }


def test_saving_nothing_new_is_no_change(world):
    record = algorithm_record_create(project=world.project, by=world.member)
    record = algorithm_record_update(
        record=record, by=world.member, expected_version=1, name=world.project.title
    )
    assert record.version == 1
    assert not history_for(obj=record).filter(action="updated").exists()


def test_a_stale_edit_is_refused(world):
    record = algorithm_record_create(project=world.project, by=world.member)
    algorithm_record_update(record=record, by=world.member, expected_version=1, name="Eerste")
    with pytest.raises(EditConflict):
        algorithm_record_update(
            record=record, by=world.coordinator, expected_version=1, name="Tweede"
        )
    record.refresh_from_db()
    assert record.name == "Eerste"


@pytest.mark.parametrize(
    ("fields", "field"),
    [
        ({"name": "N" * 101}, "name"),
        ({"name": "Twee\nregels"}, "name"),
        ({"description_short": "K" * 351}, "description_short"),
        ({"goal": "d" * 2501}, "goal"),
        ({"methods_and_models": "m" * 5001}, "methods_and_models"),
        ({"provider": "P" * 201}, "provider"),
        ({"begin_date": "2024-13"}, "begin_date"),
        ({"begin_date": "maart 2024"}, "begin_date"),
        ({"contact_email": "geen-adres"}, "contact_email"),
        ({"contact_email": "a@b"}, "contact_email"),
        ({"website": "www.aastad.nl"}, "website"),
        ({"website": "http://www.aastad.nl"}, "website"),
        ({"publiccode": "javascript:alert(1)"}, "publiccode"),
        ({"publication_category": "secret"}, "publication_category"),
        ({"status_override": "finished"}, "status_override"),
        ({"algorithm_type": "magic"}, "algorithm_type"),
        ({"category": ["traffic", "work", "care", "housing"]}, "category"),
        ({"category": ["not-a-theme"]}, "category"),
        ({"impact_assessments": [{"title": "DPIA", "link": "ftp://x.nl"}]}, "impact_assessments"),
        ({"lawful_basis_links": [{"title": "", "link": "https://x.nl"}]}, "lawful_basis_links"),
        ({"source_data_links": "https://x.nl"}, "source_data_links"),
    ],
)
def test_bad_input_is_refused_field_by_field_and_nothing_is_saved(world, fields, field):
    record = algorithm_record_create(project=world.project, by=world.member)
    with pytest.raises(ValidationError) as refused:
        algorithm_record_update(record=record, by=world.member, expected_version=1, **fields)
    assert set(refused.value.error_dict) == {field}
    record.refresh_from_db()
    assert record.version == 1


def test_every_wrong_field_is_named_at_once(world):
    record = algorithm_record_create(project=world.project, by=world.member)
    with pytest.raises(ValidationError) as refused:
        algorithm_record_update(
            record=record,
            by=world.member,
            expected_version=1,
            name="N" * 101,
            contact_email="x",
            begin_date="2024-1",
        )
    assert set(refused.value.error_dict) == {"name", "contact_email", "begin_date"}


def test_the_end_month_cannot_lie_before_the_begin_month(world):
    record = algorithm_record_create(project=world.project, by=world.member)
    with pytest.raises(ValidationError) as refused:
        algorithm_record_update(
            record=record,
            by=world.member,
            expected_version=1,
            status_override="out_of_use",
            begin_date="2024-05",
            end_date="2024-04",
        )
    assert "before the begin month" in refused.value.error_dict["end_date"][0].message


def test_an_end_month_needs_an_algorithm_out_of_use(world):
    record = algorithm_record_create(project=world.project, by=world.member)
    with pytest.raises(ValidationError) as refused:
        algorithm_record_update(
            record=record, by=world.member, expected_version=1, end_date="2024-04"
        )
    assert set(refused.value.error_dict) == {"end_date"}
    # Once stopped, the stage says out of use and the end month is welcome.
    for stage in (lifecycle.STOPPED,):
        project_move_stage(project=world.project, by=world.member, to=stage, note="Geen budget")
    record.project.refresh_from_db()
    record = algorithm_record_update(
        record=record, by=world.member, expected_version=1, end_date="2024-04"
    )
    assert (record.status, record.end_date) == ("out_of_use", "2024-04")


def test_disallowed_html_is_stripped_not_refused(world):
    record = algorithm_record_create(project=world.project, by=world.member)
    record = algorithm_record_update(
        record=record,
        by=world.member,
        expected_version=1,
        risks='<p onclick="steel()">Bias</p><script>steel()</script><img src=x>',
    )
    assert record.risks == "<p>Bias</p>"


def test_a_status_set_by_hand_wins_over_the_stage(world):
    record = algorithm_record_create(project=world.project, by=world.member)
    assert record.status == "in_development" and record.status_is_derived
    record = algorithm_record_update(
        record=record, by=world.member, expected_version=1, status_override="in_use"
    )
    assert record.status == "in_use" and not record.status_is_derived
    record = algorithm_record_update(
        record=record, by=world.member, expected_version=2, status_override=""
    )
    assert record.status == "in_development"


def test_deleting_keeps_what_the_record_said(world):
    record = complete_record(world.project, world.member)
    pk = record.pk
    algorithm_record_delete(record=record, by=world.member)
    assert not AlgorithmRecord.objects.exists()
    from koers.audit.models import ChangeRecord

    gone = ChangeRecord.objects.get(action="deleted", object_id=pk)
    assert gone.changes["name"] == "Veegroute voorspellen"
    assert gone.changes["project"] == world.project.pk


def test_the_provider_starts_from_the_projects_suppliers(world):
    import datetime

    from koers.partners.models import PartnerKind
    from koers.partners.services import partner_add

    for name, kind in (
        ("Datalab Noord", PartnerKind.SUPPLIER),
        ("Hogeschool", PartnerKind.KNOWLEDGE_INSTITUTION),
    ):
        partner_add(
            project=world.project,
            by=world.member,
            kind=kind,
            name=name,
            starts_on=datetime.date(2025, 1, 1),
            brings=["technology"],
        )
    record = algorithm_record_create(project=world.project, by=world.member)
    assert record.provider == "Datalab Noord"  # the knowledge institution is no supplier
