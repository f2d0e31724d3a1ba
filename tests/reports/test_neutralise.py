"""Formula neutralising: text that any spreadsheet program could run as a formula or a DDE
command gets a leading apostrophe, also when invisible or control characters come first or
the formula sign is a fullwidth twin; ordinary text and typed values stay as they are."""

import pytest

from koers.reports.spreadsheets import neutralise

CASES = [
    ("=1+1", "'=1+1"),  # the plain formula
    ("+31 6 1234", "'+31 6 1234"),  # a plus starts a formula too
    ("-2", "'-2"),  # and a minus
    ("@SUM(A1)", "'@SUM(A1)"),  # and an at sign (Lotus style)
    ("|calc!A0", "'|calc!A0"),  # a pipe starts a DDE command
    ("\tabc", "'\tabc"),  # a leading tab
    ("\rabc", "'\rabc"),  # a leading carriage return
    ("\x01=1+1", "'\x01=1+1"),  # a control character that programs skip
    ("\x00=1", "'\x00=1"),  # a NUL byte before the formula
    ("  =1", "'  =1"),  # spaces before the formula
    ("\u200b=1+1", "'\u200b=1+1"),  # zero-width space
    ("\u200d\u2060=1", "'\u200d\u2060=1"),  # zero-width joiner and word joiner
    ("\ufeff=1", "'\ufeff=1"),  # a byte order mark
    ("\u202e=1", "'\u202e=1"),  # a bidi override
    ("\xa0=1", "'\xa0=1"),  # a no-break space
    ("\uff1d1+1", "'\uff1d1+1"),  # fullwidth equals sign
    ("\uff0b1", "'\uff0b1"),  # fullwidth plus
    ("\uff0d1", "'\uff0d1"),  # fullwidth minus
    ("\uff20x", "'\uff20x"),  # fullwidth at sign
    ("\ufe661", "'\ufe661"),  # small equals sign
    ("plain", "plain"),  # ordinary text
    ("a=b", "a=b"),  # a sign later in the text is harmless
    (" plain", " plain"),  # leading space before ordinary text
    ("\u200bplain", "\u200bplain"),  # invisible character before ordinary text
    ("", ""),  # empty text
    (5, 5),  # numbers stay numbers
    (-2, -2),  # negative numbers too
    (None, None),  # and empty cells stay empty
]


@pytest.mark.parametrize(("value", "safe"), CASES)
def test_neutralise(value, safe):
    assert neutralise(value) == safe
