"""The accounts app's Dutch speaks as the rest of Koers does: "je", never "u"/"uw", and the
stage's own word "geïmplementeerd". Checked over its catalogue and its Dutch pages."""

import re
from pathlib import Path

import pytest

APP = Path(__file__).resolve().parents[2] / "src/koers/accounts"
FORMAL = re.compile(r"\b[Uu]w\b|\b[Uu]\b(?! ?=)")


def _dutch_texts() -> list[tuple[str, str]]:
    po = (APP / "locale/nl/LC_MESSAGES/django.po").read_text(encoding="utf-8")
    texts = [("catalogue", m) for m in re.findall(r'^msgstr(?:\[\d\])? "(.*)"$', po, re.M)]
    for page in sorted((APP / "templates/accounts/pages").glob("*_nl.html")):
        prose = re.sub(r"<[^>]+>|\{[%{].*?[%}]\}", " ", page.read_text(encoding="utf-8"))
        texts += [(page.name, line) for line in prose.splitlines() if line.strip()]
    return texts


@pytest.mark.parametrize(
    ("pattern", "why"),
    [(FORMAL, "Koers says 'je', never 'u'/'uw'"), (re.compile("ingevoerd"), "'geïmplementeerd'")],
)
def test_the_dutch_text_avoids(pattern, why):
    found = [(where, text) for where, text in _dutch_texts() if pattern.search(text)]
    assert not found, f"{why}: {found}"
