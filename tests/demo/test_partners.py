"""Demo evidence for factors 1, 2, 5, 6 and 7 follows the hidden outcome model: strong
factors get their evidence, weak ones lack it, and network partners named after other demo
municipalities are linked to them."""

import datetime

from koers.demo.generator import generate
from koers.demo.partners import add_evidence
from koers.partners.models import Partner, PartnerKind
from koers.partners.selectors import network_partners_of, suppliers_of
from koers.projects.disciplines import team_disciplines
from koers.projects.models import Project, ProjectMember, TeamRole
from tests.factories import member

TODAY = datetime.date(2026, 11, 1)


def _project(world, title):
    return Project.objects.create(
        owner=world.a,
        title=title,
        problem="p",
        domain="physical",
        stage_since=datetime.date(2025, 1, 1),
        started_on=datetime.date(2025, 1, 1),
        created_by=world.member,
    )


def test_strong_factors_get_their_evidence_and_weak_ones_lack_it(world):
    strong, weak = _project(world, "Sterk"), _project(world, "Zwak")
    members = [
        ProjectMember(project=strong, user=world.member, team_role=TeamRole.PROJECT_LEADER),
        ProjectMember(project=weak, user=world.member, team_role=TeamRole.PROJECT_LEADER),
        ProjectMember(project=weak, user=world.other_member, team_role=TeamRole.PRIVACY_OFFICER),
    ]
    plans = [(None,) * 4 + ([0.9] * 9,), (None,) * 4 + ([0.1] * 9,)]
    workers = [world.member, world.other_member, world.coordinator, world.admin, member(world.a)]
    add_evidence(world.a, 0, [strong, weak], plans, members, workers, TODAY)
    ProjectMember.objects.bulk_create(members)

    roles = strong.team.values_list("team_role", flat=True)
    assert team_disciplines(roles).core_complete  # strong 5: the study's full team
    suppliers = list(suppliers_of(project=strong))
    assert suppliers and all("knowledge" in s.brings for s in suppliers)  # strong 6
    assert len(network_partners_of(project=strong)) >= 2  # strong 7
    strong.refresh_from_db()
    assert strong.budget_lines.exists() and strong.mandates.count() == 1  # strong 2
    assert strong.sponsor is not None and strong.sponsor != world.member

    assert not team_disciplines(weak.team.values_list("team_role", flat=True)).has(
        "privacy_officer"
    )
    assert not weak.partners.exists()
    assert not weak.budget_lines.exists() and not weak.mandates.exists()


def test_network_partners_are_linked_to_other_demo_municipalities(framework):
    generate(seed=1, organisations=3, projects_per_org=8, today=TODAY)
    linked = Partner.objects.filter(kind=PartnerKind.MUNICIPALITY, organisation__isnull=False)
    assert linked.exists()
    assert all(p.organisation.is_demo for p in linked)
    assert not linked.filter(organisation_id=models_owner()).exists()
    # Every partner is valid by the model's own rules (named, dates in order, brings).
    for partner in Partner.objects.all():
        partner.full_clean()


def models_owner():
    from django.db.models import OuterRef, Subquery

    return Subquery(Project.objects.filter(pk=OuterRef("project_id")).values("owner_id")[:1])
