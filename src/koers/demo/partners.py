"""Demo evidence for factors 1, 2, 5, 6 and 7, fitting the hidden outcome model
(koers.demo.model): a strong factor 5 gets the study's full team with a privacy officer, a
strong 6 suppliers who bring knowledge, a strong 7 network partners (other demo
municipalities, linked once they exist), a strong 2 a sponsor, budget and a mandate.

Deterministic: a random generator of its own per organisation (so the rest of the demo draws
the same numbers as without it), dates relative to the project's start and the generator's
reference date.
"""

import datetime
import random
from collections.abc import Sequence
from decimal import Decimal
from typing import Any

from koers.organisations.models import Organisation
from koers.partners.models import Partner, PartnerKind
from koers.projects.models import BudgetLine, Mandate, Project, ProjectMember, TeamRole

from .model import STRONG
from .names import PLACE_NAMES

WEAK = 0.4
# The privacy officer first: with few people to spare, it is the one a strong team has.
CORE_ROLES = [
    TeamRole.PRIVACY_OFFICER,
    TeamRole.DATA_SCIENTIST,
    TeamRole.DOMAIN_EXPERT,
    TeamRole.PROGRAMME_MANAGER,
]
EXTRA_ROLES = [TeamRole.IT_ARCHITECT, TeamRole.LEGAL, TeamRole.COMMUNICATION, TeamRole.DEVELOPER]
SUPPLIERS = ["Datalab Noord BV", "Stadsdata BV", "Inzicht & Co", "Voorspel.nl", "GeoWerk BV"]
CHAIN = ["GGD Regio", "Veiligheidsregio", "Woningcorporatie Thuis", "Regionaal Bureau Leerplicht"]
KNOWLEDGE = ["Hogeschool Datawijs", "Universiteit Kennisstad", "Kenniscentrum Publieke Data"]
CITIZENS = ["Bewonersplatform", "Cliëntenraad Sociaal Domein", "Ondernemersvereniging"]
SOURCES = ["Innovatiebudget", "Afdelingsbudget", "Regiodeal", "Subsidie A&O fonds", "I-budget"]
MANDATE_BY = ["Directieteam", "College van B&W", "Gemeentesecretaris", "CIO-office"]
SCOPES = [
    "Een experiment van zes maanden met eigen data; daarna besluit over opschaling.",
    "Ruimte om te experimenteren met externe partners binnen het budget.",
    "Ontwikkelen en testen tot een werkend prototype; inkoop in overleg.",
]


def demo_place(index: int) -> str:
    """The name the generator gives to the demo organisation with this index."""
    n = len(PLACE_NAMES)
    return PLACE_NAMES[index % n] + ("" if index < n else f" {index // n + 1}")


def add_evidence(
    org: Organisation,
    index: int,
    projects: Sequence[Project],
    plans: Sequence[Sequence[Any]],
    members: list[ProjectMember],
    workers: Sequence[Any],
    today: datetime.date,
) -> None:
    """Team disciplines (adjusting `members` before the generator saves them), partners,
    budget, mandate and sponsor of one demo organisation's projects. `plans` are the
    generator's, with the hidden profile (a strength per factor) fifth."""
    rng = random.Random(f"partners-{org.slug}")
    profiles = [plan[4] for plan in plans]
    partners: list[Partner] = []
    lines: list[BudgetLine] = []
    mandates: list[Mandate] = []
    for project, profile in zip(projects, profiles):
        team = [m for m in members if m.project is project]
        _team(rng, project, profile[4], team, members, workers)
        project.handles_personal_data = project.domain in ("social", "safety") or (
            rng.random() < 0.4
        )
        partners += _suppliers(rng, project, profile[5], today)
        partners += _network(rng, project, profile[6], index, today)
        lines_, mandates_ = _room(rng, project, profile[1], workers, today)
        lines += lines_
        mandates += mandates_
    Project.objects.bulk_update(projects, ["handles_personal_data", "sponsor"])
    Partner.objects.bulk_create(partners)
    BudgetLine.objects.bulk_create(lines)
    Mandate.objects.bulk_create(mandates)


def link_demo_partners() -> int:
    """Link network partners named after a demo municipality to it (the generator creates
    the organisations one by one; a project may name one created after its own)."""
    by_name = dict(Organisation.objects.filter(is_demo=True).values_list("name", "pk"))
    linked = 0
    for partner in Partner.objects.filter(
        project__is_demo=True, organisation__isnull=True, kind=PartnerKind.MUNICIPALITY
    ).select_related("project"):
        pk = by_name.get(partner.name)
        if pk and pk != partner.project.owner_id:
            Partner.objects.filter(pk=partner.pk).update(organisation_id=pk, name="")
            linked += 1
    return linked


def _team(rng, project, strength, team, members, workers) -> None:
    others = [m for m in team if m.team_role != TeamRole.PROJECT_LEADER]
    if strength >= STRONG:
        # The study's four, and an extra now and then, from whoever works here.
        on_team = {m.user_id for m in team}
        free = [w for w in workers if w.pk not in on_team]
        rng.shuffle(free)
        for role in CORE_ROLES + ([rng.choice(EXTRA_ROLES)] if rng.random() < 0.5 else []):
            if others:
                others.pop().team_role = role
            elif free:
                members.append(ProjectMember(project=project, user=free.pop(), team_role=role))
    elif strength < WEAK:
        # A thin team: nobody for privacy or for the programme.
        for m in others:
            if m.team_role in (TeamRole.PRIVACY_OFFICER, TeamRole.PROGRAMME_MANAGER):
                m.team_role = rng.choice([TeamRole.DEVELOPER, TeamRole.OTHER])


def _period(rng, project, today) -> tuple[datetime.date, datetime.date | None]:
    span = max(1, (today - project.started_on).days)
    start = project.started_on + datetime.timedelta(days=rng.randint(0, span // 3))
    end = start + datetime.timedelta(days=rng.randint(90, 540))
    return start, (end if end < today else None)


def _partner(rng, project, today, kind, name, brings, organisation=None) -> Partner:
    start, end = _period(rng, project, today)
    return Partner(
        project=project,
        kind=kind,
        name=name,
        organisation=organisation,
        starts_on=start,
        ends_on=end,
        **{f"brings_{code}": True for code in brings},
    )


def _suppliers(rng, project, strength, today) -> list[Partner]:
    if strength >= STRONG:
        names = rng.sample(SUPPLIERS, k=rng.randint(1, 2))
        return [
            _partner(rng, project, today, PartnerKind.SUPPLIER, name, ["knowledge", "technology"])
            for name in names
        ]
    if strength >= WEAK and rng.random() < 0.6:  # a vendor who delivers, no more
        return [
            _partner(
                rng, project, today, PartnerKind.SUPPLIER, rng.choice(SUPPLIERS), ["technology"]
            )
        ]
    return []


def _network(rng, project, strength, index, today) -> list[Partner]:
    if strength < WEAK:
        return []
    if strength < STRONG:
        return (
            [_partner(rng, project, today, PartnerKind.CHAIN_PARTNER, rng.choice(CHAIN), ["data"])]
            if rng.random() < 0.5
            else []
        )
    neighbour = rng.choice([i for i in range(max(0, index - 3), index + 4) if i != index])
    found = [
        _partner(
            rng,
            project,
            today,
            PartnerKind.MUNICIPALITY,
            f"Gemeente {demo_place(neighbour)}",
            ["knowledge", "data"],
        ),
        _partner(rng, project, today, PartnerKind.CHAIN_PARTNER, rng.choice(CHAIN), ["data"]),
    ]
    extra = rng.choice(
        [
            (PartnerKind.KNOWLEDGE_INSTITUTION, KNOWLEDGE, ["knowledge", "people"]),
            (PartnerKind.CITIZENS_ORGANISATION, CITIZENS, ["knowledge"]),
        ]
    )
    found.append(_partner(rng, project, today, extra[0], rng.choice(extra[1]), extra[2]))
    return found


def _room(rng, project, strength, workers, today) -> tuple[list[BudgetLine], list[Mandate]]:
    if strength < WEAK:
        return [], []
    start = project.started_on
    lines = [
        BudgetLine(
            project=project,
            amount=Decimal(rng.randrange(10_000, 150_000, 2_500)),
            source=rng.choice(SOURCES),
            starts_on=start,
            ends_on=start + datetime.timedelta(days=rng.choice([182, 365, 730])),
        )
    ]
    if strength < STRONG:
        return lines, []
    if rng.random() < 0.5:
        later = start + datetime.timedelta(days=365)
        lines.append(
            BudgetLine(
                project=project,
                amount=Decimal(rng.randrange(25_000, 250_000, 5_000)),
                source=rng.choice(SOURCES),
                starts_on=later,
                ends_on=later + datetime.timedelta(days=365),
            )
        )
    leader = project.created_by
    project.sponsor = rng.choice([w for w in workers if w != leader] or [leader])
    decided = min(today, start + datetime.timedelta(days=rng.randint(0, 30)))
    mandate = Mandate(
        project=project,
        decided_on=decided,
        decided_by=rng.choice(MANDATE_BY),
        scope=rng.choice(SCOPES),
    )
    return lines, [mandate]
