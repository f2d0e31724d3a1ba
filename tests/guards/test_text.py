"""Free texts are bounded in characters and lines wherever they are written (forms and
services alike): too long is a clear message on the field and nothing is saved. Bidi
controls are removed on input. A PDF of a project whose texts predate the limits is cut to
them, with a note that says so."""

import io

import pytest
from django.core.exceptions import ValidationError
from django.test import Client
from django.urls import reverse
from pypdf import PdfReader

from koers.actions.services import action_create, action_update
from koers.assessments.models import FactorNote, Response
from koers.assessments.services import response_save, scan_indicators, scan_start
from koers.guards.text import ESSAY, NOTE, TITLE, clipped, text_problem, tidy
from koers.projects.models import Project, StageEvent
from koers.projects.services import project_create, project_move_stage, project_update
from koers.reports.documents import project_report_pdf
from tests.factories import make_project

FLOOD = "regel\n" * 40_000


@pytest.mark.parametrize(
    ("text", "limit", "ok"),
    [
        ("a" * 200, TITLE, True),  # a title at its limit
        ("a" * 201, TITLE, False),  # one character over
        ("twee\nregels", TITLE, False),  # a title is one line
        ("x\n" * 39 + "x", NOTE, True),  # forty lines of note
        ("x\n" * 40 + "x", NOTE, False),  # forty-one
        ("a" * 5000, ESSAY, True),  # a problem at its limit
        ("a" * 5001, ESSAY, False),  # over it
        ("", ESSAY, True),  # empty is fine
    ],
)
def test_limits(text, limit, ok):
    assert (text_problem(text, limit) is None) == ok


def test_tidy_removes_bidi_controls_and_invisible_control_characters():
    assert tidy("abc\u202edcba") == "abcdcba"  # right-to-left override
    assert tidy("\u2066x\u2069 \u202ay\u202c") == "x y"  # isolates and embeddings
    assert tidy("a\r\nb\rc\x00d\x1b") == "a\nb\ncd"  # line ends, NUL and escape
    assert tidy("één\tkolom") == "één\tkolom"  # ordinary text stays


def test_clipped_keeps_what_fits_and_says_whether_it_cut():
    assert clipped("kort", ESSAY) == ("kort", False)
    text, cut = clipped(FLOOD, ESSAY)
    assert cut and text.count("\n") == ESSAY.lines - 1


@pytest.mark.parametrize(
    ("field", "value"),
    [
        ("problem", FLOOD),
        ("problem", "a" * 5001),
        ("data_sources", "bron\n" * 41),
        ("lessons_learned", "les\n" * 81),
        ("title", "a\nb"),
    ],
)
def test_project_services_refuse_texts_over_the_limit(world, field, value):
    kwargs = {"title": "Lang verhaal", "problem": "Iets", field: value}
    with pytest.raises(ValidationError) as refused:
        project_create(
            owner=world.a, by=world.member, domain="physical", visibility="team", **kwargs
        )
    assert field in refused.value.message_dict
    assert Project.objects.count() == 1  # only the world's own project
    with pytest.raises(ValidationError):
        project_update(project=world.project, by=world.member, expected_version=1, **{field: value})
    assert Project.objects.get(pk=world.project.pk).version == 1


def test_action_stage_and_evidence_texts_are_bounded(world):
    with pytest.raises(ValidationError) as refused:
        action_create(project=world.project, by=world.member, title="A", description=FLOOD)
    assert "description" in refused.value.message_dict
    action = action_create(project=world.project, by=world.member, title="A")
    with pytest.raises(ValidationError):
        action_update(action=action, by=world.member, expected_version=1, title="x" * 201)
    with pytest.raises(ValidationError) as refused:
        project_move_stage(project=world.project, by=world.member, to="experiment", note=FLOOD)
    assert "note" in refused.value.message_dict
    assert StageEvent.objects.filter(project=world.project).count() == 1
    scan = scan_start(project=world.project, by=world.member, respondents=[world.member])
    factor_id = scan_indicators(scan)[0].factor_id
    with pytest.raises(ValidationError) as refused:
        response_save(
            response=Response.objects.get(scan=scan),
            by=world.member,
            answers={},
            notes={factor_id: "x\n" * 41},
            expected_version=1,
            submit=False,
        )
    assert f"note{factor_id}" in refused.value.message_dict
    assert not FactorNote.objects.exists()


def test_the_project_form_says_what_is_too_long_in_dutch_and_saves_nothing(world):
    client = Client()
    client.force_login(world.member)
    data = {
        "owner": world.a.pk,
        "title": "Lang",
        "problem": "regel\n" * 100,
        "domain": "physical",
        "visibility": "team",
    }
    response = client.post(reverse("web:project_create"), data)
    assert response.status_code == 200
    assert "Maximaal 80 regels" in response.content.decode()
    assert Project.objects.count() == 1


def test_bidi_overrides_are_removed_from_titles_on_input(world):
    project = make_project(world.a, world.member, title="Factuur\u202efdp.exe")
    assert Project.objects.get(pk=project.pk).title == "Factuurfdp.exe"
    project_update(project=project, by=world.member, expected_version=1, problem="a\u2066b\u2069")
    assert Project.objects.get(pk=project.pk).problem == "ab"


def test_a_pdf_cuts_texts_and_lists_stored_before_the_limits(world):
    """A project stored before the limits (a 40,000-line problem, 150 stage moves): its PDF
    shows the first lines of the problem, the latest 100 moves, and says so."""
    project = world.project
    Project.objects.filter(pk=project.pk).update(problem=FLOOD)
    StageEvent.objects.bulk_create(
        [
            StageEvent(project=project, to_stage="idea", on=project.stage_since, note=f"stap {i}")
            for i in range(150)
        ]
    )
    pdf = project_report_pdf(project=Project.objects.get(pk=project.pk), language="en")
    reader = PdfReader(io.BytesIO(pdf))
    text = "\n".join(page.extract_text() for page in reader.pages)
    assert "This text is shortened here" in text
    assert "The latest 100 of 151 stage moves" in text
    assert "stap 149" in text and "stap 10\n" not in text
    assert len(reader.pages) < 20
