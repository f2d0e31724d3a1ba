"""Demo register records: projects whose techniques are algorithms (prediction models,
simulations, text mining, data applications) get an Algoritmeregister record; about two in
three are complete, the others lack what real drafts lack (the proportionality, the risks,
a contact), so that the export has both to show. Deterministic: one seeded generator per
organisation, months taken from the projects' own stage events."""

import random
import uuid
from collections.abc import Sequence

from django.utils.text import slugify

from koers.organisations.models import Organisation
from koers.projects import lifecycle
from koers.projects.models import Project, StageEvent
from koers.register.models import AlgorithmRecord
from koers.register.validation import clean_record_fields

ALGORITHMIC = {"prediction_model", "simulation", "text_mining", "data_application"}
SELF_LEARNING = {"prediction_model", "text_mining"}

LAWS = {
    "physical": ("Gemeentewet", "https://wetten.overheid.nl/BWBR0005416", "space"),
    "social": (
        "Wet maatschappelijke ondersteuning 2015",
        "https://wetten.overheid.nl/BWBR0035362",
        "care",
    ),
    "safety": ("Gemeentewet", "https://wetten.overheid.nl/BWBR0005416", "safety"),
    "operations": ("Gemeentewet", "https://wetten.overheid.nl/BWBR0005416", "operations"),
    "other": ("Gemeentewet", "https://wetten.overheid.nl/BWBR0005416", "operations"),
}
# What drafts typically still lack.
GAPS = [
    ("proportionality", "risks"),
    ("contact_email",),
    ("human_intervention", "methods_and_models", "provider"),
    ("description_short", "publication_category"),
]


def _month(day) -> str:
    return day.strftime("%Y-%m")


def _fields(project: Project, techniques: Sequence[str], host: str, rng: random.Random) -> dict:
    law, law_link, theme = LAWS.get(project.domain, LAWS["other"])
    learns = bool(SELF_LEARNING & set(techniques))
    what = "voorspelt" if learns else "berekent"
    return {
        "name": project.title[:100],
        "description_short": (
            f"Het algoritme {what} waar de gemeente bij '{project.title}' het eerst moet "
            "handelen. Medewerkers gebruiken de uitkomst om hun werk te plannen."
        ),
        "publication_category": "impactful" if project.domain in ("social", "safety") else "other",
        "algorithm_type": "self_learning" if learns else "rule_based",
        "category": [theme],
        "contact_email": f"algoritmes@{host}",
        "website": f"https://{host}/algoritmes",
        "goal": (
            "<p>Eerder en gerichter handelen met dezelfde mensen en middelen.</p>"
            "<p>Inwoners merken het doordat de gemeente sneller reageert.</p>"
        ),
        "proportionality": (
            "Het alternatief, alles handmatig beoordelen, kost meer tijd en mist meer signalen. "
            "De uitkomst is een advies; een medewerker beslist."
        ),
        "human_intervention": (
            "Een medewerker bekijkt elke uitkomst voordat er iets gebeurt en kan die "
            "overrulen. Afwijkingen worden besproken in het teamoverleg."
        ),
        "risks": (
            "<ul><li>Scheve data kan wijken of groepen benadelen: elk kwartaal controleren we "
            "de uitkomsten per wijk.</li><li>Fouten in bronnen: we melden die aan de "
            "bronhouder.</li></ul>"
        ),
        "lawful_basis": f"De taak volgt uit de {law}.",
        "lawful_basis_links": [{"title": law, "link": law_link}],
        "impact_assessments": (
            [{"title": "DPIA", "link": f"https://{host}/dpia/{slugify(project.title)}"}]
            if project.domain in ("social", "safety")
            else []
        ),
        "impact_assessments_note": (
            ""
            if project.domain in ("social", "safety")
            else "Er worden geen persoonsgegevens verwerkt; een DPIA is daarom niet nodig."
        ),
        "source_data": project.data_sources,
        "methods_and_models": (
            ("Een zelflerend model (gradient boosting), elk kwartaal opnieuw getraind. ")
            if learns
            else "Beslisregels die het team samen met de vakafdeling heeft opgesteld. "
        )
        + "Invoer: de genoemde gegevens; uitvoer: een lijst met prioriteiten.",
        "provider": rng.choice(
            ["Intern ontwikkeld", "Datalab Noord (fictief)", "Kaartwerk BV (fictief)"]
        ),
    }


def add_register_records(
    org: Organisation, projects: Sequence[Project], techniques: Sequence[Sequence[str]]
) -> int:
    """Records for the organisation's algorithmic projects; returns how many."""
    rng = random.Random(f"register-{org.slug}")
    chosen = [(p, t) for p, t in zip(projects, techniques) if ALGORITHMIC & set(t)]
    implemented = {
        e.project_id: e.on
        for e in StageEvent.objects.filter(
            project__in=[p for p, _ in chosen], to_stage=lifecycle.IMPLEMENTED
        ).order_by("on")
    }
    host = f"{org.slug}.demo.koers.invalid"
    records = []
    for project, project_techniques in chosen:
        fields = _fields(project, project_techniques, host, rng)
        if project.pk in implemented:
            fields["begin_date"] = _month(implemented[project.pk])
        if project.stage == lifecycle.STOPPED and project.pk not in implemented:
            continue  # stopped before anyone used it: nothing to publish
        if project.stage == lifecycle.STOPPED:
            fields["end_date"] = _month(project.stage_since)
        if rng.random() < 0.35:  # a draft: some fields still empty
            for name in rng.choice(GAPS):
                fields[name] = ""
        records.append(
            AlgorithmRecord(
                project=project,
                source_id=uuid.UUID(int=rng.getrandbits(128), version=4),
                created_by=project.created_by,
                **clean_record_fields(fields, stage=project.stage),
            )
        )
    AlgorithmRecord.objects.bulk_create(records)
    return len(records)
