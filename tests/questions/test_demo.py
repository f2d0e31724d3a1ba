"""Demo questions fit the outcome model: projects strong on factor 3 answer more of the
employees' questions and more often have the askers' feedback on record; every demo
organisation also has questions waiting, and the portfolio workbook has them."""

import datetime

from django.db.models import Count, F

from koers.assessments.models import FactorScore
from koers.demo.generator import generate
from koers.organisations.models import Organisation
from koers.projects.models import Project
from koers.questions.models import Question, QuestionLink, QuestionStatus

TODAY = datetime.date(2026, 11, 1)


def test_demo_questions_follow_factor_3(framework):
    generate(seed=3, organisations=3, projects_per_org=20, today=TODAY)
    links = dict(Project.objects.annotate(n=Count("question_links")).values_list("pk", "n"))
    feedback = set(
        QuestionLink.objects.exclude(feedback_on=None).values_list("project_id", flat=True)
    )
    f3 = dict(
        FactorScore.objects.filter(factor_number=3, scan__project__last_scan=F("scan")).values_list(
            "scan__project_id", "score"
        )
    )
    strong = [p for p, score in f3.items() if score is not None and score >= 60]
    weak = [p for p, score in f3.items() if score is not None and score < 40]
    assert strong and weak
    assert sum(links[p] for p in strong) / len(strong) > sum(links[p] for p in weak) / len(weak)
    share = lambda ids: sum(p in feedback for p in ids) / len(ids)  # noqa: E731
    assert share(strong) > share(weak)
    for org in Organisation.objects.filter(is_demo=True):
        statuses = set(org.questions.values_list("status", flat=True))
        assert {QuestionStatus.TAKEN_UP, QuestionStatus.NEW} <= statuses
    # taken-up questions are the linked ones, and the dates stay before the reference day
    assert set(
        Question.objects.filter(status=QuestionStatus.TAKEN_UP).values_list("pk", flat=True)
    ) == set(QuestionLink.objects.values_list("question_id", flat=True))
    assert not QuestionLink.objects.filter(feedback_on__gt=TODAY).exists()


def test_the_portfolio_workbook_has_a_questions_sheet_with_rows(framework, tmp_path):
    from django.core.management import call_command
    from openpyxl import load_workbook

    generate(seed=3, organisations=1, projects_per_org=8, today=TODAY)
    slug = Organisation.objects.get().slug
    for lang, title in (("en", "Questions"), ("nl", "Vragen")):
        path = tmp_path / f"{lang}.xlsx"
        call_command(
            "report", "portfolio", "--organisation", slug, "--output", str(path), "--lang", lang
        )
        rows = list(load_workbook(path)[title].values)
        assert len(rows) == 1 + Question.objects.count() and len(rows) > 5
    header = rows[0]
    assert header[1] == "Vraag" and header[5] == "Status"
