"""An action marked done points at the record that shows it: a step, a session or a learning
event of the same project; another project's record, a record of a kind that shows nothing,
or a link on an action not done are refused and change nothing; the link is on the action,
in the project's history and gone when the action is no longer done."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.test import Client
from django.urls import reverse

from koers.actions.evidence_links import evidence_choices, evidence_resolve
from koers.actions.models import Action, ActionStatus
from koers.actions.services import action_create, action_update
from koers.evidence.models import EndUserSession, Step
from koers.projects.history import history_lines, project_history
from tests.factories import make_project

DAY = datetime.date(2026, 6, 1)


@pytest.fixture
def records(world):
    other = make_project(world.a, world.member, title="Ander project")
    mine = Step.objects.create(
        project=world.project,
        goal="Model op één wijk",
        started_on=DAY,
        planned_end=DAY,
        ended_on=DAY,
        result="worked",
    )
    theirs = EndUserSession.objects.create(project=other, kind="test", held_on=DAY, participants=3)
    action = action_create(project=world.project, by=world.member, title="Eerste stap zetten")
    return mine, theirs, action


def test_a_done_action_points_at_its_step_and_history_says_so(world, records):
    step, _theirs, action = records
    action = action_update(
        action=action,
        by=world.member,
        expected_version=1,
        status=ActionStatus.DONE,
        evidence=step,
    )
    assert Action.objects.get(pk=action.pk).evidence == step
    (line, *_rest) = history_lines(project_history(project=world.project))
    assert line.text == "marked “Eerste stap zetten” done, shown by: step “Model op één wijk”."


def test_another_projects_record_is_refused_and_nothing_changes(world, records):
    _step, theirs, action = records
    with pytest.raises(ValidationError, match="belongs to another project"):
        action_update(
            action=action,
            by=world.member,
            expected_version=1,
            status=ActionStatus.DONE,
            evidence=theirs,
        )
    action.refresh_from_db()
    assert action.status == ActionStatus.PLANNED and action.evidence_id is None
    with pytest.raises(ValidationError, match="another project"):
        evidence_resolve(value=f"session:{theirs.pk}", project=world.project)


@pytest.mark.parametrize(
    ("value", "message"),
    [
        ("project:1", "Choose a record of this project"),  # not a kind that shows anything
        ("step:x", "Choose a record of this project"),
        ("step:999999", "no longer exists"),
    ],
)
def test_bad_choices_are_refused(world, records, value, message):
    with pytest.raises(ValidationError, match=message):
        evidence_resolve(value=value, project=world.project)


def test_a_record_of_a_kind_that_shows_nothing_is_refused(world, records):
    _step, _theirs, action = records
    with pytest.raises(ValidationError, match="Only a step"):
        action_update(
            action=action,
            by=world.member,
            expected_version=1,
            status=ActionStatus.DONE,
            evidence=world.project,
        )


def test_only_a_done_action_points_and_undoing_it_drops_the_link(world, records):
    step, _theirs, action = records
    with pytest.raises(ValidationError, match="Only an action that is done"):
        action_update(action=action, by=world.member, expected_version=1, evidence=step)
    action = action_update(
        action=action, by=world.member, expected_version=1, status="done", evidence=step
    )
    action = action_update(action=action, by=world.member, expected_version=2, status="doing")
    assert action.evidence_id is None and action.evidence_type_id is None


def test_the_choices_are_the_projects_own_records(world, records):
    step, theirs, _action = records
    values = [c.value for c in evidence_choices(project=world.project)]
    assert values == [f"step:{step.pk}"]


def test_the_action_page_links_and_the_plan_shows_it(world, records):
    step, theirs, action = records
    client = Client()
    client.force_login(world.member)
    client.cookies["django_language"] = "en"
    url = reverse("web:action_edit", args=[action.pk])
    form = {
        "title": action.title,
        "description": "",
        "factor_number": "",
        "owner": "",
        "due_date": "",
        "status": "done",
        "version": "1",
    }
    refused = client.post(url, {**form, "evidence": f"session:{theirs.pk}"})
    assert refused.status_code == 200  # not one of the choices: the form says so
    assert Action.objects.get(pk=action.pk).evidence_id is None
    assert client.post(url, {**form, "evidence": f"step:{step.pk}"}).status_code == 302
    page = client.get(reverse("web:project", args=[world.project.pk])).content.decode()
    assert "shown by: step “Model op één wijk”" in page
