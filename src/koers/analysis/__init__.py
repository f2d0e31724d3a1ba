"""Qualitative Comparative Analysis (crisp and fuzzy sets) in pure Python and numpy.

Follows the semantics of R's QCA package (truthTable, minimize, pof, calibrate); checked
against its output on published datasets in tests/analysis. No Django here.
"""

from .calibrate import crisp, fuzzy
from .dataset import Dataset, read_csv
from .errors import (
    AnalysisError,
    ConstantCondition,
    NoContrast,
    OutOfRange,
    TooFewCases,
    TooMuchWork,
)
from .necessity import NecessityRow, necessity_table
from .solve import KINDS, Solution, SolutionSet, TermFit, expression_fit, solve
from .truthtable import TruthTable, truth_table

__all__ = [
    "KINDS",
    "AnalysisError",
    "ConstantCondition",
    "Dataset",
    "NecessityRow",
    "NoContrast",
    "OutOfRange",
    "Solution",
    "SolutionSet",
    "TermFit",
    "TooFewCases",
    "TooMuchWork",
    "TruthTable",
    "crisp",
    "expression_fit",
    "fuzzy",
    "necessity_table",
    "read_csv",
    "solve",
    "truth_table",
]
