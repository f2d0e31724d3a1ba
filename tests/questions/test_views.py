"""The question pages: a viewer asks, a coordinator decides and takes it up, a team member
records the asker's feedback; pages refuse what the role may not do, give 404 for other
organisations' unshared questions, and cost a number of queries that does not grow."""

from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from koers.notifications.models import Notice
from koers.projects.models import Domain, Project
from koers.questions import services
from koers.questions.models import Question, QuestionLink, QuestionStatus

from .conftest import ask


def client_for(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def test_a_viewer_asks_a_question_through_the_page(world):
    client = client_for(world.viewer)
    page = client.get(reverse("web:question_create"))
    assert page.status_code == 200
    response = client.post(
        reverse("web:question_create"),
        {
            "title": "Waar staan lantaarnpalen vaak stuk?",
            "domain": Domain.PHYSICAL,
            "frequency": "weekly",
            "department": "Beheer",
            "visibility": "organisation",
        },
    )
    question = Question.objects.get()
    assert response.status_code == 302 and response.url == f"/questions/{question.pk}/"
    assert question.asked_by == world.viewer
    mine = client.get(reverse("web:my_questions"))
    assert "Waar staan lantaarnpalen vaak stuk?" in mine.content.decode()


def test_bad_input_is_shown_on_the_fields_and_saves_nothing(world):
    response = client_for(world.member).post(
        reverse("web:question_create"), {"title": "ab", "domain": "x", "frequency": ""}
    )
    assert response.status_code == 200
    form = response.context["form"]
    assert {"title", "domain", "frequency"} <= set(form.errors)
    assert not Question.objects.exists()


def test_other_organisations_get_404_and_members_cannot_decide(world, question):
    assert client_for(world.b_coordinator).get(f"/questions/{question.pk}/").status_code == 404
    member = client_for(world.member)
    assert member.get(f"/questions/{question.pk}/").status_code == 200
    assert member.get(f"/questions/{question.pk}/decide/").status_code == 403
    response = member.post(
        f"/questions/{question.pk}/decide/", {"status": "declined", "reason": "x", "version": 1}
    )
    assert response.status_code == 403
    assert Question.objects.get().status == QuestionStatus.NEW


def test_declining_without_a_reason_is_refused_on_the_page(world, question):
    client = client_for(world.coordinator)
    response = client.post(
        f"/questions/{question.pk}/decide/", {"status": "declined", "reason": "", "version": 1}
    )
    assert response.status_code == 200
    assert "reason" in response.context["form"].errors
    assert Question.objects.get().status == QuestionStatus.NEW


def test_merging_into_itself_is_refused_on_the_page(world, question):
    ask(world.a, world.member, "Een andere vraag")
    response = client_for(world.coordinator).post(
        f"/questions/{question.pk}/decide/",
        {"status": "merged", "merged_into": question.pk, "version": 1},
    )
    assert response.status_code == 200
    assert "merged_into" in response.context["form"].errors


def test_a_coordinator_takes_up_the_question_and_the_asker_reads_it(world, question):
    coordinator = client_for(world.coordinator)
    response = coordinator.post(
        f"/questions/{question.pk}/take-up/", {"project": world.project.pk, "version": 1}
    )
    assert response.status_code == 302
    assert Question.objects.get().status == QuestionStatus.TAKEN_UP
    asker = client_for(world.viewer)
    page = asker.get(f"/questions/{question.pk}/").content.decode()
    assert world.project.title in page
    notice = Notice.objects.get(recipient=world.viewer)
    assert asker.get(f"/notices/{notice.pk}/").url == f"/questions/{question.pk}/"


def test_a_new_project_starts_from_the_question(world, question):
    client = client_for(world.coordinator)
    form = client.get(f"/questions/{question.pk}/project/").context["form"]
    assert form.initial["domain"] == question.domain
    assert question.title in form.initial["problem"]
    response = client.post(
        f"/questions/{question.pk}/project/",
        {
            "owner": world.a.pk,
            "title": "Klachtenkaart",
            "problem": form.initial["problem"],
            "domain": question.domain,
            "visibility": "organisation",
        },
    )
    project = Project.objects.get(title="Klachtenkaart")
    assert response.url == f"/projects/{project.pk}/"
    assert QuestionLink.objects.get().project == project


def test_the_project_page_lists_its_questions_and_the_team_records_feedback(world, question):
    link = services.question_take_up(question=question, project=world.project, by=world.coordinator)
    leader = client_for(world.member)
    page = leader.get(f"/projects/{world.project.pk}/").content.decode()
    assert question.title in page and f"/question-links/{link.pk}/feedback/" in page
    today = timezone.localdate().isoformat()
    response = leader.post(
        f"/question-links/{link.pk}/feedback/",
        {"feedback_on": today, "feedback": "Handig, graag per wijk", "version": 1},
    )
    assert response.status_code == 302
    page = leader.get(f"/projects/{world.project.pk}/").content.decode()
    assert "Handig, graag per wijk" in page
    # not on the team: may read, not record
    assert (
        client_for(world.other_member).get(f"/question-links/{link.pk}/feedback/").status_code
        == 403
    )


def test_same_need_page_links_a_shared_question(world, question, shared_b):
    client = client_for(world.coordinator)
    page = client.get(f"/questions/{question.pk}/same-need/")
    assert shared_b.title in page.content.decode()
    client.post(f"/questions/{question.pk}/same-need/", {"other": shared_b.pk})
    assert shared_b.title in client.get(f"/questions/{question.pk}/").content.decode()


def _queries(client, url) -> int:
    with CaptureQueriesContext(connection) as ctx:
        assert client.get(url).status_code == 200
    return len(ctx)


def test_pages_cost_the_same_number_of_queries_with_more_data(world, question):
    client = client_for(world.coordinator)
    services.question_take_up(question=question, project=world.project, by=world.coordinator)
    own = ask(world.a, world.coordinator, "Eigen vraag")  # every list has a row from the start
    services.question_take_up(question=own, project=world.project, by=world.coordinator)
    urls = [
        "/questions/",
        "/questions/mine/",
        f"/questions/{question.pk}/",
        f"/projects/{world.project.pk}/",
    ]
    before = {url: _queries(client, url) for url in urls}
    for n in range(12):
        more = ask(world.a, world.coordinator, f"Nog een vraag {n}", domain=Domain.SOCIAL)
        services.question_take_up(question=more, project=world.project, by=world.coordinator)
    after = {url: _queries(client, url) for url in urls}
    assert after == before
