"""Which of the study's disciplines a team has and lacks: a pure function of the team's
roles, table-driven, one comment per row."""

import pytest

from koers.projects.disciplines import CORE, EXTRA, team_disciplines

CASES = [
    # an empty team lacks everything
    ((), (), CORE, (), EXTRA),
    # a project leader alone covers no discipline of the study
    (("project_leader",), (), CORE, (), EXTRA),
    # the study's four: the core is complete, the extras all missing
    (
        ("domain_expert", "programme_manager", "data_scientist", "privacy_officer"),
        CORE,
        (),
        (),
        EXTRA,
    ),
    # a data scientist counts as "data scientist or analyst"; the order stays the study's
    (
        ("privacy_officer", "data_scientist"),
        ("data_analyst", "privacy_officer"),
        ("domain_expert", "programme_manager"),
        (),
        EXTRA,
    ),
    # a developer brings IT knowledge, so IT / architecture is present
    (("developer",), (), CORE, ("it_architecture",), ("end_user", "legal", "communication")),
    # IT architect, legal and communication advisers and an end user: every extra
    (("it_architect", "legal", "communication", "end_user"), (), CORE, EXTRA, ()),
    # two people in one role count once; "other" counts for nothing
    (
        ("legal", "legal", "other"),
        (),
        CORE,
        ("legal",),
        ("end_user", "it_architecture", "communication"),
    ),
]


@pytest.mark.parametrize(("roles", "core", "core_missing", "extra", "extra_missing"), CASES)
def test_team_disciplines(roles, core, core_missing, extra, extra_missing):
    coverage = team_disciplines(roles)
    assert coverage.core_present == core
    assert coverage.core_missing == core_missing
    assert coverage.extra_present == extra
    assert coverage.extra_missing == extra_missing
    assert coverage.core_complete == (not core_missing)


def test_has_names_a_discipline_in_either_list():
    coverage = team_disciplines(["privacy_officer", "legal"])
    assert coverage.has("privacy_officer") and coverage.has("legal")
    assert not coverage.has("domain_expert")
