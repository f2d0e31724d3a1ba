"""A register record with every field Koers asks before publishing."""

from typing import Any

from koers.register.models import AlgorithmRecord
from koers.register.services import algorithm_record_create

COMPLETE = {
    "name": "Veegroute voorspellen",
    "description_short": "Het algoritme voorspelt waar straten vuil worden, zodat de "
    "veegwagen daar eerder komt.",
    "publication_category": "other",
    "algorithm_type": "self_learning",
    "contact_email": "algoritmes@aastad.nl",
    "website": "https://www.aastad.nl/vegen",
    "category": ["space", "environment"],
    "goal": "<p>Schonere straten met minder ritten.</p>",
    "proportionality": "Minder ritten wegen op tegen het kleine risico op een vuile straat.",
    "human_intervention": "De ploegleider kiest de route; het model doet een voorstel.",
    "risks": "<ul><li>Wijken met weinig meldingen</li><li>Sensoren die uitvallen</li></ul>",
    "lawful_basis": "Gemeentewet, artikel 160: de zorg voor de openbare ruimte.",
    "lawful_basis_links": [
        {"title": "Gemeentewet", "link": "https://wetten.overheid.nl/BWBR0005416"}
    ],
    "impact_assessments": [
        {"title": "DPIA", "link": "https://www.aastad.nl/dpia-vegen"},
    ],
    "source_data": "Meldingen openbare ruimte en ritgegevens van de veegwagens.",
    "methods_and_models": "Een gradient-boosting-model, elke maand opnieuw getraind.",
    "provider": "Intern ontwikkeld",
}


def complete_record(project: Any, by: Any, **overrides: Any) -> AlgorithmRecord:
    """The project's stage decides the status: implemented projects need a begin month."""
    fields = {**COMPLETE, "begin_date": "2023-04", **overrides}
    return algorithm_record_create(project=project, by=by, **fields)
