"""The form that makes a token on the page."""

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from koers.organisations.models import Role
from koers.organisations.selectors import organisation_ids_with_role, organisations_of

from .models import Scope

PERSONAL, ORGANISATION = "personal", "organisation"


class TokenForm(forms.Form):
    name = forms.CharField(
        label=_("Name"),
        max_length=100,
        help_text=_("What uses the token, e.g. 'Power BI portfolio report'."),
    )
    organisation = forms.ModelChoiceField(label=_("Organisation"), queryset=None, empty_label=None)
    kind = forms.ChoiceField(
        label=_("Kind"),
        widget=forms.RadioSelect,
        initial=PERSONAL,
        choices=[
            (PERSONAL, _("Personal: acts as you, sees what you see in the organisation")),
            (
                ORGANISATION,
                _(
                    "Organisation: for a program; reads as a viewer, writes as a coordinator "
                    "(coordinators only)"
                ),
            ),
        ],
    )
    scope = forms.ChoiceField(
        label=_("Scope"), widget=forms.RadioSelect, choices=Scope.choices, initial=Scope.READ
    )
    days = forms.IntegerField(
        label=_("Valid for (days)"),
        required=False,
        min_value=1,
        max_value=3650,
        initial=90,
        help_text=_("Leave empty for a token that does not expire (revoke it when done)."),
    )

    def __init__(self, *args: Any, user: Any, **kwargs: Any):
        super().__init__(*args, **kwargs)
        self.fields["organisation"].queryset = organisations_of(user).order_by("name")
        if not organisation_ids_with_role(user, Role.COORDINATOR):
            self.fields["kind"].choices = self.fields["kind"].choices[:1]
