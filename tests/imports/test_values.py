"""Numbers as people write them: thousands separators and decimal commas read right, the
ambiguous ones refused with both readings; a workbook's number cell read as its number."""

from decimal import Decimal

import pytest
from django.utils import translation

from koers.imports.reading import _cell_text
from koers.imports.values import CellProblem, parse_decimal


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("1.250.000,50", "1250000.50"),
        ("1,250,000.50", "1250000.50"),
        ("1 250 000,50", "1250000.50"),
        ("1250000,50", "1250000.50"),
        ("1250000.50", "1250000.50"),
        ("€ 1.250,-", "1250.00"),
        ("-1.250,5", "-1250.5"),
        ("1,250.5", "1250.5"),
        ("1.250.000", "1250000"),
        ("1,250,000", "1250000"),
        ("12,5", "12.5"),
        ("1.5", "1.5"),
        ("0,125", "0.125"),  # a leading 0 groups no thousands
        ("1234,567", "1234.567"),  # nor four digits before the mark
        ("+3", "3"),
    ],
)
def test_numbers_are_read_right(text, value):
    assert parse_decimal(text) == Decimal(value)


@pytest.mark.parametrize("text", ["1.25.000", "1250.000,5", "1,5.3", "abc", "1e5", "", "1,,5"])
def test_what_is_no_number_is_refused(text):
    with translation.override("en"), pytest.raises(CellProblem, match="is not a number"):
        parse_decimal(text)


@pytest.mark.parametrize(
    ("text", "decimal", "whole"), [("1,250", "1,25", "1250"), ("1.250", "1.25", "1250")]
)
def test_an_ambiguous_number_is_refused_with_both_readings(text, decimal, whole):
    with translation.override("en"), pytest.raises(CellProblem) as refused:
        parse_decimal(text)
    assert f"can mean {decimal} or {whole}" in str(refused.value)
    with translation.override("nl"), pytest.raises(CellProblem) as refused:
        parse_decimal(text)
    assert f"kan {decimal} of {whole} betekenen" in str(refused.value)


def test_a_workbooks_number_cell_is_read_as_its_number():
    assert parse_decimal(_cell_text(1.125)) == Decimal("1.125")
    assert parse_decimal(_cell_text(1250000.5)) == Decimal("1250000.5")
    assert _cell_text(1250.0) == "1250"
