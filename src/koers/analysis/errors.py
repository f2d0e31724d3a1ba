"""Errors the analysis reports to its users, each with a message that says what to do."""


class AnalysisError(ValueError):
    """Input that cannot be analysed as given."""


class NoContrast(AnalysisError):
    """Every case has the same outcome."""


class TooFewCases(AnalysisError):
    """No configuration has enough cases for the chosen n.cut."""


class ConstantCondition(AnalysisError):
    """A condition has the same value in every case."""


class OutOfRange(AnalysisError):
    """A membership score outside [0, 1]."""
