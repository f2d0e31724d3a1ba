"""Form fields that name records by id, checked before any query sees the ids."""

from typing import Any

from django import forms
from django.core.exceptions import ValidationError

# Ids are 64-bit integers; SQLite cannot even compare a larger number and fails the query.
SMALLEST_ID, LARGEST_ID = -(2**63), 2**63 - 1


class CheckedModelMultipleChoiceField(forms.ModelMultipleChoiceField):
    """A multi-select of records where a number outside the id range is an unknown choice
    (the form says so), not a database error."""

    def _check_values(self, value: Any) -> Any:
        for pk in value:
            try:
                number = int(str(pk))
            except ValueError:
                continue  # a word: the parent reports it as an invalid id
            if not SMALLEST_ID <= number <= LARGEST_ID:
                raise ValidationError(
                    self.error_messages["invalid_choice"],
                    code="invalid_choice",
                    params={"value": pk},
                )
        return super()._check_values(value)
