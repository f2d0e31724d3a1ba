"""A coordinator imports a spreadsheet of 300 projects, in a real browser: the dry run shows
the three bad rows (row, column, why) and saves nothing; the fixed list is imported at once;
importing it again changes nothing and adds no project twice. A list with a column of its
own goes through the column step. axe-core checks every page of the way."""

import pytest
from playwright.sync_api import expect

from koers.audit.models import ChangeRecord
from koers.organisations.models import Organisation, Role
from koers.projects.models import Project, Technique, Theme
from koers.projects.vocabulary import vocabulary_sync
from tests.factories import OrganisationFactory, member
from tests.imports.files import HEADERS_NL, csv_bytes, project_row, xlsx_bytes

from .conftest import check_accessibility, log_in

pytestmark = pytest.mark.e2e
# Making 300 projects (each walked through its stages) is one request; on a machine shared
# by many processes it can take minutes. Only a hang should fail the test, never slowness.
SLOW = 15 * 60 * 1000


def the_list(bad: bool) -> bytes:
    rows = [
        project_row(n, **{"E-mail projectleider": "leider@utrecht.nl" if n % 3 == 0 else ""})
        for n in range(1, 301)
    ]
    if bad:
        rows[9] = project_row(10, Fase="Bijna klaar")  # row 11
        rows[99] = project_row(100, **{"Gestart op": "31-13-2025"})  # row 101
        rows[199] = project_row(200, **{"E-mail projectleider": "onbekend@elders.nl"})  # 201
    return xlsx_bytes(rows)


def upload(page, base, tmp_path, name, raw):
    path = tmp_path / name
    path.write_bytes(raw)
    page.goto(f"{base}/organisations/utrecht/import/")
    page.set_input_files("#id_file", str(path))
    page.get_by_role("button", name="De lijst controleren").click()


def test_three_hundred_projects_three_bad_rows_fixed_and_imported_twice(
    live_server, page, transactional_db, tmp_path
):
    vocabulary_sync(Theme, Technique)  # a transactional test may follow one that emptied it
    org = OrganisationFactory(name="Gemeente Utrecht", slug="utrecht")
    member(org, Role.COORDINATOR, username="coord", email="coord@utrecht.nl")
    member(org, Role.MEMBER, username="leider", email="leider@utrecht.nl")
    base = live_server.url
    page.set_default_navigation_timeout(SLOW)
    log_in(page, base, "coord")
    page.goto(f"{base}/organisations/utrecht/import/")
    check_accessibility(page, "import-start")

    upload(page, base, tmp_path, "projecten.xlsx", the_list(bad=True))
    expect(page.get_by_role("heading", level=1)).to_have_text("Proefimport")
    expect(page.get_by_role("alert")).to_contain_text("3 rijen hebben problemen")
    problems = page.get_by_role("region", name="Problemen per rij")
    expect(problems.locator("tbody tr")).to_have_count(3)
    expect(problems.locator("tbody tr").nth(0)).to_contain_text("11")
    expect(problems.locator("tbody tr").nth(0)).to_contain_text("Fase (E)")
    expect(problems.locator("tbody tr").nth(1)).to_contain_text("Gestart op (F)")
    expect(problems.locator("tbody tr").nth(2)).to_contain_text("onbekend@elders.nl")
    expect(page.get_by_role("button", name="Importeer")).to_have_count(0)
    check_accessibility(page, "import-check-problems")
    assert Project.objects.count() == 0

    upload(page, base, tmp_path, "projecten.xlsx", the_list(bad=False))
    expect(page.get_by_role("status")).to_contain_text("Elke rij klopt")
    check_accessibility(page, "import-check")
    version = Organisation.objects.get(slug="utrecht").data_version
    page.get_by_role("button", name="Importeer 300 rijen").click(timeout=SLOW)
    expect(
        page.get_by_text("Geïmporteerd: 300 nieuw, 0 bijgewerkt, 0 ongewijzigd.")
    ).to_be_visible()
    assert Project.objects.filter(owner=org).count() == 300
    assert Organisation.objects.get(slug="utrecht").data_version == version + 1
    led = Project.objects.get(reference="P-00003")
    assert led.team.get().user.username == "leider"
    assert ChangeRecord.objects.filter(action="created", actor__username="coord").count() == 300

    # the same list again, with one title changed: one update, no duplicates
    rows = [project_row(n) for n in range(1, 301)]
    rows[4] = project_row(5, Titel="Project vijf, hernoemd")
    upload(page, base, tmp_path, "projecten.xlsx", xlsx_bytes(rows))
    expect(page.locator(".koers-summary")).to_contain_text("1 project bijgewerkt")
    expect(page.locator(".koers-summary")).to_contain_text("0 nieuwe projecten")
    page.get_by_role("button", name="Importeer 300 rijen").click(timeout=SLOW)
    expect(
        page.get_by_text("Geïmporteerd: 0 nieuw, 1 bijgewerkt, 299 ongewijzigd.")
    ).to_be_visible()
    assert Project.objects.filter(owner=org).count() == 300
    assert Project.objects.get(reference="P-00005").title == "Project vijf, hernoemd"


def test_a_column_of_its_own_is_mapped_in_english(live_server, page, transactional_db, tmp_path):
    vocabulary_sync(Theme, Technique)  # a transactional test may follow one that emptied it
    org = OrganisationFactory(name="Gemeente Utrecht", slug="utrecht")
    member(org, Role.ADMINISTRATOR, username="beheer", email="beheer@utrecht.nl")
    base = live_server.url
    page.context.add_cookies([{"name": "django_language", "value": "en", "url": base}])
    log_in(page, base, "beheer")
    headers = ["Zaaknummer", *HEADERS_NL[1:]]
    path = tmp_path / "lijst.csv"
    path.write_bytes(csv_bytes([project_row(1), project_row(2)], headers=headers, sep=","))
    page.goto(f"{base}/organisations/utrecht/import/")
    page.set_input_files("#id_file", str(path))
    page.get_by_role("button", name="Check the list").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Which field does each column fill?")
    check_accessibility(page, "import-columns")
    page.get_by_label("Zaaknummer (A)").select_option("reference")
    page.get_by_role("button", name="Dry run").click()
    expect(page.locator(".koers-summary")).to_contain_text("2 new projects")
    page.get_by_role("button", name="Import 2 rows").click()
    expect(page.get_by_text("Imported: 2 new, 0 updated, 0 unchanged.")).to_be_visible()
    assert set(Project.objects.values_list("reference", flat=True)) == {"P-00001", "P-00002"}


def test_a_long_list_is_imported_by_the_worker_while_the_page_waits(
    live_server, page, transactional_db, tmp_path, monkeypatch
):
    """The page says the list is being imported and looks again by itself; once the worker
    has imported it, the page shows the outcome. axe-core checks both states."""
    from types import SimpleNamespace

    from koers.imports import limits, tasks
    from koers.imports.models import ImportUpload
    from koers.imports.services import upload_run

    vocabulary_sync(Theme, Technique)
    monkeypatch.setattr(limits, "APPLY_IN_REQUEST_ROWS", 3)
    busy_worker = SimpleNamespace(enqueue=lambda upload_id: None)
    monkeypatch.setattr(tasks, "apply_upload", busy_worker)
    org = OrganisationFactory(name="Gemeente Utrecht", slug="utrecht")
    member(org, Role.COORDINATOR, username="coord", email="coord@utrecht.nl")
    base = live_server.url
    log_in(page, base, "coord")
    upload(page, base, tmp_path, "lang.csv", csv_bytes([project_row(n) for n in range(1, 8)]))
    page.get_by_role("button", name="Importeer 7 rijen").click()
    expect(page.get_by_role("status")).to_contain_text("(7 rijen) wordt geïmporteerd")
    check_accessibility(page, "import-status-pending")
    upload_run(upload_id=ImportUpload.objects.get().pk)  # the worker's turn
    # the page notices by itself (web/refresh.js) and shows the outcome
    expect(page.get_by_text("Geïmporteerd: 7 nieuw, 0 bijgewerkt, 0 ongewijzigd.")).to_be_visible(
        timeout=30_000
    )
    check_accessibility(page, "import-status-done")
    assert Project.objects.filter(owner=org).count() == 7
