"""The import pages: upload → columns (only when needed) → dry run → apply; templates to
download; who may use them; bad files refused on the page with nothing saved."""

import csv
import io

import openpyxl
import pytest
from django.urls import reverse

from koers.imports import limits
from koers.imports.models import ImportUpload
from koers.organisations.models import Role
from koers.projects.models import Project
from tests.factories import OrganisationFactory, member

from .files import HEADERS_NL, csv_bytes, pdf_bytes, project_row, xlsx_bytes, zip_bomb


@pytest.fixture
def org(db):
    return OrganisationFactory(slug="utrecht", name="Gemeente Utrecht")


@pytest.fixture
def coordinator(org, client):
    person = member(org, Role.COORDINATOR)
    client.force_login(person)
    return person


def upload(client, raw, name="lijst.xlsx"):
    from django.core.files.uploadedfile import SimpleUploadedFile

    return client.post(
        reverse("web:import_start", args=["utrecht"]),
        {"file": SimpleUploadedFile(name, raw)},
    )


def test_a_recognised_list_goes_straight_to_the_dry_run_and_is_imported(client, coordinator):
    response = upload(client, xlsx_bytes([project_row(1), project_row(2)]))
    pk = ImportUpload.objects.get().pk
    assert response.url == reverse("web:import_check", args=["utrecht", pk])
    page = client.get(response.url)
    assert page.status_code == 200
    html = page.content.decode()
    assert "2 nieuwe projecten" in html and "Importeer 2 rijen" in html
    assert Project.objects.count() == 0
    done = client.post(reverse("web:import_apply", args=["utrecht", pk]), follow=True)
    assert "Geïmporteerd: 2 nieuw, 0 bijgewerkt, 0 ongewijzigd." in done.content.decode()
    assert Project.objects.count() == 2
    assert not ImportUpload.objects.exists()


def test_unknown_columns_are_mapped_first(client, coordinator):
    headers = ["Nummer", *HEADERS_NL[1:]]
    response = upload(client, csv_bytes([project_row(1)], headers=headers), name="lijst.csv")
    pk = ImportUpload.objects.get().pk
    assert response.url == reverse("web:import_columns", args=["utrecht", pk])
    page = client.get(response.url).content.decode()
    assert "Nummer (A)" in page and "Titel (B)" in page
    fields = {f"col_{i}": "" for i in range(len(headers))}
    fields.update({"col_0": "reference", "col_1": "title", "col_2": "title"})
    twice = client.post(response.url, fields)
    assert "Een andere kolom vult dit veld ook" in twice.content.decode()
    fields["col_2"] = "problem"
    fields["col_3"] = "domain"
    mapped = client.post(response.url, fields)
    assert mapped.url == reverse("web:import_check", args=["utrecht", pk])
    page = client.get(mapped.url).content.decode()
    assert "1 nieuw project" in page
    assert "Weggelaten:" in page  # the columns left out are named


def test_row_problems_are_listed_and_nothing_can_be_applied(client, coordinator):
    upload(client, csv_bytes([project_row(1), project_row(2, Domein="Ruimte")]), name="l.csv")
    pk = ImportUpload.objects.get().pk
    page = client.get(reverse("web:import_check", args=["utrecht", pk])).content.decode()
    assert "1 rij heeft een probleem" in page
    assert "Domein (D)" in page and "“Ruimte” kennen we hier niet" in page
    assert "Importeer" not in page
    refused = client.post(reverse("web:import_apply", args=["utrecht", pk]))
    assert refused.status_code == 200 and Project.objects.count() == 0


@pytest.mark.parametrize(
    ("raw", "message"),
    [
        (pdf_bytes(), "Dit bestand is een pdf"),
        (b"", "Het verstuurde bestand is leeg"),  # Django's own check of the form
        (zip_bomb(), "uitgepakt meer dan 100 MB"),
        ("Kenmerk;Titel\nP-1;Caf\u00e9".encode("utf-16"), "CSV UTF-8"),
    ],
)
def test_bad_files_are_refused_on_the_page_with_nothing_kept(client, coordinator, raw, message):
    response = upload(client, raw)
    assert response.status_code == 200
    assert message in response.content.decode()
    assert not ImportUpload.objects.exists() and Project.objects.count() == 0


def test_fifty_megabytes_is_refused_by_the_form(client, coordinator):
    response = upload(client, b"a;b\n" + b"x" * (50 * 1024 * 1024))
    assert "hoogstens 10 MB" in response.content.decode()
    assert not ImportUpload.objects.exists()


def test_the_page_states_the_limits(client, coordinator):
    page = client.get(reverse("web:import_start", args=["utrecht"])).content.decode()
    for limit in (
        f"{limits.MAX_ROWS} rijen",
        f"{limits.MAX_COLUMNS} kolommen",
        f"{limits.MAX_CELL_CHARS} tekens per cel",
        f"{limits.MAX_FILE_BYTES // (1024 * 1024)} MB",
        f"meer dan {limits.APPLY_IN_REQUEST_ROWS} rijen wordt op de achtergrond",
        "met = begint wordt geweigerd",
    ):
        assert limit in page


@pytest.mark.parametrize("language", ["nl", "en"])
def test_templates_download_in_both_languages(client, coordinator, language):
    xlsx = client.get(reverse("web:import_template", args=["utrecht", language, "xlsx"]))
    workbook = openpyxl.load_workbook(io.BytesIO(xlsx.content))
    sheet = workbook.worksheets[0]
    first = [c.value for c in next(sheet.iter_rows(max_row=1))]
    assert first[0] == ("Kenmerk" if language == "nl" else "Reference")
    assert len(workbook.worksheets) == 2  # the explanation
    raw = client.get(reverse("web:import_template", args=["utrecht", language, "csv"])).content
    assert raw.startswith(b"\xef\xbb\xbf")
    sep = ";" if language == "nl" else ","
    header = next(csv.reader(io.StringIO(raw.decode("utf-8-sig")), delimiter=sep))
    assert header == first


def test_the_templates_are_read_back_by_the_import(client, coordinator):
    from koers.imports.columns import COLUMNS, recognise
    from koers.imports.reading import read_table

    for language in ("nl", "en"):
        for kind in ("xlsx", "csv"):
            raw = client.get(reverse("web:import_template", args=["utrecht", language, kind]))
            content = raw.content + (b"" if kind == "xlsx" else b"P-1\r\n")
            if kind == "xlsx":
                workbook = openpyxl.load_workbook(io.BytesIO(content))
                workbook.worksheets[0].append(["P-1"])
                out = io.BytesIO()
                workbook.save(out)
                content = out.getvalue()
            table = read_table(content)
            assert sorted(recognise(table.headers).values()) == sorted(c.key for c in COLUMNS)


@pytest.mark.parametrize("role", [Role.MEMBER, Role.VIEWER])
def test_members_and_viewers_are_told_they_may_not(client, org, role):
    client.force_login(member(org, role))
    response = client.get(reverse("web:import_start", args=["utrecht"]))
    assert response.status_code == 403
    assert "Alleen coördinatoren en beheerders van Gemeente Utrecht" in response.content.decode()


def test_another_organisation_is_not_found(client, org):
    other = OrganisationFactory()
    client.force_login(member(other, Role.COORDINATOR))
    assert client.get(reverse("web:import_start", args=["utrecht"])).status_code == 404


def test_another_persons_upload_is_not_found(client, org, coordinator):
    upload(client, xlsx_bytes([project_row(1)]))
    pk = ImportUpload.objects.get().pk
    client.force_login(member(org, Role.COORDINATOR))
    assert client.get(reverse("web:import_check", args=["utrecht", pk])).status_code == 404
    assert client.post(reverse("web:import_apply", args=["utrecht", pk])).status_code == 404
    assert Project.objects.count() == 0


def test_the_page_takes_as_many_rows_as_the_command_line_and_no_more(client, coordinator):
    rows = [["P", "T"]] * (limits.MAX_ROWS + 1)
    response = upload(client, csv_bytes(rows, headers=["Kenmerk", "Titel"]), name="l.csv")
    assert "meer dan 10000 rijen; importeer hem in delen" in response.content.decode()
    assert not ImportUpload.objects.exists()
