"""A deterministic demo portfolio: fictional organisations, people and projects with history.

Written with bulk inserts, one organisation per transaction, so that national-scale data
(hundreds of organisations) is fast and memory stays bounded by one organisation's rows.
"""

import datetime
import random
from collections.abc import Callable
from dataclasses import dataclass, field

from django.contrib.auth import get_user_model
from django.contrib.auth.hashers import make_password
from django.db import transaction
from django.db.models import Case, Value, When
from django.utils import timezone

from koers.actions.models import Action, ActionStatus
from koers.assessments.models import Answer, FactorScore, Response, Scan, ScanKind
from koers.assessments.scoring import factor_result
from koers.framework.models import FrameworkVersion
from koers.library.models import Adoption
from koers.organisations.models import Membership, Organisation, OrganisationKind, Role
from koers.projects import lifecycle
from koers.projects.models import (
    Project,
    ProjectMember,
    StageEvent,
    TeamRole,
    Technique,
    Theme,
    Visibility,
)

from . import model
from . import partners as demo_partners
from .evidence import add_evidence
from .names import DISTRICTS, FIRST_NAMES, LAST_NAMES, LESSONS, PLACE_NAMES, PROJECT_TOPICS
from .questions import generate_questions
from .register import add_register_records

DEMO_PASSWORD = "koers-demo"
DEMO_DATA_SOURCES = "Basisregistraties (BAG, BRP), meldingen openbare ruimte, eigen registraties"
# The first demo organisation gets short user names for the demo login.
FIRST_ORG_USERS = [
    ("beheerder", Role.ADMINISTRATOR),
    ("coordinator", Role.COORDINATOR),
    ("projectleider", Role.MEMBER),
    ("teamlid", Role.MEMBER),
    ("analist", Role.MEMBER),
    ("adviseur", Role.MEMBER),
    ("kijker", Role.VIEWER),
]
TEAM_ROLES = [
    TeamRole.DOMAIN_EXPERT,
    TeamRole.DATA_SCIENTIST,
    TeamRole.PRIVACY_OFFICER,
    TeamRole.PROGRAMME_MANAGER,
    TeamRole.END_USER,
]
STOP_REASONS = [
    "Geen budget voor de volgende stap.",
    "De data bleek onvoldoende betrouwbaar.",
    "Privacy-toets (DPIA) negatief; aanpak wordt heroverwogen.",
    "Geen eigenaar in de lijn gevonden.",
    "Leverancier kon de oplossing niet doorontwikkelen.",
]


@dataclass
class DemoReport:
    organisations: int = 0
    users: int = 0
    projects: int = 0
    scans: int = 0
    answers: int = 0
    adoptions: int = 0
    outcomes: dict[str, int] = field(default_factory=dict)


def _dates(
    rng: random.Random, start: datetime.date, steps: int, today: datetime.date
) -> list[datetime.date]:
    out, day = [], start
    for _ in range(steps):
        day = min(today, day + datetime.timedelta(days=rng.randint(45, 220)))
        out.append(day)
    return out


def _stage_path(outcome: str, rng: random.Random) -> list[str]:
    p = lifecycle
    if outcome == "scaled":
        return [
            p.EXPERIMENT,
            p.DEVELOPMENT,
            p.IMPLEMENTED,
            rng.choice([p.SCALED_INTERNAL, p.SCALED_EXTERNAL]),
        ]
    if outcome == "implemented":
        return [p.EXPERIMENT, p.DEVELOPMENT, p.IMPLEMENTED]
    reached = rng.choice([[p.EXPERIMENT], [p.EXPERIMENT, p.DEVELOPMENT], []])
    return reached + ([p.STOPPED] if outcome == "stopped" else [])


def generate(
    *,
    seed: int = 1,
    organisations: int = 3,
    projects_per_org: int = 12,
    today: datetime.date | None = None,
    log: Callable[[str], None] | None = None,
) -> DemoReport:
    version = FrameworkVersion.objects.filter(is_active=True).first()
    if version is None:
        raise RuntimeError("Load a framework first (koers framework_load).")
    factors = list(version.factors.order_by("number").prefetch_related("indicators", "options"))
    indicators = {f.pk: list(f.indicators.all()) for f in factors}
    options = {f.number: list(f.options.all()) for f in factors}
    themes = list(Theme.objects.all())
    techniques = list(Technique.objects.all())
    today = today or timezone.localdate()
    password = make_password(DEMO_PASSWORD)
    report = DemoReport()
    start_index = Organisation.objects.filter(is_demo=True).count()
    for i in range(organisations):
        rng = random.Random(f"{seed}-{start_index + i}")
        with transaction.atomic():
            _organisation(
                rng,
                start_index + i,
                factors,
                indicators,
                options,
                themes,
                techniques,
                today,
                password,
                projects_per_org,
                report,
            )
        if log and (i + 1) % 25 == 0:
            log(f"{i + 1} organisations")
    demo_partners.link_demo_partners()
    return report


def _organisation(
    rng,
    index,
    factors,
    indicators,
    options,
    themes,
    techniques,
    today,
    password,
    projects_per_org,
    report,
) -> None:
    User = get_user_model()
    place = PLACE_NAMES[index % len(PLACE_NAMES)] + (
        "" if index < len(PLACE_NAMES) else f" {index // len(PLACE_NAMES) + 1}"
    )
    slug = place.lower().replace(" ", "-")
    org = Organisation.objects.create(
        name=f"Gemeente {place}",
        slug=f"demo-{slug}",
        kind=OrganisationKind.MUNICIPALITY,
        cbs_code=f"GM{9000 + index:04d}" if index < 1000 else None,
        is_demo=True,
    )
    specs = (
        FIRST_ORG_USERS
        if index == 0
        else [(f"{slug}-{name}", role) for name, role in FIRST_ORG_USERS]
    )
    users = User.objects.bulk_create(
        [
            User(
                username=name,
                password=password,
                first_name=rng.choice(FIRST_NAMES),
                last_name=rng.choice(LAST_NAMES),
                email=f"{name}@demo.koers.invalid",
                # Nobody in an organisation runs Django's admin: it is for platform staff
                # (koers.guards.admin_site); administrators use Koers' own pages.
                is_staff=False,
                is_superuser=False,
            )
            for name, role in specs
        ]
    )
    Membership.objects.bulk_create(
        [Membership(user=u, organisation=org, role=role) for u, (_, role) in zip(users, specs)]
    )
    workers = [u for u, (_, role) in zip(users, specs) if role != Role.VIEWER]
    leaders = [
        u for u, (name, _) in zip(users, specs) if name.endswith(("projectleider", "coordinator"))
    ]

    plans = []
    used_titles: set[str] = set()
    for _ in range(projects_per_org):
        topic, domain, theme_keys, technique_keys = rng.choice(PROJECT_TOPICS)
        if topic in used_titles:  # the same approach in another district
            topic = f"{topic} ({rng.choice(DISTRICTS)})"
        used_titles.add(topic)
        profile = model.draw_profile(rng)
        outcome = model.draw_outcome(rng, profile)
        start = today - datetime.timedelta(days=rng.randint(200, 1050))
        path = _stage_path(outcome, rng)
        dates = _dates(rng, start, len(path), today)
        if outcome == "stalled":  # nothing moved for at least half a year
            dates = [min(d, today - datetime.timedelta(days=190)) for d in dates]
            dates = [max(start, d) for d in dates]
        stage = path[-1] if path else lifecycle.IDEA
        plans.append(
            (topic, domain, theme_keys, technique_keys, profile, outcome, start, path, dates, stage)
        )
        report.outcomes[outcome] = report.outcomes.get(outcome, 0) + 1

    projects = Project.objects.bulk_create(
        [
            Project(
                owner=org,
                title=topic,
                problem=f"{topic}: hoe kunnen we met data beter en eerder handelen?",
                domain=domain,
                visibility=rng.choice(
                    [
                        Visibility.ORGANISATION,
                        Visibility.NETWORK,
                        Visibility.NETWORK,
                        Visibility.TEAM,
                    ]
                ),
                stage=stage,
                stage_since=dates[-1] if dates else start,
                started_on=start,
                created_by=rng.choice(leaders),
                is_demo=True,
                data_sources=DEMO_DATA_SOURCES,
                # Finished projects, successful or not, have lessons to pass on.
                lessons_learned=rng.choice(LESSONS) if outcome != "stalled" else "",
                share_scan=rng.random() < 0.5,
            )
            for topic, domain, _, _, _, outcome, start, _, dates, stage in plans
        ]
    )
    theme_ids = {t.key: t.pk for t in themes}
    technique_ids = {t.key: t.pk for t in techniques}
    Project.themes.through.objects.bulk_create(
        [
            Project.themes.through(project_id=p.pk, theme_id=theme_ids[k])
            for p, plan in zip(projects, plans)
            for k in plan[2]
            if k in theme_ids
        ]
    )
    Project.techniques.through.objects.bulk_create(
        [
            Project.techniques.through(project_id=p.pk, technique_id=technique_ids[k])
            for p, plan in zip(projects, plans)
            for k in plan[3]
            if k in technique_ids
        ]
    )

    members, events, scans, scan_plans = [], [], [], []
    for project, (_, _, _, _, profile, outcome, start, path, dates, _) in zip(projects, plans):
        leader = project.created_by
        team = [leader] + rng.sample([w for w in workers if w != leader], k=rng.randint(1, 3))
        members += [
            ProjectMember(
                project=project,
                user=u,
                team_role=TeamRole.PROJECT_LEADER if u == leader else rng.choice(TEAM_ROLES),
            )
            for u in team
        ]
        events.append(
            StageEvent(
                project=project,
                to_stage=lifecycle.IDEA,
                on=start,
                by=leader,
                note="Project geregistreerd",
            )
        )
        previous = lifecycle.IDEA
        for stage, day in zip(path, dates):
            note = rng.choice(STOP_REASONS) if stage == lifecycle.STOPPED else ""
            events.append(
                StageEvent(
                    project=project,
                    from_stage=previous,
                    to_stage=stage,
                    on=day,
                    by=leader,
                    note=note,
                )
            )
            previous = stage
        # Active projects keep scanning until today; stalled and stopped ones stopped earlier.
        last_day = dates[-1] if dates and outcome in ("stalled", "stopped") else today
        scan_count = rng.randint(1, 3)
        for n in range(scan_count):
            day = start + datetime.timedelta(
                days=int((last_day - start).days * (n + 1) / (scan_count + 1)) + 14
            )
            day = min(day, today)
            kind = ScanKind.QUICK if rng.random() < 0.15 else ScanKind.FULL
            scans.append(
                Scan(
                    project=project,
                    framework_version_id=factors[0].version_id,
                    kind=kind,
                    opened_on=day,
                    created_by=leader,
                )
            )
            # Teams improve a little between scans.
            growth = 0.08 * (n - scan_count + 1)
            scan_plans.append(
                (team[: rng.randint(2, len(team))] if len(team) > 1 else team, profile, growth)
            )
    demo_partners.add_evidence(org, index, projects, plans, members, workers, today)
    ProjectMember.objects.bulk_create(members)
    StageEvent.objects.bulk_create(events)
    _adoptions(rng, org, projects, plans, report)
    add_register_records(org, projects, [plan[3] for plan in plans])
    Scan.objects.bulk_create(scans)

    responses, answers_plan = [], []
    for scan, (respondents, profile, growth) in zip(scans, scan_plans):
        for user in respondents:
            responses.append(
                Response(scan=scan, respondent=user, submitted_at=timezone.now(), version=2)
            )
            answers_plan.append((scan, profile, growth))
    Response.objects.bulk_create(responses)
    answers, by_scan = [], {}
    for response, (scan, profile, growth) in zip(responses, answers_plan):
        for factor in factors:
            for ind in indicators[factor.pk]:
                if scan.kind == ScanKind.QUICK and not ind.is_quick:
                    continue
                value = model.answer(rng, min(1.0, max(0.0, profile[factor.number - 1] + growth)))
                answers.append(Answer(response=response, indicator=ind, value=value))
                by_scan.setdefault(scan.pk, {}).setdefault(factor.pk, {}).setdefault(
                    response.pk, []
                ).append(value)
    Answer.objects.bulk_create(answers, batch_size=2000)
    scores = []
    for scan in scans:
        per_factor = by_scan.get(scan.pk, {})
        for factor in factors:
            expected = 1 if scan.kind == ScanKind.QUICK else len(indicators[factor.pk])
            result = factor_result(per_factor.get(factor.pk, {}), expected)
            scores.append(
                FactorScore(
                    scan=scan,
                    factor=factor,
                    factor_number=factor.number,
                    score=result.score,
                    completeness=result.completeness,
                    spread=result.spread,
                    score_range=result.score_range,
                    respondents=result.respondents,
                    disagreement=result.disagreement,
                )
            )
    FactorScore.objects.bulk_create(scores, batch_size=2000)
    counts: dict[int, int] = {}
    for r in responses:
        counts[r.scan_id] = counts.get(r.scan_id, 0) + 1
    latest: dict[int, Scan] = {}
    for scan in scans:
        scan.submitted_count = counts.get(scan.pk, 0)
        if scan.project_id not in latest or scan.opened_on >= latest[scan.project_id].opened_on:
            latest[scan.project_id] = scan
    Scan.objects.bulk_update(scans, ["submitted_count"])
    for project in projects:
        project.last_scan = latest.get(project.pk)
    Project.objects.bulk_update(projects, ["last_scan"])

    actions = []
    for project, plan in zip(projects, plans):
        profile, outcome = plan[4], plan[5]
        weakest = sorted(range(9), key=lambda k: profile[k])[: rng.randint(1, 3)]
        for k in weakest:
            option = rng.choice(options[k + 1])
            status = (
                rng.choice([ActionStatus.DONE, ActionStatus.DOING, ActionStatus.PLANNED])
                if outcome != "stopped"
                else ActionStatus.DROPPED
            )
            actions.append(
                Action(
                    project=project,
                    factor_number=k + 1,
                    option=option,
                    title=option.title_nl,
                    description=option.description_nl,
                    owner=project.created_by,
                    status=status,
                    due_date=today + datetime.timedelta(days=rng.randint(-60, 120)),
                    created_by=project.created_by,
                )
            )
    Action.objects.bulk_create(actions)
    # A stalled project's plan has not been touched for as long as the project itself.
    stalled = [p.pk for p, plan in zip(projects, plans) if plan[5] == "stalled"]
    if stalled:
        Action.objects.filter(project_id__in=stalled).update(
            updated_at=Case(
                *[
                    When(
                        project_id=p.pk,
                        then=Value(
                            timezone.make_aware(
                                datetime.datetime.combine(p.stage_since, datetime.time(12))
                            )
                        ),
                    )
                    for p in projects
                    if p.pk in stalled
                ]
            )
        )
    add_evidence(organisation=org, projects=projects, plans=plans, today=today)
    generate_questions(org=org, projects=projects, plans=plans, users=users, today=today)
    report.organisations += 1
    report.users += len(users)
    report.projects += len(projects)
    report.scans += len(scans)
    report.answers += len(answers)


def _adoptions(
    rng: random.Random, org: Organisation, projects: list[Project], plans: list, report: DemoReport
) -> None:
    """Some successful projects were adopted from another demo organisation's shared project;
    when the adopter implemented it, the original was scaled up to another organisation."""
    candidates = list(
        Project.objects.filter(
            is_demo=True,
            visibility=Visibility.NETWORK,
            stage__in=[lifecycle.IMPLEMENTED, lifecycle.SCALED_INTERNAL],
        )
        .exclude(owner=org)
        .order_by("id")[:200]
    )
    adoptions, renamed, scaled_events, scaled = [], [], [], []
    for project, plan in zip(projects, plans):
        outcome, path, dates = plan[5], plan[7], plan[8]
        if not candidates or outcome not in ("implemented", "scaled") or rng.random() > 0.25:
            continue
        original = candidates.pop(rng.randrange(len(candidates)))
        project.title = original.title
        renamed.append(project)
        adoptions.append(
            Adoption(project=project, original_project=original, adopter=org, by=project.created_by)
        )
        implemented_on = dates[path.index(lifecycle.IMPLEMENTED)]
        if implemented_on >= original.stage_since:
            scaled_events.append(
                StageEvent(
                    project=original,
                    from_stage=original.stage,
                    to_stage=lifecycle.SCALED_EXTERNAL,
                    on=implemented_on,
                    note=f"Geïmplementeerd door {org.name}, die dit project overnam.",
                )
            )
            original.stage, original.stage_since = lifecycle.SCALED_EXTERNAL, implemented_on
            scaled.append(original)
    Project.objects.bulk_update(renamed, ["title"])
    Adoption.objects.bulk_create(adoptions)
    StageEvent.objects.bulk_create(scaled_events)
    Project.objects.bulk_update(scaled, ["stage", "stage_since"])
    report.adoptions += len(adoptions)
