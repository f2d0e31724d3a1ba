"""Library search by word parts and without accents, ranked, the same on SQLite and
PostgreSQL: "schulden" finds "Schuldhulpverlening", "cooperatie" finds "Coöperatie"."""

import pytest

from koers.library.search import normalise, stems
from koers.library.selectors import LibraryFilter, shared_projects, study_cases
from koers.library.services import reference_cases_load
from koers.projects.models import Visibility
from tests.factories import make_project

STEMS = [
    ("schulden", ["schulden", "schuld"]),  # a plural: the stem is inside compounds
    ("straten", ["straten", "strat", "straat"]),  # a long vowel written once before -en
    ("bussen", ["bussen", "buss", "bus"]),  # a doubled consonant before -en
    ("mogelijkheden", ["mogelijkheden", "mogelijk"]),  # -heden
    ("wijk", ["wijk"]),  # nothing to take off
    ("en", ["en"]),  # too short to take anything off
]


@pytest.mark.parametrize(("word", "expected"), STEMS)
def test_stems(word, expected):
    assert stems(word) == expected


def test_normalise_drops_accents_and_case():
    assert normalise("Coöperatie FINANCIËN café") == "cooperatie financien cafe"


@pytest.fixture
def shipped(world):
    reference_cases_load()


def test_schulden_finds_schuldhulpverlening(shipped):
    found = [c.title_nl for c in study_cases(filters=LibraryFilter(q="schulden"))]
    assert found and all(t.startswith("Schuldhulpverlening") for t in found), found
    assert len(found) == 2


def test_words_of_a_query_must_all_match(shipped):
    found = [c.title_nl for c in study_cases(filters=LibraryFilter(q="schulden huishoudboekje"))]
    assert found == ["Schuldhulpverlening: ‘huishoudboekje’"]


def test_accents_and_capitals_do_not_count_and_titles_rank_first(world):
    def shared(title, problem="Waar moet geveegd worden?"):
        project = make_project(world.a, world.member, visibility=Visibility.NETWORK, title=title)
        project.problem = problem
        project.save(update_fields=["problem"])
        return project

    shared("ÉÉN LOKET VOOR ENERGIEARMOEDE")
    shared("Zonnepanelen in de wijk", problem="Een energiecoöperatie wil meer daken.")
    in_title = shared("Coöperatie Zuid")
    shared("Iets anders")
    found = [
        p.title for p in shared_projects(user=world.b_member, filters=LibraryFilter(q="cooperatie"))
    ]
    assert found == [in_title.title, "Zonnepanelen in de wijk"]
    found = [
        p.title for p in shared_projects(user=world.b_member, filters=LibraryFilter(q="één loket"))
    ]
    assert found == ["ÉÉN LOKET VOOR ENERGIEARMOEDE"]
