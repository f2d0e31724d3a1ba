"""The shipped framework files: version 2 rewords the options for action that name what
Koers keeps (questions, steps, disciplines, sessions, learning events, adoptions) and
changes nothing else; `koers bootstrap` loads it on a fresh database and on one that runs
version 1, whose scans keep their own texts."""

import json
from io import StringIO

from django.core.management import call_command

from koers.framework.models import FrameworkVersion
from koers.framework.selectors import framework_active
from koers.framework.services import DEFAULT_FRAMEWORK_FILE, framework_load, framework_parse

V1 = DEFAULT_FRAMEWORK_FILE.parent / "framework-v1.json"


def _options(data):
    return {o["key"]: o for f in data["factors"] for o in f["options"]}


def test_version_2_changes_only_option_descriptions():
    old, new = (framework_parse(p.read_bytes()) for p in (V1, DEFAULT_FRAMEWORK_FILE))
    assert (old["version"], new["version"]) == (1, 2)
    changed = {
        key
        for key, option in _options(new).items()
        if option["description"] != _options(old)[key]["description"]
    }
    assert changed == {
        "domain_questions.collect",
        "domain_questions.prioritise",
        "domain_questions.related_questions",
        "short_cycles.first_step",
        "multidisciplinary_team.role_check",
        "network.regional_partner",
        "learning.retro_habit",
        "end_users.shadow",
    }
    for data in (old, new):
        for option in _options(data).values():
            option["description"] = None
    assert old["factors"] == new["factors"]


def test_version_2_names_only_what_koers_has():
    text = DEFAULT_FRAMEWORK_FILE.read_text(encoding="utf-8")
    # v1 spoke of a question list (in Dutch: a questionnaire), a lesson "in Koers" and a
    # future owner among the roles Koers lists; none of those are things Koers keeps.
    for gone in ("vragenlijst", "question list", "toekomstige beheerder naast"):
        assert gone not in text
    collect = _options(json.loads(text))["domain_questions.collect"]["description"]
    assert "‘Vragen’" in collect["nl"] and "‘Questions’" in collect["en"]


def test_bootstrap_loads_the_shipped_version_on_a_fresh_database(db):
    out = StringIO()
    call_command("bootstrap", stdout=out)
    assert framework_active().number == 2
    assert "Framework version 2 loaded." in out.getvalue()


def test_bootstrap_moves_a_version_1_installation_to_version_2_once(db):
    first = framework_load(raw=V1.read_bytes())
    call_command("bootstrap", stdout=StringIO())
    call_command("bootstrap", stdout=StringIO())  # nothing new the second time
    first.refresh_from_db()
    assert framework_active().number == 2 and not first.is_active
    assert FrameworkVersion.objects.count() == 2


def test_bootstrap_keeps_a_newer_version_an_administrator_loaded(db):
    data = json.loads(DEFAULT_FRAMEWORK_FILE.read_bytes())
    data["version"] = 3
    framework_load(raw=json.dumps(data).encode())
    call_command("bootstrap", stdout=StringIO())
    assert framework_active().number == 3
    assert not FrameworkVersion.objects.filter(number=2).exists()
