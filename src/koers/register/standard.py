"""The Algoritmeregister's publication standard 1.0, as far as Koers publishes it: the
register's vocabularies, the status a project's stage implies, the limited HTML the register
accepts, months and link lists as the standard writes them, and which fields a record needs
before Koers publishes it.

The field list follows the standard's own definition (version 1.0, the register's
`v1_0` field configuration); see docs/algoritmeregister.md for the mapping and for where
Koers asks more than the register does.
"""

import re
from dataclasses import dataclass

import nh3
from django.utils.translation import gettext_lazy as _

from koers.guards.text import tidy
from koers.projects import lifecycle

STANDARD_VERSION = "1.0"
LANGUAGE = "nld"

# The register's words for the status; Koers stores a short code.
STATUS_VALUES = {
    "in_development": "In ontwikkeling",
    "in_use": "In gebruik",
    "out_of_use": "Buiten gebruik",
}
STATUS_LABELS = {
    "in_development": _("In development"),
    "in_use": _("In use"),
    "out_of_use": _("Out of use"),
}

PUBLICATION_CATEGORY_VALUES = {
    "high_risk": "Hoog-risico AI-systeem",
    "impactful": "Impactvolle algoritmes",
    "other": "Overige algoritmes",
}
PUBLICATION_CATEGORY_LABELS = {
    "high_risk": _("High-risk AI system"),
    "impactful": _("Impactful algorithms"),
    "other": _("Other algorithms"),
}

# Standard 1.0 asks to say in "methods and models" whether the algorithm learns by itself;
# standard 0.4.0 had a field of its own for it, "type" ((Zelf)lerend: Ja/Nee). Koers keeps
# that field, because the difference matters to readers, and exports it under its 0.4.0 name.
TYPE_VALUES = {"self_learning": "Ja", "rule_based": "Nee"}
TYPE_LABELS = {
    "self_learning": _("Self-learning (learns patterns from data)"),
    "rule_based": _("Rule-based (people wrote the rules)"),
}

# The register's themes ("Thema"), at most three per algorithm.
CATEGORY_VALUES = {
    "operations": "Organisatie en bedrijfsvoering",
    "culture": "Cultuur en recreatie",
    "economy": "Economie",
    "finance": "Overheidsfinanciën",
    "housing": "Wonen",
    "international": "Internationaal",
    "migration": "Migratie en integratie",
    "environment": "Natuur en milieu",
    "education": "Onderwijs en wetenschap",
    "safety": "Openbare orde en veiligheid",
    "justice": "Recht",
    "space": "Ruimte en infrastructuur",
    "social_security": "Sociale zekerheid",
    "traffic": "Verkeer",
    "work": "Werk",
    "care": "Zorg en gezondheid",
}
CATEGORY_LABELS = {
    "operations": _("Organisation and business operations"),
    "culture": _("Culture and recreation"),
    "economy": _("Economy"),
    "finance": _("Public finance"),
    "housing": _("Housing"),
    "international": _("International"),
    "migration": _("Migration and integration"),
    "environment": _("Nature and environment"),
    "education": _("Education and science"),
    "safety": _("Public order and safety"),
    "justice": _("Justice"),
    "space": _("Spatial planning and infrastructure"),
    "social_security": _("Social security"),
    "traffic": _("Traffic"),
    "work": _("Work"),
    "care": _("Care and health"),
}
MAX_CATEGORIES = 3

# Character limits of the standard.
NAME_CHARS = 100
SHORT_DESCRIPTION_CHARS = 350
ORGANISATION_CHARS = 100
TEXT_CHARS = 2500
METHODS_CHARS = 5000
PROVIDER_CHARS = 200
URL_CHARS = 500
LINK_TITLE_CHARS = {"lawful_basis_links": 100, "impact_assessments": 200, "source_data_links": 500}

# The only markup the register shows; everything else is removed on input.
ALLOWED_TAGS = frozenset({"div", "br", "p", "ul", "ol", "li"})
HTML_FIELDS = (
    "goal",
    "proportionality",
    "human_intervention",
    "risks",
    "lawful_basis",
    "impact_assessments_note",
    "source_data",
    "methods_and_models",
)
HTML_LIMITS = {name: TEXT_CHARS for name in HTML_FIELDS} | {"methods_and_models": METHODS_CHARS}


def status_for_stage(stage: str) -> str:
    """The register's status a project's stage implies: before implementation the algorithm
    is being developed, from implementation on it is used, and a stopped project's is not."""
    if stage == lifecycle.STOPPED:
        return "out_of_use"
    if lifecycle.is_implemented(stage):
        return "in_use"
    return "in_development"


def sanitise_html(text: str) -> str:
    """The text with only the register's tags left, without attributes or comments."""
    return nh3.clean(tidy(text), tags=set(ALLOWED_TAGS), attributes={}, link_rel=None).strip()


def has_markup(text: str) -> bool:
    return bool(re.search(r"<(div|br|p|ul|ol|li)\b", text))


MONTH = re.compile(r"^(\d{4})-(\d{2})$")


def month_problem(value: str) -> str | None:
    """What is wrong with a YYYY-MM month, in the user's language, or None."""
    match = MONTH.match(value)
    if not match:
        return str(_("Write the month as YYYY-MM, for example 2024-03."))
    year, month = int(match[1]), int(match[2])
    if not 1 <= month <= 12:
        return str(_("There is no month %(month)s: use 01 to 12.") % {"month": match[2]})
    if not 1950 <= year <= 2100:
        return str(_("Give a year between 1950 and 2100."))
    return None


@dataclass(frozen=True)
class Link:
    title: str
    link: str


def parse_links(text: str, *, title_chars: int) -> tuple[list[Link], list[str]]:
    """Links written one per line as "title | https://…"; the links and, per bad line, why."""
    links, problems = [], []
    for number, line in enumerate(tidy(text).split("\n"), start=1):
        line = line.strip()
        if not line:
            continue
        title, bar, url = (part.strip() for part in line.rpartition("|"))
        if not bar or not title:
            problems.append(
                str(_("Line %(n)d: write a title, a bar and the link: Title | https://…"))
                % {"n": number}
            )
            continue
        problem = url_problem(url) or (
            str(_("The title is longer than %(limit)d characters.")) % {"limit": title_chars}
            if len(title) > title_chars
            else None
        )
        if problem:
            problems.append(str(_("Line %(n)d: %(problem)s")) % {"n": number, "problem": problem})
            continue
        links.append(Link(title=title, link=url))
    return links, problems


def format_links(links: list[dict[str, str]]) -> str:
    return "\n".join(f"{item['title']} | {item['link']}" for item in links)


def url_problem(url: str) -> str | None:
    """The register asks for web addresses that start with https://."""
    if len(url) > URL_CHARS:
        return str(_("The link is longer than %(limit)d characters.") % {"limit": URL_CHARS})
    if not re.match(r"^https://[^\s/?#]+\.[^\s/?#]+[^\s]*$", url):
        return str(_("Give a web address that starts with https://, for example https://…"))
    return None
