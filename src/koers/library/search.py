"""Searching the library by word parts, without accents, ranked, on any database.

Dutch glues words together ("schuldhulpverlening") and inflects them ("schulden"), so a
word of the query matches when its stem occurs anywhere in a text: "schulden" finds
"Schuldhulpverlening" through "schuld". Accents and case do not count ("financien" finds
"financiën"). Both sides are normalised the same way: the query here in Python, the columns
in SQL by `Folded` (TRANSLATE on PostgreSQL, the same Python function on SQLite). Every
word of the query must match; a match in the title weighs more than one in the text.
"""

import re
import unicodedata
from collections.abc import Sequence
from typing import Any

from django.db.models import (
    Case,
    Expression,
    F,
    Func,
    IntegerField,
    Q,
    QuerySet,
    TextField,
    Value,
    When,
)

# Accented letters as Dutch and its loanwords use them, and what they count as.
ACCENTED = {
    **dict.fromkeys("áàäâãÁÀÄÂÃ", "a"),
    **dict.fromkeys("éèëêÉÈËÊ", "e"),
    **dict.fromkeys("íìïîÍÌÏÎ", "i"),
    **dict.fromkeys("óòöôõÓÒÖÔÕ", "o"),
    **dict.fromkeys("úùüûÚÙÜÛ", "u"),
    **dict.fromkeys("çÇ", "c"),
    **dict.fromkeys("ñÑ", "n"),
}
# Endings taken off a query word to find its stem, longest first (Dutch plurals and
# inflections); a stem keeps at least MIN_STEM letters.
ENDINGS = ("heden", "ingen", "tjes", "jes", "en", "'s", "s", "e")
MIN_STEM = 3
VOWELS = set("aeiou")
TITLE_WEIGHT, TEXT_WEIGHT = 3, 1


def normalise(text: str) -> str:
    decomposed = unicodedata.normalize("NFKD", text.lower())
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


def query_words(query: str) -> list[str]:
    return [w for w in re.findall(r"[\w']+", normalise(query)) if len(w) >= 2][:8]


def stems(word: str) -> list[str]:
    """The word and the stems it may appear as inside other words, e.g. 'schulden' ->
    'schulden', 'schuld'; 'straten' -> 'straten', 'strat', 'straat'; 'bussen' -> 'bus'."""
    found = [word]
    for ending in ENDINGS:
        stem = word[: -len(ending)]
        if word.endswith(ending) and len(stem) >= MIN_STEM:
            found.append(stem)
            if len(stem) >= 3 and stem[-1] == stem[-2] and stem[-1] not in VOWELS:
                found.append(stem[:-1])  # bussen -> bus
            elif len(stem) >= 3 and stem[-2] in VOWELS and stem[-3] not in VOWELS:
                found.append(stem[:-1] + stem[-2] + stem[-1])  # straten -> straat
            break
    return [s for i, s in enumerate(found) if s not in found[:i] and (i == 0 or len(s) >= MIN_STEM)]


class Folded(Func):
    """A column in lower case without accents, as `normalise` does in Python. PostgreSQL
    maps the letters with TRANSLATE; SQLite calls `normalise` itself, registered on each
    connection (`register_sqlite_function`)."""

    output_field = TextField()

    def as_sqlite(self, compiler: Any, connection: Any, **extra: Any) -> Any:
        return self.as_sql(compiler, connection, function=SQLITE_FUNCTION, **extra)

    def as_postgresql(self, compiler: Any, connection: Any, **extra: Any) -> Any:
        template = f"TRANSLATE(LOWER(%(expressions)s), '{ACCENTS_FROM}', '{ACCENTS_TO}')"
        return self.as_sql(compiler, connection, template=template, **extra)

    def as_sql(self, compiler: Any, connection: Any, **extra: Any) -> Any:
        extra.setdefault("function", "LOWER")
        return super().as_sql(compiler, connection, **extra)


SQLITE_FUNCTION = "KOERS_FOLD"
ACCENTS_FROM = "".join(ACCENTED)
ACCENTS_TO = "".join(ACCENTED.values())


def register_sqlite_function(sender: Any, connection: Any, **kwargs: Any) -> None:
    if connection.vendor == "sqlite":
        connection.connection.create_function(
            SQLITE_FUNCTION,
            1,
            lambda text: None if text is None else normalise(text),
            deterministic=True,
        )


def ranked(
    queryset: QuerySet, query: str, *, titles: Sequence[str], texts: Sequence[str]
) -> QuerySet:
    """`queryset` narrowed to rows where every query word matches one of the fields, with a
    `rank` annotation (higher is better). Callers order by it."""
    words = query_words(query)
    if not words:
        return queryset.annotate(rank=Value(0, output_field=IntegerField()))
    columns = {f"_norm_{i}": Folded(F(f)) for i, f in enumerate([*titles, *texts])}
    title_cols = list(columns)[: len(titles)]
    text_cols = list(columns)[len(titles) :]
    queryset = queryset.annotate(**columns)
    rank: Expression = Value(0, output_field=IntegerField())
    for word in words:
        in_title = Q()
        in_text = Q()
        for stem in stems(word):
            for column in title_cols:
                in_title |= Q(**{f"{column}__contains": stem})
            for column in text_cols:
                in_text |= Q(**{f"{column}__contains": stem})
        queryset = queryset.filter(in_title | in_text)
        rank = rank + Case(
            When(in_title, then=Value(TITLE_WEIGHT)),
            When(in_text, then=Value(TEXT_WEIGHT)),
            default=Value(0),
            output_field=IntegerField(),
        )
    return queryset.annotate(rank=rank)
