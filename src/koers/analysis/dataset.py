"""Reading cases from CSV and checking them before analysis."""

import csv
import io
import math
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from .errors import AnalysisError, ConstantCondition, NoContrast, OutOfRange

MAX_CASES = 2_000_000
MAX_CONDITIONS = 20


@dataclass
class Dataset:
    cases: list[str]
    conditions: list[str]
    outcome: str  # as asked, '~OUT' for the negated outcome
    data: np.ndarray
    y: np.ndarray
    dropped: int  # cases left out for a missing value


def _number(text: str) -> float:
    text = text.strip()
    if text in ("", "NA", "na", "NaN", "-", "."):
        return math.nan
    return (
        float(text.replace(",", ".")) if text.count(",") == 1 and "." not in text else float(text)
    )


def read_csv(
    source: str | Path | io.TextIOBase, *, outcome: str, conditions: list[str], fuzzy: bool = False
) -> Dataset:
    """Cases from a CSV with a header; a first column named 'case' (or any column not used as
    outcome or condition, first of them) names the cases. Crisp data must be 0/1."""
    if isinstance(source, (str, Path)):
        with open(source, newline="", encoding="utf-8-sig") as handle:
            return read_csv(handle, outcome=outcome, conditions=conditions, fuzzy=fuzzy)
    with source as handle:
        reader = csv.reader(handle)
        header = [h.strip() for h in next(reader, [])]
        rows = list(reader)
    negated = outcome.startswith("~")
    outcome_name = outcome[1:] if negated else outcome
    missing = [c for c in [outcome_name, *conditions] if c not in header]
    if missing:
        raise AnalysisError(
            f"Column(s) not in the file: {', '.join(missing)}. Columns: {', '.join(header)}"
        )
    if len(set(conditions)) != len(conditions):
        raise AnalysisError("A condition is listed twice.")
    if not 1 <= len(conditions) <= MAX_CONDITIONS:
        raise AnalysisError(f"Give 1 to {MAX_CONDITIONS} conditions.")
    if len(rows) > MAX_CASES:
        raise AnalysisError(f"More than {MAX_CASES:,} cases; split the file.")
    used = {outcome_name, *conditions}
    label = next((i for i, h in enumerate(header) if h not in used), None)
    index = [header.index(c) for c in conditions]
    out_index = header.index(outcome_name)
    names, values = [], []
    for number, row in enumerate(rows, start=2):
        if not any(cell.strip() for cell in row):
            continue
        try:
            values.append(
                [_number(row[i]) if i < len(row) else math.nan for i in [*index, out_index]]
            )
        except ValueError as exc:
            raise AnalysisError(f"Line {number}: not a number ({exc}).") from None
        names.append(
            row[label].strip() if label is not None and label < len(row) else str(number - 1)
        )
    matrix = np.array(values, dtype=float).reshape(-1, len(conditions) + 1)
    complete = ~np.isnan(matrix).any(axis=1)
    dropped = int((~complete).sum())
    matrix = matrix[complete]
    names = [n for n, keep in zip(names, complete) if keep]
    if len(matrix) == 0:
        raise AnalysisError("No case has values for all columns.")
    return validate(
        Dataset(
            names,
            list(conditions),
            outcome,
            matrix[:, :-1],
            1.0 - matrix[:, -1] if negated else matrix[:, -1],
            dropped,
        ),
        fuzzy=fuzzy,
    )


def validate(ds: Dataset, *, fuzzy: bool) -> Dataset:
    everything = np.column_stack([ds.data, ds.y])
    if ((everything < 0) | (everything > 1)).any():
        raise OutOfRange("Memberships must lie between 0 and 1; calibrate raw values first.")
    if not fuzzy and not np.isin(everything, (0.0, 1.0)).all():
        raise OutOfRange("Crisp data must be 0 or 1; use --fuzzy for membership scores.")
    for j, name in enumerate(ds.conditions):
        column = ds.data[:, j]
        if np.all(column > 0.5) or np.all(column < 0.5):
            raise ConstantCondition(
                f"Condition {name} has the same value in every case; it cannot tell cases apart. "
                "Leave it out."
            )
    if np.all(ds.y > 0.5) or np.all(ds.y < 0.5):
        raise NoContrast(
            "Every case has the same outcome, so no condition can be shown to make the "
            "difference: sufficiency cannot be inferred. Include cases without the outcome "
            "(stalled and stopped projects) as well as successes."
        )
    return ds
