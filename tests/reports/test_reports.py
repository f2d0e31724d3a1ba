"""Reports and exports: PDFs rendered and their text read back, exports re-read with types
intact, formula injection neutralised, and permissions on the downloads."""

import csv
import datetime
import io

import pytest
from django.core.management import CommandError, call_command
from django.test import Client
from django.urls import reverse
from django.utils import timezone, translation
from openpyxl import load_workbook
from pypdf import PdfReader

from koers.actions.services import action_create
from koers.insights.selectors import DashboardFilter
from koers.projects.models import Project
from koers.reports.documents import portfolio_export, portfolio_report_pdf, project_report_pdf
from tests.factories import make_project
from tests.insights.test_dashboard import portfolio, scored  # noqa: F401 (fixture)


def pdf_text(content: bytes) -> str:
    reader = PdfReader(io.BytesIO(content))
    return "\n".join(page.extract_text() for page in reader.pages)


def fresh(project):
    return Project.objects.get(pk=project.pk)


def test_project_report_pdf(portfolio):  # noqa: F811
    content = project_report_pdf(project=fresh(portfolio.project), language="en")
    assert content.startswith(b"%PDF")
    text = pdf_text(content)
    for expected in (
        "Slim vegen",
        "Timeline",
        "Factor 8 (en)",
        "Action plan",
        "Option 8.1 (en)",
        "A&O fonds",
    ):
        assert expected in text, expected
    root = PdfReader(io.BytesIO(content)).trailer["/Root"]
    assert "/StructTreeRoot" in root and root["/MarkInfo"]["/Marked"]  # tagged for accessibility
    assert root["/Lang"] == "en"


def test_project_report_in_dutch(portfolio):  # noqa: F811
    assert "Factor 8 (nl)" in pdf_text(
        project_report_pdf(project=fresh(portfolio.project), language="nl")
    )


def test_portfolio_report_pdf_has_the_figures_and_summary(portfolio):  # noqa: F811
    text = pdf_text(
        portfolio_report_pdf(organisation=portfolio.a, filters=DashboardFilter(), language="en")
    )
    assert "1 of 3 projects is implemented or scaled up." in text
    assert "Klaar" in text and "Gestopt" in text


def test_exports_reread_with_types(portfolio):  # noqa: F811
    book = load_workbook(
        io.BytesIO(
            portfolio_export(
                organisation=portfolio.a, filters=DashboardFilter(), kind="all", fmt="xlsx"
            )
        )
    )
    assert book.sheetnames[:4] == ["Portfolio", "Scan answers", "Actions", "Stage events"]
    assert "Questions" in book.sheetnames
    rows = list(book["Portfolio"].values)
    assert rows[0][1] == "Title" and len(rows) == 4
    klaar = next(r for r in rows if r[1] == "Klaar")
    assert isinstance(klaar[4], datetime.datetime)  # a date cell, not text
    assert klaar[7 + 8] == 25.0  # factor 8 score as a number
    answers = list(book["Scan answers"].values)
    assert len(answers) == 1 + 3 * 18  # three scans, one respondent, 18 statements
    assert {r[6] for r in answers[1:]} == set(range(1, 10))
    events = list(book["Stage events"].values)
    assert len(events) == 1 + 1 + 4 + 3


def test_formula_injection_is_neutralised(portfolio):  # noqa: F811
    action_create(project=portfolio.project, by=portfolio.coordinator, title='=HYPERLINK("x")')
    action_create(project=portfolio.project, by=portfolio.coordinator, title="+31 6 1234")
    content = portfolio_export(
        organisation=portfolio.a, filters=DashboardFilter(), kind="actions", fmt="csv"
    )
    rows = list(csv.reader(io.StringIO(content.decode("utf-8-sig"))))
    titles = {r[4] for r in rows[1:]}
    assert '\'=HYPERLINK("x")' in titles and "'+31 6 1234" in titles
    book = load_workbook(
        io.BytesIO(
            portfolio_export(
                organisation=portfolio.a, filters=DashboardFilter(), kind="actions", fmt="xlsx"
            )
        )
    )
    assert '\'=HYPERLINK("x")' in {r[4] for r in book.active.values}


def test_downloads_need_the_right_role(portfolio):  # noqa: F811
    coordinator, member, outsider = Client(), Client(), Client()
    coordinator.force_login(portfolio.coordinator)
    member.force_login(portfolio.member)
    outsider.force_login(portfolio.b_coordinator)
    slug = portfolio.a.slug
    assert (
        coordinator.get(reverse("web:portfolio_report", args=[slug]))["Content-Type"]
        == "application/pdf"
    )
    xlsx = coordinator.get(reverse("web:portfolio_export", args=[slug, "scans", "xlsx"]))
    assert xlsx.status_code == 200 and xlsx.content[:2] == b"PK"
    assert (
        coordinator.get(reverse("web:portfolio_export", args=[slug, "nonsense", "csv"])).status_code
        == 404
    )
    for client in (member, outsider):
        assert client.get(reverse("web:portfolio_report", args=[slug])).status_code == 404
        assert (
            client.get(reverse("web:portfolio_export", args=[slug, "actions", "csv"])).status_code
            == 404
        )
    assert member.get(reverse("web:project_report", args=[portfolio.project.pk])).status_code == 200
    assert (
        outsider.get(reverse("web:project_report", args=[portfolio.project.pk])).status_code == 404
    )


def test_report_command(portfolio, tmp_path):  # noqa: F811
    call_command(
        "report", "project", str(portfolio.project.pk), "--output", str(tmp_path / "p.pdf")
    )
    assert (tmp_path / "p.pdf").read_bytes().startswith(b"%PDF")
    call_command(
        "report",
        "portfolio",
        "--organisation",
        portfolio.a.slug,
        "--output",
        str(tmp_path / "p.xlsx"),
        "--lang",
        "en",
    )
    assert load_workbook(tmp_path / "p.xlsx").sheetnames[0] == "Portfolio"
    with pytest.raises(CommandError, match="no organisation"):
        call_command(
            "report", "portfolio", "--organisation", "nope", "--output", str(tmp_path / "x.pdf")
        )
    with pytest.raises(CommandError, match="PDF"):
        call_command(
            "report", "project", str(portfolio.project.pk), "--output", str(tmp_path / "p.docx")
        )


@pytest.mark.parametrize(("language", "stage"), [("en", "Idea"), ("nl", "Idee")])
def test_portfolio_pdf_names_the_stage_of_stalled_projects(portfolio, language, stage):  # noqa: F811
    """The stalled table read 'None' in the PDF: the label lived only in the view's context."""
    long_ago = timezone.localdate() - datetime.timedelta(weeks=30)
    make_project(portfolio.a, portfolio.member, title="Zandbak", started_on=long_ago)
    text = pdf_text(
        portfolio_report_pdf(organisation=portfolio.a, filters=DashboardFilter(), language=language)
    )
    row = next(line for line in text.splitlines() if line.startswith("Zandbak"))
    assert stage in row and "None" not in text
    # The trend per quarter is in the PDF as on the page.
    assert ("Trend per quarter" if language == "en" else "Verloop per kwartaal") in text


def test_the_scans_export_reads_as_a_person_reads_it(portfolio):  # noqa: F811
    """Statement text, answer, scan kind, role and respondent by name; keys in their own
    columns. It showed 'f1.i1', 'full', 'project_leader' and a bare user id."""
    with translation.override("nl"):
        book = load_workbook(
            io.BytesIO(
                portfolio_export(
                    organisation=portfolio.a, filters=DashboardFilter(), kind="scans", fmt="xlsx"
                )
            )
        )
    header, *rows = list(book.active.values)
    row = dict(
        zip(header, next(r for r in rows if r[header.index("Sleutel van de stelling")] == "f8.i1"))
    )
    member = portfolio.member
    assert row["Stelling"] == "Statement 8.1 (nl)" and row["Naam van de factor"] == "Factor 8 (nl)"
    assert row["Soort"] == "Volledige scan"
    assert row["Respondent"] == member.get_full_name()
    assert row["Id van de respondent"] == member.pk
    assert row["Rol van de respondent"] == "Projectleider"
    assert row["Waarde (1-5)"] == 1 and row["Antwoord"] == "1 – helemaal niet waar"


@pytest.mark.parametrize(
    ("language", "delimiter", "score"), [("nl", ";", "25,0"), ("en", ",", "25.0")]
)
def test_csv_is_written_for_the_language_s_spreadsheet(portfolio, language, delimiter, score):  # noqa: F811
    """Dutch Excel splits on semicolons and reads decimal commas; a BOM marks UTF-8."""
    with translation.override(language):
        content = portfolio_export(
            organisation=portfolio.a, filters=DashboardFilter(), kind="portfolio", fmt="csv"
        )
    assert content.startswith("\ufeff".encode())
    rows = list(csv.reader(io.StringIO(content.decode("utf-8-sig")), delimiter=delimiter))
    assert len(rows) == 4 and len({len(r) for r in rows}) == 1 and len(rows[0]) > 10
    klaar = next(r for r in rows if r[1] == "Klaar")
    assert klaar[7 + 8] == score
