"""Evidence beside opinion on the pages: per factor the score, the project's record and a
notice where a rule fires, with the respondents' notes; on the scan page, the project page
and the project PDF, for people who read the project's scans in full only; a closed scan is
weighed against the record on the day it closed."""

import datetime

from django.test import Client
from django.urls import reverse
from django.utils import timezone

from koers.assessments.models import Response
from koers.assessments.services import response_save, scan_close, scan_indicators
from koers.projects.models import Project, Visibility
from koers.reports.documents import project_report_pdf
from tests.reports.test_reports import pdf_text


def client_for(user, language: str = "en") -> Client:
    client = Client()
    client.force_login(user)
    client.cookies["django_language"] = language
    return client


def _answer(scan, user, value, notes=None):
    response = Response.objects.get(scan=scan, respondent=user)
    response_save(
        response=response,
        by=user,
        answers={i.pk: value for i in scan_indicators(scan)},
        notes=notes or {},
        expected_version=1,
        submit=True,
    )


def test_a_high_score_beside_a_thin_team_gets_a_notice_with_the_notes(world, scan):
    # The team has a project leader and a data scientist: three of the four core disciplines
    # are missing, so factor 5 scored 100 disagrees with the record.
    factor_5 = next(i.factor for i in scan_indicators(scan) if i.factor.number == 5)
    _answer(scan, world.member, 5, notes={factor_5.pk: "Wij werken echt samen"})
    body = client_for(world.coordinator).get(reverse("web:scan", args=[scan.pk])).content.decode()
    assert "Evidence beside opinion" in body
    lacks = "Scored 100, yet the team lacks domain expert, programme manager and privacy officer."
    assert lacks in body
    assert "Score and record disagree" in body and "Wij werken echt samen" in body
    assert "Scored 100, yet there was no session with end users in the last 6 months." in body
    assert "No step finished yet." in body


def test_no_notice_where_the_team_scores_in_the_middle(world, scan):
    _answer(scan, world.member, 3)
    body = client_for(world.member).get(reverse("web:scan", args=[scan.pk])).content.decode()
    assert "Evidence beside opinion" in body and "Score and record disagree" not in body


def test_the_project_page_shows_the_record_without_a_scan(world):
    body = client_for(world.member).get(reverse("web:project", args=[world.project.pk]))
    text = body.content.decode()
    assert "Evidence beside opinion" in text and "no score" in text
    assert "1 project leader on the team." in text


def test_in_dutch(world):
    body = client_for(world.member, "nl").get(reverse("web:project", args=[world.project.pk]))
    text = body.content.decode()
    assert "Onderbouwing naast het oordeel" in text and "1 projectleider in het team." in text


def test_readers_of_the_shared_profile_see_no_record(world, scan):
    _answer(scan, world.member, 5)
    Project.objects.filter(pk=world.project.pk).update(
        visibility=Visibility.NETWORK, share_scan=True
    )
    outsider = client_for(world.b_member)
    scan_page = outsider.get(reverse("web:scan", args=[scan.pk])).content.decode()
    project_page = outsider.get(reverse("web:project", args=[world.project.pk])).content.decode()
    assert "Evidence beside opinion" not in scan_page + project_page


def test_an_invited_respondent_who_has_not_answered_sees_no_scores_beside_the_record(world, scan):
    _answer(scan, world.member, 5)
    body = client_for(world.other_member).get(reverse("web:project", args=[world.project.pk]))
    text = body.content.decode()
    assert "Evidence beside opinion" in text and "Scored" not in text and "no score" in text


def test_a_closed_scan_is_weighed_on_the_day_it_closed(world, scan):
    _answer(scan, world.member, 5)
    scan_close(scan=scan, by=world.member)
    closed = timezone.make_aware(datetime.datetime(2026, 1, 15, 10, 0))
    scan.__class__.objects.filter(pk=scan.pk).update(closed_at=closed)
    client = client_for(world.member)
    assert "on 15 January 2026" in client.get(reverse("web:scan", args=[scan.pk])).content.decode()
    today = timezone.localdate().strftime("%-d %B %Y")
    project_page = client.get(reverse("web:project", args=[world.project.pk])).content.decode()
    assert f"on {today}" in project_page  # the project page weighs against today


def test_the_project_pdf_has_an_evidence_section_per_factor(world, scan):
    _answer(scan, world.member, 5)
    text = pdf_text(
        project_report_pdf(project=Project.objects.get(pk=world.project.pk), language="en")
    )
    for words in ("Evidence beside opinion", "question", "step", "end users", "learning"):
        assert words in text, words
    assert "partner" in text
    assert text.count("Scored 100, yet") >= 5


def test_the_steps_line_names_the_redos_only_when_there_are_any():
    from koers.insights.evidence_rules import Finding
    from koers.insights.evidence_text import line_text

    day = datetime.date(2026, 5, 26)
    assert line_text(Finding("steps", {"n": 3, "redone": 1, "last": day})) == (
        "3 steps finished, the last on 26 May 2026. 1 of them had to be redone."
    )
    assert line_text(Finding("steps", {"n": 1, "redone": 0, "last": day})) == (
        "1 step finished, the last on 26 May 2026."
    )
