"""A project's stage events, team, scans and actions, and the library's cases."""

from koers.actions.services import action_create
from koers.projects.models import Visibility
from tests.factories import make_project, submitted_scan

from .conftest import token_client
from .flat import queries_of


def test_stage_events_and_team(world, org_reader):
    pk = world.project.pk
    events = org_reader.get(f"/api/v1/projects/{pk}/stage-events").json()
    assert events["count"] >= 1 and events["results"][0]["toStage"]
    team = org_reader.get(f"/api/v1/projects/{pk}/team").json()["results"]
    assert [m["teamRole"] for m in team] == ["project_leader"]


def test_parts_of_a_hidden_project_are_404(world, org_reader):
    hidden = make_project(world.b, world.b_member, visibility=Visibility.ORGANISATION)
    for part in ("stage-events", "team", "scans", "actions"):
        response = org_reader.get(f"/api/v1/projects/{hidden.pk}/{part}")
        assert response.status_code == 404, part


def test_scans_give_the_result_per_factor_never_answers(world, org_reader):
    scan = submitted_scan(world.project, world.member)
    listed = org_reader.get(f"/api/v1/projects/{world.project.pk}/scans").json()["results"]
    assert [s["id"] for s in listed] == [scan.pk]
    detail = org_reader.get(f"/api/v1/scans/{scan.pk}").json()
    assert len(detail["result"]) == 9
    assert set(detail["result"][0]) == {
        "factor",
        "score",
        "completeness",
        "spread",
        "respondents",
        "disagreement",
    }
    assert "answers" not in detail and "respondents" not in detail


def test_another_organisation_reads_no_scan_unless_shared(world):
    world.project.visibility = Visibility.NETWORK
    world.project.save()
    scan = submitted_scan(world.project, world.member)
    b_reader = token_client(world.b, "read")
    assert b_reader.get(f"/api/v1/scans/{scan.pk}").status_code == 404
    assert b_reader.get(f"/api/v1/projects/{world.project.pk}/scans").json()["count"] == 0


def test_actions(world, org_reader):
    action = action_create(project=world.project, by=world.member, title="Data op orde")
    listed = org_reader.get(f"/api/v1/projects/{world.project.pk}/actions").json()["results"]
    assert [a["title"] for a in listed] == ["Data op orde"]
    assert org_reader.get(f"/api/v1/actions/{action.pk}").json()["status"] == "planned"
    b_reader = token_client(world.b, "read")
    assert b_reader.get(f"/api/v1/actions/{action.pk}").status_code == 404


def test_library_cases(world, org_reader):
    from koers.library.services import reference_cases_load

    reference_cases_load()
    cases = org_reader.get("/api/v1/library-cases?pageSize=100").json()
    assert cases["count"] >= 10
    social = org_reader.get("/api/v1/library-cases?domain=social").json()["results"]
    assert all(c["domain"] == "social" for c in social)


def test_scans_list_queries_do_not_grow(world, org_reader, django_assert_max_num_queries):
    url = f"/api/v1/projects/{world.project.pk}/scans?pageSize=100"
    submitted_scan(world.project, world.member)
    few = queries_of(org_reader, url)
    for _ in range(5):
        submitted_scan(world.project, world.member)
    with django_assert_max_num_queries(few):
        body = org_reader.get(url).json()
    assert body["count"] == 6
    assert all(len(scan["result"]) == 9 for scan in body["results"])


def test_scan_result_kept_from_who_still_has_to_answer(world, scan):
    """As on the page: the result waits for an invited respondent's own answers."""
    from koers.assessments.models import Response
    from koers.assessments.services import response_save, scan_indicators

    response_save(
        response=Response.objects.get(scan=scan, respondent=world.member),
        by=world.member,
        answers={i.pk: 4 for i in scan_indicators(scan)},
        notes={},
        expected_version=1,
        submit=True,
    )
    waiting = token_client(world.a, "read", user=world.other_member)
    answered = token_client(world.a, "read", user=world.member)
    for client, has_result in ((waiting, False), (answered, True)):
        listed = client.get(f"/api/v1/projects/{world.project.pk}/scans").json()["results"]
        detail = client.get(f"/api/v1/scans/{scan.pk}").json()
        assert (listed[0]["result"] is not None) == has_result
        assert (detail["result"] is not None) == has_result
