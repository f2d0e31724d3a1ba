"""Errors the analysis reports to its users, each with a message that says what to do."""


class AnalysisError(ValueError):
    """Input that cannot be analysed as given. The numbers in the message are kept in
    `params` too, so that a page can say the same in its own language."""

    def __init__(self, message: str, **params):
        super().__init__(message)
        self.params = params


class NoContrast(AnalysisError):
    """Every case has the same outcome."""


class TooFewCases(AnalysisError):
    """No configuration has enough cases for the chosen n.cut."""


class ConstantCondition(AnalysisError):
    """A condition has the same value in every case."""


class OutOfRange(AnalysisError):
    """A membership score outside [0, 1]."""


class TooMuchWork(AnalysisError):
    """The analysis would take more work than allowed (params: conditions)."""
