"""Loading framework files: a good file becomes the active version; every kind of bad file is
refused with a message naming its place, and the running version stays as it was."""

import json

import pytest

from koers.framework.models import FrameworkVersion
from koers.framework.selectors import framework_active
from koers.framework.services import DEFAULT_FRAMEWORK_FILE, framework_export, framework_load
from koers.framework.validation import FrameworkFileError
from tests.factories import framework_data, load_framework, variant


def test_a_good_file_becomes_the_active_version(db):
    version = load_framework()
    assert framework_active() == version
    assert version.factors.count() == 9
    assert sum(f.indicators.filter(is_quick=True).count() for f in version.factors.all()) == 9


def test_a_new_version_replaces_the_active_one_and_keeps_the_old(db):
    first = load_framework()
    second = load_framework(framework_data(version=2))
    first.refresh_from_db()
    assert framework_active() == second and not first.is_active
    assert FrameworkVersion.objects.count() == 2


def test_export_is_the_inverse_of_load(db):
    data = framework_data()
    version = load_framework(data)
    assert framework_export(version=version) == data


def _broken(mutate):
    data = variant(framework_data())
    mutate(data)
    return json.dumps(data).encode()


BAD_FILES = [
    (b"{not json", "not valid JSON"),
    ("é".encode("latin-1"), "UTF-8"),
    (b"[]", "one JSON object"),
    (_broken(lambda d: d["factors"].pop()), "expected 9 factors"),
    (_broken(lambda d: d["factors"][2]["name"].pop("en")), "factors[2].name.en"),
    (
        _broken(lambda d: d["factors"][0]["indicators"][1].update(key="f1.i1")),
        "duplicate key 'f1.i1'",
    ),
    (_broken(lambda d: d["factors"][4].update(options=[])), "factors[4].options"),
    (_broken(lambda d: d["factors"][1]["indicators"][0].update(quick=False)), "quickscan"),
    (
        _broken(lambda d: d["factors"][3]["options"][0].update(stages=["someday"])),
        "factors[3].options[0].stages",
    ),
    (
        _broken(lambda d: d["factors"][3]["options"][0].update(effort="huge")),
        "factors[3].options[0].effort",
    ),
    (_broken(lambda d: d.update(version="one")), "version"),
]


@pytest.mark.parametrize(("raw", "message"), BAD_FILES)
def test_bad_files_are_refused_and_change_nothing(db, raw, message):
    running = load_framework()
    with pytest.raises(FrameworkFileError) as info:
        framework_load(raw=raw)
    assert message in str(info.value)
    assert framework_active() == running
    assert FrameworkVersion.objects.count() == 1


def test_the_same_version_number_cannot_be_loaded_twice(db):
    load_framework()
    with pytest.raises(FrameworkFileError, match="already loaded"):
        load_framework()


def test_a_huge_file_is_refused_before_parsing(db):
    with pytest.raises(FrameworkFileError, match="2 MB"):
        framework_load(raw=b" " * (3 * 1024 * 1024))


def test_the_shipped_framework_file_is_valid(db):
    version = framework_load(raw=DEFAULT_FRAMEWORK_FILE.read_bytes())
    for factor in version.factors.all():
        assert 4 <= factor.indicators.count() <= 5
        assert 5 <= factor.options.count() <= 8
