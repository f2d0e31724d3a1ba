"""A project's history in words, in the reader's language: who joined the team, the action
plan, the scans; no raw codes; ten on the project page and all of them on a page of its own."""

import re

from django.test import Client
from django.urls import reverse

from koers.actions.models import ActionStatus
from koers.actions.services import action_create, action_update
from koers.assessments.models import Response
from koers.assessments.services import response_save, scan_indicators, scan_start
from koers.organisations.models import Role
from koers.projects.models import TeamRole
from koers.projects.services import project_move_stage, team_member_set
from tests.factories import member

# The codes the records store, as the page used to show them ("…: stage").
CODES = re.compile(r"\b(created|updated|team_removed|submitted|draft_saved)\b|: (stage|team)$")


def _items(body: str, section: str) -> list[str]:
    block = body.split(section, 1)[1].split("</ul>", 1)[0]
    return [re.sub(r"<[^>]+>", "", li).strip() for li in re.findall(r"<li>(.*?)</li>", block, re.S)]


def test_the_history_tells_each_change_in_dutch(world):
    project, leader = world.project, world.member
    newcomer = member(world.a, Role.MEMBER, first_name="Ali", last_name="Analist")
    team_member_set(project=project, by=leader, user=newcomer, team_role=TeamRole.DATA_SCIENTIST)
    project_move_stage(project=project, by=leader, to="experiment")
    action = action_create(project=project, by=leader, title="Data verzamelen")
    action_update(action=action, by=leader, expected_version=1, status=ActionStatus.DONE)
    scan = scan_start(project=project, by=leader, respondents=[leader])
    response = Response.objects.get(scan=scan)
    response_save(
        response=response,
        by=leader,
        answers={i.pk: 3 for i in scan_indicators(scan)},
        notes={},
        expected_version=1,
        submit=True,
    )
    client = Client()
    client.force_login(world.viewer)
    body = client.get(reverse("web:project", args=[project.pk])).content.decode()
    lines = _items(body, 'id="h-history"')
    text = "\n".join(lines)
    name = leader.get_full_name()
    assert f"{name} voegde Ali Analist toe aan het team als datascientist of analist." in text
    assert f"{name} zette het project van Idee naar Experiment." in text
    assert f"{name} zette “Data verzamelen” op het actieplan." in text
    assert f"{name} zette “Data verzamelen” op klaar." in text
    assert "startte de scan van" in text and "diende antwoorden in op de scan van" in text
    assert f"{name} registreerde het project." in text
    assert not [line for line in lines if CODES.search(line)], lines


def test_ten_on_the_project_page_and_all_on_the_history_page(world):
    project, leader = world.project, world.member
    for n in range(12):
        action_create(project=project, by=leader, title=f"Actie {n}")
    client = Client()
    client.force_login(world.member)
    body = client.get(reverse("web:project", args=[project.pk])).content.decode()
    assert len(_items(body, 'id="h-history"')) == 10
    url = reverse("web:project_history", args=[project.pk])
    assert f'href="{url}"' in body
    page = client.get(url).content.decode()
    lines = _items(page, 'class="koers-history"')
    assert len(lines) == 13  # twelve actions and the registration
    assert lines[-1].endswith("registreerde het project.")
    # Another organisation's people do not see it.
    outsider = Client()
    outsider.force_login(world.b_member)
    assert outsider.get(url).status_code == 404
