"""Recording evidence: team members who may edit the project record steps, end-user sessions
and learning events; a redo opens the next try; bad input is refused and nothing is saved;
every change, a deletion too, is in the history; concurrent edits are refused."""

import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from koers.audit.models import ChangeRecord
from koers.audit.selectors import history_for
from koers.evidence import services
from koers.evidence.models import EndUserSession, LearningEvent, Step
from koers.organisations.models import Organisation
from koers.projects.services import EditConflict

DAY = datetime.timedelta(days=1)


def today():
    return timezone.localdate()


def make_step(world, **kw):
    values = {
        "project": world.project,
        "by": world.member,
        "goal": "Veegroute noord op data",
        "started_on": today() - 14 * DAY,
        "planned_end": today(),
    }
    return services.step_create(**{**values, **kw})


def test_a_redo_opens_the_next_try_of_the_same_step(world):
    step = make_step(world)
    step = services.step_update(
        step=step,
        by=world.member,
        expected_version=1,
        result="redo",
        ended_on=today() - DAY,
        note="Sensordata te grof; de tweede poging gebruikt meldingen.",
    )
    next_try = Step.objects.get(previous_try=step)
    assert (next_try.goal, next_try.try_number, next_try.result) == (step.goal, 2, "")
    assert next_try.started_on == today() - DAY
    assert next_try.planned_end - next_try.started_on == 14 * DAY  # as long as planned before
    # saving the redo again does not open a third try
    services.step_update(step=step, by=world.member, expected_version=2, note="Anders.")
    assert Step.objects.count() == 2
    assert history_for(obj=step).filter(action="updated").first().changes["project"] == (
        world.project.pk
    )


def test_a_finished_step_recorded_at_once(world):
    step = make_step(world, result="worked", ended_on=today())
    assert step.is_finished and Step.objects.count() == 1


@pytest.mark.parametrize(
    ("values", "field"),
    [
        ({"planned_end": today() - 30 * DAY}, "planned_end"),  # before the start
        ({"result": "worked", "ended_on": today() + DAY}, "ended_on"),  # finished tomorrow
        ({"result": "redo", "ended_on": today()}, "note"),  # a redo without a note
        ({"planned_end": datetime.date(2999, 1, 1)}, "planned_end"),  # the far future
        ({"goal": "x" * 201}, "goal"),
    ],
)
def test_bad_steps_are_refused_and_nothing_is_saved(world, values, field):
    version = Organisation.objects.get(pk=world.a.pk).data_version
    with pytest.raises(ValidationError) as refused:
        make_step(world, **values)
    assert field in refused.value.message_dict
    assert not Step.objects.exists()
    assert not ChangeRecord.objects.filter(content_type__model="step").exists()
    assert Organisation.objects.get(pk=world.a.pk).data_version == version


def test_a_refused_edit_keeps_the_step(world):
    step = make_step(world)
    with pytest.raises(ValidationError):
        services.step_update(
            step=step, by=world.member, expected_version=1, result="redo", ended_on=today()
        )
    step.refresh_from_db()
    assert (step.result, step.version) == ("", 1)
    assert Step.objects.count() == 1


def test_only_who_may_edit_the_project_records_evidence(world):
    for outsider in (world.viewer, world.other_member, world.b_coordinator):
        with pytest.raises(PermissionDenied):
            make_step(world, by=outsider)
        with pytest.raises(PermissionDenied):
            services.end_user_session_create(
                project=world.project, by=outsider, kind="test", held_on=today(), participants=3
            )
    # a coordinator of the owner may, as for the project itself
    make_step(world, by=world.coordinator)
    step = make_step(world)
    with pytest.raises(PermissionDenied):
        services.step_delete(step=step, by=world.viewer)
    assert Step.objects.count() == 2


def test_concurrent_edits_are_refused(world):
    session = services.end_user_session_create(
        project=world.project, by=world.member, kind="interview", held_on=today(), participants=4
    )
    services.end_user_session_update(
        session=session, by=world.member, expected_version=1, participants=5
    )
    with pytest.raises(EditConflict):
        services.end_user_session_update(
            session=session, by=world.coordinator, expected_version=1, participants=6
        )
    assert EndUserSession.objects.get().participants == 5


def test_sessions_refuse_negative_counts_and_future_dates(world):
    with pytest.raises(ValidationError) as refused:
        services.end_user_session_create(
            project=world.project,
            by=world.member,
            kind="co_design",
            held_on=today() + 400 * DAY,
            participants=-2,
        )
    assert set(refused.value.message_dict) == {"held_on", "participants"}
    assert not EndUserSession.objects.exists()


def test_deletion_keeps_its_history_and_bumps_the_data_version(world):
    event = services.learning_event_create(
        project=world.project,
        by=world.member,
        kind="retrospective",
        held_on=today(),
        participants="het hele team",
        lesson="Elke twee weken samen kijken naar de kaart werkt beter dan een rapport.",
    )
    before = Organisation.objects.get(pk=world.a.pk).data_version
    pk = event.pk
    services.learning_event_delete(event=event, by=world.member)
    assert not LearningEvent.objects.exists()
    record = ChangeRecord.objects.get(content_type__model="learningevent", action="deleted")
    assert record.object_id == pk and record.actor == world.member
    assert record.changes["project"] == world.project.pk
    assert record.changes["lesson"].startswith("Elke twee weken")
    assert Organisation.objects.get(pk=world.a.pk).data_version == before + 1


def test_an_edit_without_changes_records_nothing(world):
    session = services.end_user_session_create(
        project=world.project, by=world.member, kind="demo", held_on=today(), participants=12
    )
    same = services.end_user_session_update(
        session=session, by=world.member, expected_version=1, participants=12
    )
    assert same.version == 1
    assert history_for(obj=session).count() == 1
