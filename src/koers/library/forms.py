"""The adopt form: which of the user's organisations adopts the case."""

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from koers.organisations.models import Organisation

CHOOSE = _("Choose the organisation that adopts this case.")


class AdoptForm(forms.Form):
    adopter = forms.ModelChoiceField(
        queryset=Organisation.objects.none(),
        error_messages={"required": CHOOSE, "invalid_choice": CHOOSE},
    )

    def __init__(self, *args: Any, adopters: Any, **kwargs: Any):
        super().__init__(*args, **kwargs)
        self.fields["adopter"].queryset = adopters
