"""The publication standard's small rules, without a database: the status a stage implies,
months, link lists and the HTML the register accepts."""

import pytest

from koers.projects import lifecycle
from koers.register import standard


@pytest.mark.parametrize(
    ("stage", "status"),
    [
        (lifecycle.IDEA, "in_development"),  # nothing in use yet
        (lifecycle.EXPERIMENT, "in_development"),  # tried, not taken into use
        (lifecycle.DEVELOPMENT, "in_development"),
        (lifecycle.IMPLEMENTED, "in_use"),  # taken into use
        (lifecycle.SCALED_INTERNAL, "in_use"),  # used more widely: still in use
        (lifecycle.SCALED_EXTERNAL, "in_use"),
        (lifecycle.STOPPED, "out_of_use"),  # a stopped project's algorithm is not used
    ],
)
def test_status_follows_the_stage(stage, status):
    assert standard.status_for_stage(stage) == status


def test_every_stage_has_a_status():
    assert {standard.status_for_stage(s) for s in lifecycle.STAGE_LABELS} == set(
        standard.STATUS_VALUES
    )


@pytest.mark.parametrize(
    ("value", "ok"),
    [
        ("2024-03", True),
        ("1999-12", True),
        ("2024-13", False),  # no thirteenth month
        ("2024-00", False),
        ("2024-3", False),  # two digits for the month
        ("03-2024", False),  # Dutch order is not the standard's
        ("2024/03", False),
        ("1800-01", False),  # not a year of algorithms
        ("", False),
    ],
)
def test_months_are_yyyy_mm(value, ok):
    assert (standard.month_problem(value) is None) == ok


@pytest.mark.parametrize(
    ("html", "kept"),
    [
        ("<p>Een <b>vette</b> tekst</p>", "<p>Een vette tekst</p>"),  # b is not allowed
        ("<script>alert(1)</script>Tekst", "Tekst"),  # scripts go with their content
        ('<p onclick="x()" class="y">Tekst</p>', "<p>Tekst</p>"),  # no attributes
        ('<a href="https://x.nl">link</a>', "link"),  # links are not in the allow-list
        ("<ul><li>een</li><li>twee</li></ul>", "<ul><li>een</li><li>twee</li></ul>"),
        ("regel<br>regel", "regel<br>regel"),
        ("<!-- opmerking -->Tekst", "Tekst"),
        ("Tekst\u202ezonder omkering", "Tekstzonder omkering"),  # bidi controls removed
    ],
)
def test_only_the_registers_tags_stay(html, kept):
    assert standard.sanitise_html(html) == kept


def test_links_are_read_one_per_line():
    links, problems = standard.parse_links(
        "DPIA | https://www.aastad.nl/dpia\n\nIAMA | https://www.aastad.nl/iama\n",
        title_chars=100,
    )
    assert problems == []
    assert [(link.title, link.link) for link in links] == [
        ("DPIA", "https://www.aastad.nl/dpia"),
        ("IAMA", "https://www.aastad.nl/iama"),
    ]


@pytest.mark.parametrize(
    "line",
    [
        "DPIA https://www.aastad.nl/dpia",  # no bar
        "| https://www.aastad.nl/dpia",  # no title
        "DPIA | http://www.aastad.nl/dpia",  # not https
        "DPIA | https://",  # no host
        "DPIA | javascript:alert(1)",
        "D" * 101 + " | https://www.aastad.nl/dpia",  # title too long
        "DPIA | https://www.aastad.nl/" + "x" * 500,  # link too long
    ],
)
def test_bad_link_lines_are_named_by_number(line):
    links, problems = standard.parse_links("Goed | https://www.aastad.nl\n" + line, title_chars=100)
    assert len(links) == 1
    assert len(problems) == 1 and problems[0].startswith("Line 2:")
