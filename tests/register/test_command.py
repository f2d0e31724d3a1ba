"""`koers algoritmeregister export`: writes the complete records as JSON or CSV, names the
left-out ones on stderr, and exits non-zero (writing nothing) when none is complete."""

import io
import json

import pytest
from django.core.management import CommandError, call_command

from koers.register.export import schema_errors
from koers.register.services import algorithm_record_create
from tests.factories import make_project

from .helpers import complete_record


def _run(*args):
    out, err = io.StringIO(), io.StringIO()
    call_command("algoritmeregister", "export", *args, stdout=out, stderr=err)
    return out.getvalue(), err.getvalue()


def test_json_of_the_complete_records_and_the_others_on_stderr(world, tmp_path):
    complete_record(world.project, world.member)
    draft = make_project(world.a, world.member, title="Bijstand voorspellen")
    algorithm_record_create(project=draft, by=world.member)
    target = tmp_path / "register.json"
    out, err = _run("--organisation", world.a.slug, "--output", str(target))
    documents = json.loads(target.read_text(encoding="utf-8"))
    assert [d["name"] for d in documents] == ["Veegroute voorspellen"]
    assert all(schema_errors(d) == [] for d in documents)
    assert "1 record(s), 1 left out" in out
    assert f"Left out: Project {draft.pk} “Bijstand voorspellen”: missing:" in err


def test_csv_and_one_project(world, tmp_path):
    complete_record(world.project, world.member)
    other = make_project(world.a, world.member, title="Ander")
    complete_record(other, world.member, name="Ander algoritme")
    target = tmp_path / "register.csv"
    _run("--organisation", world.a.slug, "--output", str(target), "--project", str(other.pk))
    rows = target.read_text(encoding="utf-8-sig").strip().splitlines()
    assert len(rows) == 2 and "Ander algoritme" in rows[1]


def test_nothing_complete_exits_non_zero_and_writes_nothing(world, tmp_path):
    algorithm_record_create(project=world.project, by=world.member)
    target = tmp_path / "register.json"
    err = io.StringIO()
    with pytest.raises(CommandError, match="No register record is complete"):
        call_command(
            "algoritmeregister",
            "export",
            "--organisation",
            world.a.slug,
            "--output",
            str(target),
            stderr=err,
        )
    assert not target.exists()
    assert "Left out: Project" in err.getvalue()


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--organisation", "nergens", "--output", "x.json"], "no organisation"),
        (["--organisation", "{slug}", "--output", "x.xlsx"], "FILE.json or FILE.csv"),
        (["--organisation", "{slug}", "--output", "x.json", "--project", "999999"], "no register"),
    ],
)
def test_bad_arguments_are_explained(world, tmp_path, args, message):
    args = [a.replace("{slug}", world.a.slug) for a in args]
    args[args.index("--output") + 1] = str(tmp_path / args[args.index("--output") + 1])
    with pytest.raises(CommandError, match=message):
        _run(*args)


def test_another_organisations_project_is_not_exported(world, tmp_path):
    complete_record(world.project, world.member)
    with pytest.raises(CommandError, match="no register record"):
        _run(
            "--organisation",
            world.b.slug,
            "--output",
            str(tmp_path / "x.json"),
            "--project",
            str(world.project.pk),
        )
