"""The pages for a project's partners, budget lines and mandates: the team adds and changes
them; bad input is a Dutch message on its field and saves nothing; a stale page is refused;
another organisation's ids are 404; the project page shows them, its team's disciplines and
its sponsor in a number of queries that does not grow with them."""

import datetime
from decimal import Decimal

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from koers.partners.models import Partner
from koers.partners.services import partner_add
from koers.projects.models import BudgetLine, Mandate, TeamRole
from koers.projects.room import budget_line_add, mandate_add
from koers.projects.services import team_member_set

DAY = datetime.date(2026, 2, 1)


def client_for(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def add_partner(world, n=0, **overrides):
    values = dict(
        project=world.project,
        by=world.member,
        kind="supplier",
        name=f"Leverancier {n}",
        starts_on=DAY,
        brings=["knowledge"],
    )
    return partner_add(**{**values, **overrides})


def test_a_team_member_adds_a_partner_linked_to_an_organisation(world):
    url = reverse("web:partner_add", args=[world.project.pk])
    client = client_for(world.member)
    page = client.get(url)
    assert page.status_code == 200
    offered = set(page.context["form"].fields["organisation"].queryset)
    assert world.b in offered and world.a not in offered  # not the project's own
    response = client.post(
        url,
        {
            "kind": "municipality",
            "organisation": world.b.pk,
            "brings": ["knowledge", "data"],
            "starts_on": "2026-02-01",
        },
    )
    assert response.status_code == 302 and response["Location"].endswith("#partners")
    partner = Partner.objects.get()
    assert (partner.organisation, partner.brings) == (world.b, ["knowledge", "data"])
    body = client.get(reverse("web:project", args=[world.project.pk])).content.decode()
    assert world.b.name in body and "Netwerk en keten" in body


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (  # dates in the wrong order
            {"kind": "supplier", "name": "X", "brings": ["data"], "starts_on": "2026-02-01",
             "ends_on": "2026-01-01"},
            "De einddatum kan niet voor de begindatum liggen.",
        ),
        (  # neither an organisation nor a name
            {"kind": "supplier", "brings": ["data"], "starts_on": "2026-02-01"},
            "Kies een organisatie in Koers of geef de naam van de partner.",
        ),
        (  # nothing it brings
            {"kind": "supplier", "name": "X", "starts_on": "2026-02-01"},
            "Geef aan wat de partner inbrengt",
        ),
    ],
)  # fmt: skip
def test_bad_partners_are_refused_in_dutch_and_nothing_saved(world, data, message):
    url = reverse("web:partner_add", args=[world.project.pk])
    response = client_for(world.member).post(url, data)
    assert response.status_code == 200
    assert message in response.content.decode()
    assert not Partner.objects.exists()


def test_a_negative_amount_and_a_period_in_the_wrong_order_are_refused(world):
    url = reverse("web:budget_add", args=[world.project.pk])
    client = client_for(world.member)
    data = {"amount": "-5", "source": "Fonds", "starts_on": "2026-01-01", "ends_on": "2026-12-31"}
    body = client.post(url, data).content.decode()
    assert "Een bedrag kan niet negatief zijn." in body
    body = client.post(url, {**data, "amount": "5", "ends_on": "2025-12-31"}).content.decode()
    assert "De einddatum kan niet voor de begindatum liggen." in body
    assert not BudgetLine.objects.exists()
    # A Dutch amount with a decimal comma is read as the user means it.
    assert client.post(url, {**data, "amount": "1250,50"}).status_code == 302
    assert BudgetLine.objects.get().amount == Decimal("1250.50")


def test_a_mandate_is_recorded_and_a_future_one_refused(world):
    url = reverse("web:mandate_add", args=[world.project.pk])
    client = client_for(world.member)
    data = {"decided_on": "2099-01-01", "decided_by": "Directie", "scope": "Experiment"}
    assert "niet in de toekomst" in client.post(url, data).content.decode()
    assert not Mandate.objects.exists()
    assert client.post(url, {**data, "decided_on": "2026-01-05"}).status_code == 302
    assert Mandate.objects.get().decided_by == "Directie"


def test_a_stale_page_is_refused_and_changes_nothing(world):
    partner = add_partner(world)
    url = reverse("web:partner_edit", args=[partner.pk])
    data = {"kind": "supplier", "name": "Nieuw", "brings": ["data"], "starts_on": "2026-02-01"}
    client = client_for(world.member)
    assert client.post(url, {**data, "version": 1}).status_code == 302
    response = client.post(url, {**data, "name": "Later", "version": 1})
    assert "ondertussen" in response.content.decode()
    partner.refresh_from_db()
    assert (partner.name, partner.version) == ("Nieuw", 2)


def test_a_partner_is_removed_and_the_history_keeps_it(world):
    partner = add_partner(world)
    client = client_for(world.member)
    url = reverse("web:partner_remove", args=[partner.pk])
    assert client.get(url).status_code == 405
    assert client.post(url, {"version": "1"}).status_code == 302
    assert not Partner.objects.exists()
    body = client.get(reverse("web:project_history", args=[world.project.pk])).content.decode()
    assert "verwijderde de partner Leverancier 0" in body


def test_who_may_see_and_change_the_pages(world):
    partner = add_partner(world)
    line = budget_line_add(
        project=world.project, by=world.member, amount=Decimal(1), source="F", starts_on=DAY,
        ends_on=DAY,
    )  # fmt: skip
    given = mandate_add(
        project=world.project, by=world.member, decided_on=DAY, decided_by="D", scope="S"
    )
    edits = [
        reverse("web:partner_edit", args=[partner.pk]),
        reverse("web:budget_edit", args=[line.pk]),
        reverse("web:mandate_edit", args=[given.pk]),
    ]
    adds = [
        reverse(f"web:{kind}_add", args=[world.project.pk])
        for kind in ("partner", "budget", "mandate")
    ]
    removes = [
        reverse("web:partner_remove", args=[partner.pk]),
        reverse("web:budget_remove", args=[line.pk]),
        reverse("web:mandate_remove", args=[given.pk]),
    ]
    viewer, outsider = client_for(world.viewer), client_for(world.b_coordinator)
    for url in edits + adds:
        assert viewer.get(url).status_code == 403, url  # sees the project, may not change it
        assert outsider.get(url).status_code == 404, url  # another organisation's ids
    for url in removes:
        assert viewer.post(url).status_code == 403, url
        assert outsider.post(url).status_code == 404, url
    coordinator = client_for(world.coordinator)
    for url in edits + adds:
        assert coordinator.get(url).status_code == 200, url
    assert Partner.objects.count() == BudgetLine.objects.count() == Mandate.objects.count() == 1


def test_the_project_page_shows_disciplines_sponsor_and_room(world):
    team_member_set(
        project=world.project,
        by=world.member,
        user=world.other_member,
        team_role=TeamRole.PRIVACY_OFFICER,
    )
    client = client_for(world.viewer)
    body = client.get(reverse("web:project", args=[world.project.pk])).content.decode()
    assert "Disciplines in het team" in body
    assert "Privacy officer: in het team" in body
    assert "Domeinexpert: <strong>ontbreekt</strong>" in body
    assert "Nog geen budget vastgelegd" in body and "Nog geen mandaat vastgelegd" in body
    assert "Budgetregel toevoegen" not in body  # a viewer is not offered what they may not do


def test_query_counts_do_not_grow_with_partners_budget_and_mandates(world):
    client = client_for(world.member)
    url = reverse("web:project", args=[world.project.pk])

    def count():
        with CaptureQueriesContext(connection) as ctx:
            assert client.get(url).status_code == 200
        return len(ctx.captured_queries)

    def add(n):
        add_partner(world, n)
        add_partner(world, n, kind="chain_partner", organisation=world.b, name="")
        budget_line_add(
            project=world.project, by=world.member, amount=Decimal(n), source=f"F{n}",
            starts_on=DAY, ends_on=DAY,
        )  # fmt: skip
        mandate_add(
            project=world.project, by=world.member, decided_on=DAY, decided_by=f"D{n}", scope="S"
        )

    add(0)
    small = count()
    for n in range(1, 12):
        add(n)
    assert count() == small


@pytest.mark.parametrize("value", ["99999999999999999999999", "abc", "-1", "0"])
def test_a_word_or_a_huge_id_for_the_organisation_is_a_message(world, value):
    url = reverse("web:partner_add", args=[world.project.pk])
    data = {"kind": "chain_partner", "organisation": value, "brings": ["data"],
            "starts_on": "2026-02-01"}  # fmt: skip
    response = client_for(world.member).post(url, data)
    assert response.status_code == 200
    assert "koers-error" in response.content.decode()
    assert not Partner.objects.exists()


@pytest.mark.parametrize("url_name", ["web:partner_edit", "web:budget_edit", "web:mandate_edit"])
def test_an_unknown_or_huge_record_id_is_not_found(world, url_name):
    client = client_for(world.member)
    for pk in (999999, 2**63 - 1):
        assert client.get(reverse(url_name, args=[pk])).status_code == 404
