"""The portfolio workbook has a sheet per kind of evidence, named in the reader's language,
with real dates and numbers, formula-looking text neutralised, and only the portfolio's
projects."""

import datetime
import io

import pytest
from django.utils import translation
from openpyxl import load_workbook

from koers.evidence import services
from koers.insights.selectors import DashboardFilter
from koers.reports.documents import portfolio_export
from tests.factories import make_project

D = datetime.date


def workbook(organisation, language):
    with translation.override(language):
        content = portfolio_export(
            organisation=organisation, filters=DashboardFilter(), kind="all", fmt="xlsx"
        )
    return load_workbook(io.BytesIO(content))


@pytest.mark.parametrize(
    ("language", "names"),
    [
        ("en", ["Steps", "End-user sessions", "Learning events"]),
        ("nl", ["Stappen", "Sessies met eindgebruikers", "Leermomenten"]),
    ],
)
def test_a_sheet_per_kind_of_evidence(world, language, names):
    step = services.step_create(
        project=world.project,
        by=world.member,
        goal="=HYPERLINK(1)",
        started_on=D(2026, 3, 1),
        planned_end=D(2026, 3, 14),
        ended_on=D(2026, 3, 11),
        result="redo",
        note="Te grof",
    )
    services.end_user_session_create(
        project=world.project, by=world.member, kind="test", held_on=D(2026, 3, 5), participants=7
    )
    services.learning_event_create(
        project=world.project,
        by=world.member,
        kind="retrospective",
        held_on=D(2026, 3, 12),
        lesson="Kleiner knippen",
    )
    other = make_project(world.b, world.b_member, title="Elders")
    services.end_user_session_create(
        project=other, by=world.b_member, kind="demo", held_on=D(2026, 3, 5), participants=3
    )

    book = workbook(world.a, language)
    assert [n for n in book.sheetnames if n in names] == names
    steps = list(book[names[0]].values)
    assert len(steps) == 3  # the redo and its next try
    first = next(r for r in steps[1:] if r[0] == step.pk)
    assert first[3] == "'=HYPERLINK(1)"
    assert isinstance(first[6], datetime.datetime) and first[10] == 10
    assert first[9] == ("Redo" if language == "en" else "Opnieuw")
    second = next(r for r in steps[1:] if r[0] != step.pk)
    assert (second[4], second[5], second[8]) == (2, step.pk, None)
    sessions = list(book[names[1]].values)
    assert len(sessions) == 2 and sessions[1][5] == 7  # not the other organisation's
    learning = list(book[names[2]].values)
    assert learning[1][6] == "Kleiner knippen"
