"""The portfolio workbook has a sheet of partners, of budget lines and of mandates, named in
the reader's language, with real types, and rows only of the organisation's portfolio."""

import datetime
import io
from decimal import Decimal

from django.utils import translation
from openpyxl import load_workbook

from koers.insights.selectors import DashboardFilter
from koers.partners.services import partner_add
from koers.projects.room import budget_line_add, mandate_add
from koers.reports.documents import portfolio_export
from tests.factories import make_project

DAY = datetime.date(2026, 2, 1)


def workbook(organisation):
    return load_workbook(
        io.BytesIO(
            portfolio_export(
                organisation=organisation, filters=DashboardFilter(), kind="all", fmt="xlsx"
            )
        )
    )


def test_partners_budget_and_mandates_sheets(world):
    partner_add(
        project=world.project,
        by=world.member,
        kind="supplier",
        name="Datalab BV",
        starts_on=DAY,
        brings=["knowledge", "technology"],
    )
    partner_add(
        project=world.project,
        by=world.member,
        kind="municipality",
        organisation=world.b,
        starts_on=DAY,
        brings=["data"],
    )
    budget_line_add(
        project=world.project,
        by=world.member,
        amount=Decimal("1250.50"),
        source="Innovatiefonds",
        starts_on=DAY,
        ends_on=DAY + datetime.timedelta(days=30),
    )
    mandate_add(
        project=world.project, by=world.member, decided_on=DAY, decided_by="CIO", scope="Pilot"
    )
    other = make_project(world.b, world.b_member, title="Elders")
    partner_add(
        project=other, by=world.b_member, kind="supplier", name="Niet van A", starts_on=DAY,
        brings=["data"],
    )  # fmt: skip

    book = workbook(world.a)
    assert {"Partners", "Budget", "Mandates"} <= set(book.sheetnames)
    partners = list(book["Partners"].values)
    assert partners[0][:6] == (
        "Project id", "Project", "Partner", "Organisation in Koers", "Kind", "Market or network",
    )  # fmt: skip
    names = {row[2]: row for row in partners[1:]}
    assert set(names) == {"Datalab BV", world.b.name}  # not the other organisation's
    assert names["Datalab BV"][5] == "market" and names["Datalab BV"][6:11] == (
        True, True, False, False, False,
    )  # fmt: skip
    assert names[world.b.name][3] == world.b.slug
    budget = list(book["Budget"].values)
    assert budget[1][2:4] == ("Innovatiefonds", 1250.5)
    assert isinstance(budget[1][4], datetime.datetime)  # a date cell
    assert list(book["Mandates"].values)[1][3:] == ("CIO", "Pilot")

    with translation.override("nl"):
        dutch = workbook(world.a)
    assert {"Partners", "Budget", "Mandaten"} <= set(dutch.sheetnames)
    assert list(dutch["Partners"].values)[0][5] == "Markt of netwerk"
