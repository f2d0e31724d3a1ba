"""Kept pages and PDFs (reports/kept.py, web/kept.py, audit/stamps.py): a second download or
view is served from the cache, a change through any service shows on the next one, and a
reader never gets what was made for someone who may see more."""

import pytest
from django.conf import settings
from django.core.cache import cache
from django.db import transaction
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from koers.actions.services import action_create
from koers.assessments.services import scan_start
from koers.audit import stamps
from koers.evidence.services import step_create
from koers.organisations.models import Role
from koers.organisations.services import organisation_update
from koers.projects.models import Project, TeamRole, Visibility
from koers.projects.services import project_move_stage, team_member_set
from koers.reports import kept
from tests.factories import make_project, member
from tests.insights.test_dashboard import portfolio, scored  # noqa: F401 (fixture)
from tests.insights.test_worker import queued  # noqa: F401 (fixture)
from tests.reports.test_reports import pdf_text
from tests.web.test_scan_pages import submit_all


def client_for(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def pdf_of(client, project) -> bytes:
    response = client.get(reverse("web:project_report", args=[project.pk]))
    assert response.status_code == 200
    return response.content


def counting(monkeypatch) -> list:
    made = []
    real = kept.project_report_pdf
    monkeypatch.setattr(kept, "project_report_pdf", lambda **kw: made.append(kw) or real(**kw))
    return made


def test_a_second_download_is_the_kept_pdf(world, monkeypatch):
    other = make_coordinator(world)
    made = counting(monkeypatch)
    client = client_for(world.coordinator)
    first = pdf_of(client, world.project)
    assert pdf_of(client, world.project) == first and len(made) == 1  # not made again
    # Another coordinator of the organisation may see the same, so gets the same bytes.
    assert pdf_of(client_for(other), world.project) == first and len(made) == 1


def make_coordinator(world):
    return member(world.a, Role.COORDINATOR)


def test_evidence_recorded_makes_the_next_pdf(world, monkeypatch):
    """Not every record is in the PDF's text: the PDF is made again."""
    made = counting(monkeypatch)
    client = client_for(world.coordinator)
    pdf_of(client, world.project)
    pdf_of(client, world.project)
    assert len(made) == 1
    today = timezone.localdate()
    step_create(
        project=Project.objects.get(pk=world.project.pk),
        by=world.member,
        goal="Stap na de cache",
        started_on=today,
        planned_end=today,
    )
    pdf_of(client, world.project)
    assert len(made) == 2


@pytest.mark.parametrize("change", ["action", "stage", "team", "scan"])
def test_a_change_shows_in_the_next_pdf(world, change):
    client = client_for(world.coordinator)
    before = pdf_text(pdf_of(client, world.project))
    project = Project.objects.get(pk=world.project.pk)
    if change == "action":
        action_create(project=project, by=world.coordinator, title="Nieuwe actie na de cache")
        expected = "Nieuwe actie na de cache"
    elif change == "stage":
        project_move_stage(project=project, by=world.member, to="experiment", note="Verder nu")
        expected = "Verder nu"
    elif change == "team":
        world.other_member.first_name, world.other_member.last_name = "Teun", "Teamlid"
        world.other_member.save()
        team_member_set(
            project=project,
            by=world.member,
            user=world.other_member,
            team_role=TeamRole.DATA_SCIENTIST,
        )
        expected = "Teun Teamlid"
    else:
        scored(project, world.member, lambda n: 5)
        expected = "100"
    assert expected not in before
    assert expected in pdf_text(pdf_of(client, world.project))


def test_a_respondent_who_has_not_answered_never_gets_the_teams_result(world):
    """The coordinator's PDF (with the result) is kept first; the respondent who has not
    answered yet asks next and gets their own, without it; once they have answered, the
    result."""
    team_member_set(
        project=world.project,
        by=world.member,
        user=world.other_member,
        team_role=TeamRole.DATA_SCIENTIST,
    )
    scan = scan_start(
        project=world.project, by=world.member, respondents=[world.member, world.other_member]
    )
    submit_all(scan, world.member, 4)
    with_result = pdf_text(pdf_of(client_for(world.coordinator), world.project))
    assert "Factor 1 (nl) 75" in with_result and "geen echo" not in with_result
    respondent = client_for(world.other_member)
    hidden = pdf_text(pdf_of(respondent, world.project))
    assert "Factor 1 (nl) 75" not in hidden and "geen echo" in hidden
    submit_all(scan, world.other_member, 3)
    shown = pdf_text(pdf_of(respondent, world.project))
    assert "geen echo" not in shown, shown
    assert "Factor 1 (nl) 62" in shown, shown


def test_another_organisation_never_gets_the_owners_full_pdf(world):
    project = make_project(world.a, world.member, visibility=Visibility.NETWORK, title="Open")
    scored(project, world.member, lambda n: 4)
    assert "Factor 1 (nl)" in pdf_text(pdf_of(client_for(world.coordinator), project))
    outsider = pdf_text(pdf_of(client_for(world.b_member), project))
    assert "Factor 1 (nl)" not in outsider


def test_no_pdf_for_a_project_one_may_not_see(world):
    client_for(world.coordinator).get(reverse("web:project_report", args=[world.project.pk]))
    outsider = client_for(world.b_coordinator)
    response = outsider.get(reverse("web:project_report", args=[world.project.pk]))
    assert response.status_code == 404


def dashboard_of(client, organisation, query="") -> str:
    response = client.get(reverse("web:dashboard", args=[organisation.slug]) + query)
    assert response.status_code == 200
    return response.content.decode()


def test_the_dashboard_shows_a_change_on_the_next_view(portfolio):  # noqa: F811
    client = client_for(portfolio.coordinator)
    assert "Nieuw project na de cache" not in dashboard_of(client, portfolio.a)
    project = make_project(portfolio.a, portfolio.member, title="Nieuw project na de cache")
    scored(project, portfolio.member, lambda n: 3)
    assert "Nieuw project na de cache" in dashboard_of(client, portfolio.a)
    # An action (which the analysis does not read) changes the counts per factor too.
    page = dashboard_of(client, portfolio.a)
    action_create(project=project, by=portfolio.coordinator, title="X", factor_number=5)
    assert dashboard_of(client, portfolio.a) != page


def test_the_dashboard_is_kept_per_filter_and_language(portfolio):  # noqa: F811
    client = client_for(portfolio.coordinator)
    everything = dashboard_of(client, portfolio.a)
    assert everything.count("koers-heat--") > 0
    assert dashboard_of(client, portfolio.a, "?since=2999-01-01").count("koers-heat--") == 0
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    english = dashboard_of(client, portfolio.a)
    assert "Projects per stage" in english and "Projects per stage" not in everything


def test_the_dashboard_page_around_the_figures_is_each_persons(portfolio):  # noqa: F811
    first = dashboard_of(client_for(portfolio.coordinator), portfolio.a)
    admin = client_for(portfolio.admin)
    second = dashboard_of(admin, portfolio.a)
    assert portfolio.admin.username in second or portfolio.admin.get_full_name() in second
    assert portfolio.coordinator.get_full_name() not in second or (
        portfolio.coordinator.get_full_name() == portfolio.admin.get_full_name()
    )
    # The same figures: the heatmap's rows are the same for both.
    assert first.count("koers-heat--") == second.count("koers-heat--")
    # Someone who does not coordinate the organisation gets no dashboard at all.
    assert client_for(portfolio.member).get(
        reverse("web:dashboard", args=[portfolio.a.slug])
    ).status_code in (403, 404)


def test_a_renamed_organisation_shows_on_the_next_view(portfolio):  # noqa: F811
    client = client_for(portfolio.coordinator)
    dashboard_of(client, portfolio.a)
    organisation_update(organisation=portfolio.a, by=None, name="Gemeente Nieuwnaam")
    assert "Gemeente Nieuwnaam" in dashboard_of(client, portfolio.a)


@pytest.fixture
def after_commit_only(monkeypatch):
    """As with the production cache (a database table): stamps change only after commit."""
    monkeypatch.setattr(stamps, "_in_database", lambda: True)
    bumped = []
    real = stamps.bump
    monkeypatch.setattr(stamps, "bump", lambda scope: bumped.append(scope) or real(scope))
    return bumped


@pytest.mark.django_db(transaction=True)
def test_stamps_change_once_per_transaction_after_commit(world, after_commit_only):
    before, other = stamps.current(world.a.pk), stamps.current(world.b.pk)
    after_commit_only.clear()
    project = Project.objects.get(pk=world.project.pk)
    with transaction.atomic():
        action_create(project=project, by=world.member, title="Een")
        action_create(project=project, by=world.member, title="Twee")
        assert after_commit_only == [] and stamps.current(world.a.pk) == before
    assert after_commit_only == [world.a.pk]  # once for the transaction
    assert stamps.current(world.a.pk) != before
    assert stamps.current(world.b.pk) == other  # another organisation's stays


@pytest.mark.django_db(transaction=True)
def test_a_rolled_back_change_changes_nothing(world, after_commit_only):
    before = stamps.current(world.a.pk)
    project = Project.objects.get(pk=world.project.pk)
    after_commit_only.clear()
    with pytest.raises(RuntimeError), transaction.atomic():
        action_create(project=project, by=world.member, title="Weg")
        raise RuntimeError
    assert after_commit_only == [] and stamps.current(world.a.pk) == before
    action_create(project=project, by=world.member, title="Blijft")  # registers anew
    assert after_commit_only == [world.a.pk]


def test_signing_in_changes_no_stamp(world):
    before = stamps.current(world.a.pk)
    client_for(world.member).get(reverse("web:home"))  # force_login: signed_in recorded
    Client().post(reverse("login"), {"username": world.member.username, "password": "wrong"})
    assert stamps.current(world.a.pk) == before


def test_a_change_of_a_person_makes_everything_stale(world):
    before = (stamps.current(world.a.pk), stamps.current(world.b.pk))
    stamps.touched([(world.member, "anonymised")])  # a person: on every organisation's pages
    after = (stamps.current(world.a.pk), stamps.current(world.b.pk))
    assert before[0] != after[0] and before[1] != after[1]


def test_a_lost_stamp_is_made_anew(world):
    first = stamps.current(world.a.pk)
    cache.delete("koers:stamp:all")
    assert stamps.current(world.a.pk) != first


def test_the_analysis_is_never_kept_past_a_change_or_while_computing(
    client,
    world,
    queued,  # noqa: F811
):
    from tests.insights.test_qca import LARGER, build
    from tests.insights.test_worker import COMPUTING_EN, page, run_worker

    projects = build(world, LARGER)
    client.force_login(world.coordinator)
    url = f"/dashboard/{world.a.slug}/analysis/"
    assert COMPUTING_EN in page(client, url)
    run_worker()
    assert "Paths to the outcome" in page(client, url)
    assert "Paths to the outcome" in page(client, url)  # kept
    project_move_stage(project=projects["Geen 0"], by=world.member, to="experiment")
    stale = page(client, url)
    assert COMPUTING_EN in stale and "Paths to the outcome" not in stale
    run_worker()
    assert "Paths to the outcome" in page(client, url)


def test_the_organisations_of_many_records_in_one_query(world, django_assert_num_queries):
    from koers.projects.models import ProjectMember

    other = make_project(world.b, world.b_member, title="Van B")
    members = list(ProjectMember.objects.filter(project__in=[world.project, other]))
    with django_assert_num_queries(1):  # their projects, read once for all
        assert stamps.organisations_of(members) == {world.a.pk, world.b.pk}
    assert stamps.organisations_of([world.member]) == {stamps.EVERYTHING}
