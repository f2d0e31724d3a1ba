"""Dutch wording: real plurals, the stage's own word, "je" throughout, month abbreviations in
lower case as Dutch writes them, and no "(optional)" on a note that is required when a
project stops. The catalogue is checked as a whole so that siblings are caught too."""

import datetime
import re
from pathlib import Path

import pytest
from django.test import Client
from django.urls import reverse

from koers.assessments.models import Response
from koers.assessments.services import response_save, scan_indicators, scan_start
from koers.insights.selectors import DashboardFilter, dashboard_get
from koers.insights.summary import dashboard_summary
from koers.projects.services import project_move_stage
from tests.factories import make_project

CATALOGUE = Path(__file__).resolve().parents[2] / "src/koers/locale/nl/LC_MESSAGES/django.po"


def _entries() -> list[tuple[str, str]]:
    """(msgid, all msgstr forms joined) per entry of the Dutch catalogue."""
    out, msgid, msgstr, key = [], "", "", None
    for line in [*CATALOGUE.read_text(encoding="utf-8").splitlines(), ""]:
        m = re.match(r'^(msgid|msgid_plural|msgstr(?:\[\d\])?) "(.*)"$', line)
        if m:
            key = m.group(1)
            if key == "msgid":
                msgid = m.group(2)
            elif key.startswith("msgstr"):
                msgstr += " " + m.group(2)
        elif line.startswith('"') and key:
            if key == "msgid":
                msgid += line[1:-1]
            elif key.startswith("msgstr"):
                msgstr += line[1:-1]
        elif not line.strip():
            if msgid:
                out.append((msgid, msgstr))
            msgid, msgstr, key = "", "", None
    return out


@pytest.mark.parametrize(
    ("pattern", "why"),
    [
        (r"\b[Uu]w\b|\b[Uu]\b(?! ?=)", "Koers says 'je', never 'u'/'uw'"),
        (r"\w/\w*leden|\(s\)|\(en\)\b", "a plural is chosen by number, not written as a/b"),
        (r"ingevoerd", "implemented is 'geïmplementeerd', the stage's own word"),
        (r"Meenemen", "downloads are called downloads"),
    ],
)
def test_the_dutch_catalogue_avoids(pattern, why):
    found = [(i, s) for i, s in _entries() if re.search(pattern, s)]
    assert not found, f"{why}: {found}"


def test_english_msgids_with_a_number_in_brackets_are_plural_forms():
    assert not [i for i, _s in _entries() if "(s)" in i]


@pytest.fixture
def dutch_client(world):
    client = Client()
    client.force_login(world.member)
    return client


def test_month_abbreviations_are_lower_case_in_dutch(world, dutch_client):
    project = make_project(world.a, world.member, started_on=datetime.date(2025, 3, 31))
    body = dutch_client.get(reverse("web:project", args=[project.pk])).content.decode()
    assert "31 mrt 2025" in body and "Mrt" not in body
    dutch_client.post(reverse("set_language"), {"language": "en", "next": "/"})
    body = dutch_client.get(reverse("web:project", args=[project.pk])).content.decode()
    assert "31 Mar 2025" in body


def test_one_team_member_is_one_teamlid(world, dutch_client):
    scan = scan_start(project=world.project, by=world.member, respondents=[world.member])
    response = Response.objects.get(scan=scan)
    response_save(
        response=response,
        by=world.member,
        answers={i.pk: 4 for i in scan_indicators(scan)},
        notes={},
        expected_version=1,
        submit=True,
    )
    body = dutch_client.get(reverse("web:project", args=[world.project.pk])).content.decode()
    assert "ingevuld door 1 teamlid." in body and "teamlid/teamleden" not in body
    body = dutch_client.get(reverse("web:scan", args=[scan.pk])).content.decode()
    assert "1 van de 1 teamleden heeft geantwoord" in body


def test_the_summary_agrees_in_number(world):
    from django.utils import translation

    done = make_project(world.a, world.member, title="Klaar")
    for stage in ("experiment", "development", "implemented"):
        project_move_stage(project=done, by=world.member, to=stage)
    with translation.override("nl"):
        data = dashboard_get(
            user=world.coordinator, organisation=world.a, filters=DashboardFilter()
        )
        summary = dashboard_summary(data)
        assert "1 van de 2 projecten is geïmplementeerd of opgeschaald." in summary
        # One cohort of one project: no "1 van de 1 projecten ... kwamen".
        year = data.cohorts[-1].year
        assert (
            f"Projecten die in {year} begonnen en de experimentfase haalden: 1, waarvan 1 "
            "geïmplementeerd." in summary
        )


def test_the_stage_note_is_not_called_optional(world, dutch_client):
    body = dutch_client.get(reverse("web:project_stage", args=[world.project.pk])).content.decode()
    label = re.search(r'<label[^>]*for="id_note"[^>]*>(.*?)</label>', body, re.S).group(1)
    assert "optioneel" not in label
    assert "Verplicht als het project stopt" in body


def test_the_download_line_says_download(world):
    client = Client()
    client.force_login(world.coordinator)
    body = client.get(reverse("web:dashboard", args=[world.a.slug])).content.decode()
    assert "Downloaden:" in body and "Meenemen" not in body
