"""Free text: bounded in length and lines, and rid of characters that only change how text
is displayed. One table of limits, read by the models, the services and the PDFs.

Bidi controls (embeddings, overrides, isolates) are removed on input rather than isolated on
output: Koers' texts are Dutch and English prose that never needs them, and isolating only
keeps a reversed title from spilling into the text around it, while removing them shows the
title in the order it was typed (a title cannot pose as another one), in pages, PDFs and
exports alike, with no template having to remember a filter.
"""

import re
from dataclasses import dataclass
from typing import Any

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

# Embeddings and overrides (U+202A-U+202E) and isolates (U+2066-U+2069); control characters
# other than tab and newline, which no form sends and no page can show.
INVISIBLE = re.compile("[\u202a-\u202e\u2066-\u2069\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


@dataclass(frozen=True)
class TextLimit:
    chars: int
    lines: int


TITLE = TextLimit(chars=200, lines=1)
NOTE = TextLimit(chars=2000, lines=40)  # stage notes, evidence notes, descriptions
ESSAY = TextLimit(chars=5000, lines=80)  # the problem, lessons learned


def tidy(text: str) -> str:
    """Line ends as newlines, invisible characters out."""
    return INVISIBLE.sub("", text.replace("\r\n", "\n").replace("\r", "\n"))


def line_count(text: str) -> int:
    return text.count("\n") + 1 if text else 0


def text_problem(text: str, limit: TextLimit) -> str | None:
    """What is wrong with a (tidied) text under this limit, in the user's language, or None."""
    if len(text) > limit.chars:
        return _("At most %(limit)d characters, please (this has %(count)d).") % {
            "limit": limit.chars,
            "count": len(text),
        }
    lines = line_count(text)
    if lines > limit.lines:
        if limit.lines == 1:
            return _("Keep this on one line.")
        return ngettext(
            "At most %(limit)d line, please (this has %(count)d).",
            "At most %(limit)d lines, please (this has %(count)d).",
            limit.lines,
        ) % {"limit": limit.lines, "count": lines}
    return None


def tidy_and_check(obj: Any, limits: dict[str, TextLimit]) -> None:
    """Tidy the named text attributes of obj in place; a ValidationError per field that
    exceeds its limit (for Model.clean, so forms and services refuse alike)."""
    errors: dict[str, str] = {}
    for name, limit in limits.items():
        value = getattr(obj, name)
        if not isinstance(value, str):
            continue
        value = tidy(value)
        setattr(obj, name, value)
        problem = text_problem(value, limit)
        if problem:
            errors[name] = problem
    if errors:
        raise ValidationError(errors)


def checked_text(text: str, limit: TextLimit, *, field: str) -> str:
    """A tidied text, or a ValidationError on `field`: for texts saved without a model's
    full_clean (stage notes, evidence notes)."""
    value = tidy(text)
    problem = text_problem(value, limit)
    if problem:
        raise ValidationError({field: problem})
    return value


def clipped(text: str, limit: TextLimit) -> tuple[str, bool]:
    """At most the limit's characters and lines, and whether anything was cut: for texts
    stored before the limits, on their way into a PDF."""
    lines = text.split("\n")
    cut = "\n".join(lines[: limit.lines])[: limit.chars]
    return cut, cut != text
