"""`koers import projects FILE --organisation SLUG [--dry-run] [--user USERNAME]`: prints
what would happen, prints every row's problem and exits non-zero when anything is wrong,
and saves nothing then."""

import pytest
from django.core.management import CommandError, call_command

from koers.organisations.models import Role
from koers.projects.models import Project
from tests.factories import OrganisationFactory, member

from .files import csv_bytes, pdf_bytes, project_row, xlsx_bytes


@pytest.fixture
def org(db):
    org = OrganisationFactory(slug="utrecht")
    member(org, Role.COORDINATOR, username="coord")
    member(org, Role.MEMBER, username="lid")
    return org


def run(path, *args, capsys):
    call_command("import", "projects", str(path), "--organisation", "utrecht", *args)
    return capsys.readouterr()


def test_dry_run_then_apply(org, tmp_path, capsys):
    path = tmp_path / "lijst.xlsx"
    path.write_bytes(xlsx_bytes([project_row(n) for n in range(1, 4)]))
    out = run(path, "--dry-run", capsys=capsys).out
    assert "3 rows: 3 to create, 0 to update, 0 unchanged, 0 with problems." in out
    assert "Dry run: nothing saved." in out
    assert Project.objects.count() == 0
    out = run(path, "--user", "coord", capsys=capsys).out
    assert "Imported: 3 created, 0 updated, 0 unchanged." in out
    out = run(path, "--user", "coord", capsys=capsys).out
    assert "Imported: 0 created, 0 updated, 3 unchanged." in out
    assert Project.objects.count() == 3


def test_row_errors_are_printed_and_the_exit_is_non_zero(org, tmp_path, capsys):
    path = tmp_path / "lijst.csv"
    path.write_bytes(csv_bytes([project_row(1), project_row(2, Fase="Klaar")]))
    with pytest.raises(CommandError, match="has problems; nothing imported"):
        run(path, "--user", "coord", capsys=capsys)
    err = capsys.readouterr().err
    assert "Row 3, column Fase (E): “Klaar” is not known here." in err
    assert Project.objects.count() == 0


def test_row_errors_in_dutch(org, tmp_path, capsys):
    path = tmp_path / "lijst.csv"
    path.write_bytes(csv_bytes([project_row(1, Fase="Klaar")]))
    with pytest.raises(CommandError):
        run(path, "--dry-run", "--language", "nl", capsys=capsys)
    assert "kennen we hier niet" in capsys.readouterr().err


def test_a_bad_file_is_a_clear_error(org, tmp_path, capsys):
    path = tmp_path / "lijst.xlsx"
    path.write_bytes(pdf_bytes())
    with pytest.raises(CommandError, match="PDF"):
        run(path, "--dry-run", capsys=capsys)


def test_apply_needs_a_coordinator(org, tmp_path, capsys):
    path = tmp_path / "lijst.csv"
    path.write_bytes(csv_bytes([project_row(1)]))
    with pytest.raises(CommandError, match="--user"):
        run(path, capsys=capsys)
    with pytest.raises(CommandError, match="Only coordinators and administrators"):
        run(path, "--user", "lid", capsys=capsys)
    assert Project.objects.count() == 0


def test_columns_are_chosen_on_the_command_line(org, tmp_path, capsys):
    """The page's column step, as --column "Column name=field": a field's key or its name;
    an empty field leaves a column out."""
    headers = ["Projectcode", "Naam project", "Probleem", "Domein", "Opmerking"]
    rows = [["P-1", "Slim vegen", "Waar vegen?", "Fysiek domein", "weg ermee"]]
    path = tmp_path / "eigen.csv"
    path.write_bytes(csv_bytes(rows, headers=headers))
    out = run(
        path,
        "--user",
        "coord",
        "--column",
        "Projectcode=reference",
        "--column",
        "naam project=Titel",  # the column's name in any case; the field by its Dutch name
        "--column",
        "Opmerking=",
        capsys=capsys,
    ).out
    assert "Imported: 1 created" in out
    project = Project.objects.get()
    assert (project.reference, project.title) == ("P-1", "Slim vegen")


def test_a_choice_overrides_a_recognised_column(org, tmp_path, capsys):
    headers = ["Kenmerk", "Titel", "Korte titel", "Probleem", "Domein"]
    rows = [["P-1", "Een lange titel", "Kort", "Waar vegen?", "Fysiek domein"]]
    path = tmp_path / "eigen.csv"
    path.write_bytes(csv_bytes(rows, headers=headers))
    run(path, "--user", "coord", "--column", "Korte titel=title", capsys=capsys)
    assert Project.objects.get().title == "Kort"


@pytest.mark.parametrize(
    ("choice", "message"),
    [
        ("Naam=title", "The file has no column “Naam”. Its columns: “Kenmerk”"),
        ("Titel=budget", "“budget” is not a field. The fields: reference, title,"),
        ("Titel", "Write a column choice as “column name=field”"),
    ],
)
def test_an_unknown_column_or_field_is_a_clear_error(org, tmp_path, capsys, choice, message):
    path = tmp_path / "lijst.csv"
    path.write_bytes(csv_bytes([project_row(1)]))
    with pytest.raises(CommandError, match=message):
        run(path, "--dry-run", "--column", choice, capsys=capsys)
    assert Project.objects.count() == 0


def test_two_columns_for_one_field_is_a_clear_error(org, tmp_path, capsys):
    path = tmp_path / "lijst.csv"
    path.write_bytes(csv_bytes([project_row(1)]))
    with pytest.raises(CommandError, match="Two columns fill the field “title”"):
        run(
            path,
            "--dry-run",
            "--column",
            "Titel=title",
            "--column",
            "Probleem=title",
            capsys=capsys,
        )
