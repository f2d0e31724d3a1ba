"""Which of the study's disciplines a team has (factor 5). Pure: team roles in, coverage out.

The study names a domain expert, a programme manager, a data scientist (or analyst) and a
privacy officer as the core of a multidisciplinary team; end users, IT / architecture, legal
and communication strengthen it. Each discipline is met by one or more team roles (codes of
koers.projects.models.TeamRole); a developer brings IT knowledge, so counts for IT /
architecture.
"""

from collections.abc import Iterable
from dataclasses import dataclass

CORE = ("domain_expert", "programme_manager", "data_analyst", "privacy_officer")
EXTRA = ("end_user", "it_architecture", "legal", "communication")

ROLES_FOR = {
    "domain_expert": {"domain_expert"},
    "programme_manager": {"programme_manager"},
    "data_analyst": {"data_scientist"},
    "privacy_officer": {"privacy_officer"},
    "end_user": {"end_user"},
    "it_architecture": {"it_architect", "developer"},
    "legal": {"legal"},
    "communication": {"communication"},
}


@dataclass(frozen=True)
class Coverage:
    core_present: tuple[str, ...]
    core_missing: tuple[str, ...]
    extra_present: tuple[str, ...]
    extra_missing: tuple[str, ...]

    @property
    def core_complete(self) -> bool:
        return not self.core_missing

    def has(self, discipline: str) -> bool:
        return discipline in self.core_present or discipline in self.extra_present


def team_disciplines(roles: Iterable[str]) -> Coverage:
    """The disciplines the team roles cover and lack, each in the study's order."""
    held = set(roles)
    present = {d for d, needed in ROLES_FOR.items() if needed & held}
    return Coverage(
        core_present=tuple(d for d in CORE if d in present),
        core_missing=tuple(d for d in CORE if d not in present),
        extra_present=tuple(d for d in EXTRA if d in present),
        extra_missing=tuple(d for d in EXTRA if d not in present),
    )
