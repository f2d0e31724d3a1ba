"""Questions through the API: as the board and the question page show them."""

from koers.questions.services import question_submit, question_take_up
from tests.factories import make_project

from .flat import queries_of


def ask(organisation, by, title="Hoe vaak lekt de riolering?", **kwargs):
    values = {"domain": "social", "frequency": "weekly", **kwargs}
    return question_submit(organisation=organisation, by=by, title=title, **values)


def test_own_organisation_and_shared_questions_only(world, org_reader):
    own = ask(world.a, world.member)
    b_own = ask(world.b, world.b_member, "Alleen voor Beedorp")
    b_shared = ask(world.b, world.b_member, "Gedeeld", visibility="network")
    listed = {q["id"] for q in org_reader.get("/api/v1/questions").json()["results"]}
    assert listed == {own.pk, b_shared.pk}
    assert org_reader.get(f"/api/v1/questions/{b_own.pk}").status_code == 404
    shared = org_reader.get(f"/api/v1/questions/{b_shared.pk}").json()
    assert shared["organisation"] == world.b.slug and shared["visibility"] == "network"


def test_filters_and_invalid_values(world, org_reader):
    social = ask(world.a, world.member)
    ask(world.a, world.member, "Wegen", domain="physical")
    ask(world.b, world.b_member, "Gedeeld sociaal", visibility="network")
    results = org_reader.get(
        f"/api/v1/questions?organisation={world.a.slug}&domain=social&status=new"
    ).json()["results"]
    assert [q["id"] for q in results] == [social.pk]
    assert org_reader.get("/api/v1/questions?status=taken_up").json()["count"] == 0
    for query in ("status=bogus", "domain=x", "colour=red", "status=new&status=new"):
        response = org_reader.get(f"/api/v1/questions?{query}")
        assert response.status_code == 400, query
        assert response["Content-Type"] == "application/problem+json"
        assert response.json()["invalid-params"]


def test_detail_names_only_the_visible_projects_that_answer(world, org_reader):
    question = ask(world.a, world.member)
    visible = world.project
    hidden = make_project(world.a, world.member, visibility="team")
    for project in (visible, hidden):
        question_take_up(question=question, project=project, by=world.coordinator)
    detail = org_reader.get(f"/api/v1/questions/{question.pk}").json()
    assert detail["status"] == "taken_up"
    assert [p["id"] for p in detail["projects"]] == [visible.pk]
    assert detail["askedBy"] == (world.member.get_full_name() or world.member.username)


def test_list_queries_do_not_grow(world, org_reader, django_assert_max_num_queries):
    ask(world.a, world.member)
    few = queries_of(org_reader, "/api/v1/questions")
    for n in range(8):
        ask(world.a, world.other_member, f"Vraag {n}")
        ask(world.b, world.b_member, f"Gedeeld {n}", visibility="network")
    with django_assert_max_num_queries(few):
        assert org_reader.get("/api/v1/questions?pageSize=100").json()["count"] == 17
