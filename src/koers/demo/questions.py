"""Demo questions from the domains, fitting the hidden outcome model: a project strong on
factor 3 (answers to questions from the domains) more often answers questions employees
asked, and its team more often recorded what the askers said about intermediate results.
Besides those, each organisation has questions still waiting, parked, declined or merged.

Deterministic: a generator of its own per organisation (the main generator's sequence is
left as it was), dates relative to the generator's reference date."""

import datetime
import random
from typing import Any

from django.utils import timezone

from koers.projects import lifecycle
from koers.projects.models import Domain, Visibility
from koers.questions import workflow
from koers.questions.models import Frequency, Question, QuestionLink, SameNeed

FACTOR_3 = 2  # index of factor 3 in a profile

QUESTIONS = {
    Domain.PHYSICAL: [
        (
            "Waar gaan lantaarnpalen het vaakst stuk, en kunnen we dat voorzien?",
            "Beheer openbare ruimte",
        ),
        ("Welke straten hebben na regen steeds wateroverlast?", "Riolering en water"),
        ("Waar veroorzaken bezoekersstromen in het centrum overlast?", "Economie en evenementen"),
        ("Welke fundamenten lopen het meeste risico op verzakking?", "Bouwen en wonen"),
        ("Hoe lang staan meldingen over zwerfafval open, per wijk?", "Beheer openbare ruimte"),
        ("Welke bomen moeten we als eerste snoeien of vervangen?", "Groen"),
        ("Waar staat het verkeer elke ochtend vast, en waarom?", "Verkeer en mobiliteit"),
        ("Hoeveel woningen komen er echt bij, per jaar en per wijk?", "Bouwen en wonen"),
        ("Waar klagen bewoners het vaakst over hondenpoep?", "Handhaving"),
    ],
    Domain.SOCIAL: [
        ("Welke huishoudens raken uit beeld voordat schulden oplopen?", "Schuldhulpverlening"),
        ("Hoeveel vraag naar Wmo-ondersteuning komt er de komende jaren?", "Wmo-loket"),
        (
            "Welke jongeren dreigen zonder startkwalificatie van school te gaan?",
            "Onderwijs en jeugd",
        ),
        ("Werkt onze inzet op eenzaamheid bij ouderen?", "Welzijn"),
        ("Welke gezinnen hebben hulp van meerdere loketten tegelijk?", "Wijkteams"),
        ("Bereikt ons jeugdbeleid de jongeren die het nodig hebben?", "Onderwijs en jeugd"),
        ("Wie vraagt bijzondere bijstand niet aan terwijl die er recht op heeft?", "Inkomen"),
        ("Welke mantelzorgers raken overbelast, en kunnen we dat eerder zien?", "Welzijn"),
        ("Hoe lang wachten inwoners op een beschikking voor een hulpmiddel?", "Wmo-loket"),
        ("Welke statushouders vinden binnen een jaar werk?", "Werk en participatie"),
        ("Waar wonen kinderen die niet op de peuteropvang komen?", "Onderwijs en jeugd"),
        (
            "Welke huurders dreigen hun woning te verliezen door achterstanden?",
            "Schuldhulpverlening",
        ),
    ],
    Domain.SAFETY: [
        (
            "Waar zien we signalen van ondermijning in bedrijfspanden?",
            "Openbare orde en veiligheid",
        ),
        (
            "Op welke plekken voelen inwoners zich 's avonds onveilig?",
            "Openbare orde en veiligheid",
        ),
        ("Welke verkeerssituaties leveren steeds bijna-ongelukken op?", "Verkeer"),
        ("Waar vinden de meeste woninginbraken plaats, en wanneer?", "Openbare orde en veiligheid"),
        ("Welke evenementen vragen de meeste inzet van toezicht?", "Vergunningen"),
    ],
    Domain.OPERATIONS: [
        ("Welke facturen lopen het vaakst vertraging op, en waarom?", "Financiën"),
        ("Kunnen we steekproeven in de audit gerichter kiezen?", "Control en audit"),
        ("Hoeveel tijd kost het afhandelen van een Woo-verzoek?", "Informatiebeheer"),
        ("Welke contracten lopen binnenkort af zonder dat iemand het merkt?", "Inkoop"),
        ("Waar gaat het verzuim omhoog, en wat gaat eraan vooraf?", "HR"),
    ],
}
QUESTIONS[Domain.OTHER] = [
    ("Welke gegevens vragen we dubbel uit bij inwoners?", "Dienstverlening"),
    ("Hoe vaak wordt onze website gebruikt om een afspraak te maken?", "Communicatie"),
]
OTHERS = [
    "Collega's van het wijkteam lopen er ook tegenaan.",
    "Twee andere afdelingen hebben dezelfde vraag.",
    "Ook de buurgemeenten in de regio.",
    "",
]
CHANGES = [
    "We zetten de ploegen in waar het nodig is, niet volgens vast rooster.",
    "We kunnen eerder in gesprek dan nu.",
    "Het bestuur kan kiezen op basis van cijfers in plaats van gevoel.",
    "Minder dubbel werk tussen afdelingen.",
]
FEEDBACK = [
    "Herkenbaar beeld; graag ook per wijk.",
    "Dit helpt bij de planning, maar de kaart is nog te druk.",
    "Precies wat we zochten; kunnen we dit elke maand krijgen?",
    "Bruikbaar, al missen we de meldingen van vorig jaar.",
]
REASONS = [
    "Daarvoor zijn de gegevens niet beschikbaar.",
    "Valt buiten de taken van de gemeente; doorgestuurd naar de regio.",
]


STATUS_WEIGHTS = [workflow.NEW, workflow.CONSIDERING, workflow.PARKED, workflow.DECLINED]


def _moment(day: datetime.date, rng: random.Random) -> datetime.datetime:
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time(rng.randint(8, 17))))


def generate_questions(
    *, org: Any, projects: list[Any], plans: list[Any], users: list[Any], today: datetime.date
) -> int:
    """Questions of one demo organisation; returns how many were made."""
    rng = random.Random(f"questions-{org.slug}")
    pools = {domain: rng.sample(texts, len(texts)) for domain, texts in QUESTIONS.items()}
    questions: list[Question] = []
    links: list[tuple[int, Any, Any]] = []  # (question index, project, profile)

    def new_question(
        domain: str, asked_on: datetime.date, since: datetime.date, **fields: Any
    ) -> int:
        texts = domain if domain in QUESTIONS else Domain.OTHER
        if not pools[texts]:  # every question of the domain asked: a new round
            pools[texts] = rng.sample(QUESTIONS[texts], len(QUESTIONS[texts]))
        title, department = pools[texts].pop()
        moment = _moment(asked_on, rng)
        questions.append(
            Question(
                organisation=org,
                asked_by=rng.choice(users),
                title=title,
                domain=domain,
                department=department,
                frequency=rng.choice(Frequency.values),
                others_affected=rng.choice(OTHERS),
                expected_change=rng.choice(CHANGES),
                visibility=Visibility.NETWORK if rng.random() < 0.4 else Visibility.ORGANISATION,
                asked_at=moment,
                status_changed_at=max(moment, _moment(since, rng)),
                is_demo=True,
                **fields,
            )
        )
        return len(questions) - 1

    for project, plan in zip(projects, plans):
        profile, start = plan[4], plan[6]
        strength = profile[FACTOR_3]
        # Strong on factor 3: the project started from one or two employees' questions.
        count = (1 if rng.random() < strength else 0) + (1 if rng.random() < strength - 0.4 else 0)
        for _ in range(count):
            asked_on = start - datetime.timedelta(days=rng.randint(14, 150))
            index = new_question(project.domain, asked_on, start, status=workflow.TAKEN_UP)
            links.append((index, project, profile))

    # The questions not (yet) taken up: every board has each kind, and a few more.
    board = [workflow.NEW] * 3 + [workflow.CONSIDERING] * 2 + [workflow.PARKED, workflow.DECLINED]
    board += rng.choices(STATUS_WEIGHTS, k=rng.randint(0, 3))
    for status in board:
        domain = rng.choice(list(QUESTIONS)[:4])
        # New questions are recent; the others had time to be looked at.
        days = rng.randint(1, 40) if status == workflow.NEW else rng.randint(30, 420)
        asked_on = today - datetime.timedelta(days=days)
        decided_on = asked_on + datetime.timedelta(days=0 if status == workflow.NEW else 14)
        reason = rng.choice(REASONS) if status == workflow.DECLINED else ""
        new_question(domain, asked_on, decided_on, status=status, status_reason=reason)

    Question.objects.bulk_create(questions)
    _merge_one(rng, questions)
    QuestionLink.objects.bulk_create(
        [_link(rng, questions[i], project, profile, today) for i, project, profile in links]
    )
    _same_need(rng, org, questions)
    return len(questions)


def _link(rng: random.Random, question: Question, project: Any, profile: Any, today) -> Any:
    link = QuestionLink(
        question=question,
        project=project,
        linked_by=project.created_by,
        linked_at=_moment(project.started_on, rng),
    )
    # A team strong on factor 3 keeps showing the asker what it has and writes down the answer.
    last_day = today if project.stage != lifecycle.STOPPED else project.stage_since
    if rng.random() < profile[FACTOR_3] and last_day > project.started_on:
        link.feedback_on = project.started_on + datetime.timedelta(
            days=rng.randint(0, (last_day - project.started_on).days)
        )
        link.feedback = rng.choice(FEEDBACK)
        link.feedback_by = project.created_by
    return link


def _merge_one(rng: random.Random, questions: list[Question]) -> None:
    """One open question asked the same as an earlier one and was merged into it."""
    open_ones = [q for q in questions if q.status in workflow.OPEN]
    if len(open_ones) < 2:
        return
    original, duplicate = sorted(rng.sample(open_ones, 2), key=lambda q: q.asked_at)
    # Another colleague asked the same thing; the coordinator merged the two.
    Question.objects.filter(pk=duplicate.pk).update(
        status=workflow.MERGED, merged_into=original, title=original.title, domain=original.domain
    )


def _same_need(rng: random.Random, org: Any, questions: list[Question]) -> None:
    """A shared question linked to the same need at an earlier demo organisation."""
    shared = [q for q in questions if q.visibility == Visibility.NETWORK]
    if not shared:
        return
    mine = rng.choice(shared)
    other = (
        Question.objects.filter(is_demo=True, visibility=Visibility.NETWORK, domain=mine.domain)
        .exclude(organisation=org)
        .order_by("id")
        .first()
    )
    if other is not None:
        first, second = sorted((mine, other), key=lambda q: q.pk)
        SameNeed.objects.create(first=first, second=second, linked_by=None)
