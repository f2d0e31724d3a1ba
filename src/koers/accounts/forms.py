"""Forms for inviting people and accepting an invitation."""

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from koers.organisations.models import ROLE_RANK, Role
from koers.projects.models import TeamRole

MAX_CSV_BYTES = 512 * 1024


def role_choices_up_to(role: str | None) -> list[tuple[str, str]]:
    """The roles someone may hand out: their own and those below it."""
    if role is None:
        return []
    rank = ROLE_RANK[Role(role)]
    return [(value, label) for value, label in Role.choices if ROLE_RANK[Role(value)] <= rank]


class InvitationForm(forms.Form):
    email = forms.EmailField(label=_("E-mail address"), max_length=254)
    name = forms.CharField(label=_("Name"), max_length=150, required=False)
    role = forms.ChoiceField(label=_("Role"))

    def __init__(self, *args: Any, own_role: str | None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["role"].choices = role_choices_up_to(own_role)
        self.fields["role"].initial = Role.MEMBER
        self.fields["email"].widget.attrs["autocomplete"] = "off"


class ProjectInvitationForm(forms.Form):
    email = forms.EmailField(label=_("E-mail address"), max_length=254)
    name = forms.CharField(label=_("Name"), max_length=150, required=False)
    # Not "project leader" by default: leading is a choice, not what an invitation assumes.
    team_role = forms.ChoiceField(
        label=_("Role in the team"), choices=TeamRole.choices, initial=TeamRole.OTHER
    )
    scan = forms.ModelChoiceField(
        label=_("Also invite to answer this scan"),
        queryset=None,
        required=False,
        empty_label=_("No scan"),
    )

    def __init__(self, *args: Any, scans: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["scan"].queryset = scans
        self.fields["scan"].label_from_instance = lambda s: (
            f"{s.opened_on:%d-%m-%Y} · {s.get_kind_display()}"
        )
        self.fields["email"].widget.attrs["autocomplete"] = "off"


class BulkInvitationForm(forms.Form):
    addresses = forms.CharField(
        label=_("E-mail addresses"),
        help_text=_("One per line, or separated by commas. “Name <address>” is fine too."),
        widget=forms.Textarea(attrs={"rows": 6}),
        required=False,
    )
    csv_file = forms.FileField(
        label=_("Or a CSV file"),
        help_text=_("Columns: name, e-mail, role (viewer, member, coordinator, administrator)."),
        required=False,
    )
    role = forms.ChoiceField(label=_("Role for rows without one"))

    def __init__(self, *args: Any, own_role: str | None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["role"].choices = role_choices_up_to(own_role)
        self.fields["role"].initial = Role.MEMBER
        self.fields["csv_file"].widget.attrs["accept"] = ".csv,text/csv"

    def clean_csv_file(self) -> Any:
        upload = self.cleaned_data.get("csv_file")
        if upload and upload.size > MAX_CSV_BYTES:
            raise forms.ValidationError(_("The file is too large (at most 512 kB)."))
        return upload

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        if not data.get("addresses", "").strip() and not data.get("csv_file"):
            raise forms.ValidationError(_("Paste addresses or choose a CSV file."))
        return data


class AcceptInvitationForm(forms.Form):
    first_name = forms.CharField(label=_("First name"), max_length=150)
    last_name = forms.CharField(label=_("Last name"), max_length=150)
    password1 = forms.CharField(
        label=_("Choose a password"),
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
        help_text=_("At least 8 characters; not only digits and not a common password."),
    )
    password2 = forms.CharField(
        label=_("The same password again"),
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
    )

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        if data.get("password1") and data.get("password1") != data.get("password2"):
            self.add_error("password2", _("The two passwords differ."))
        return data


class OrganisationSettingsForm(forms.Form):
    name = forms.CharField(label=_("Name"), max_length=200)
    cbs_code = forms.CharField(
        label=_("CBS code"),
        max_length=6,
        required=False,
        help_text=_("For municipalities, e.g. GM0344."),
    )


class RoleChangeForm(forms.Form):
    role = forms.ChoiceField(label=_("New role"), choices=Role.choices)


class IdentityGroupForm(forms.Form):
    group = forms.CharField(
        label=_("Group in the identity provider"),
        max_length=200,
        help_text=_("Exactly as the provider sends it in the groups claim."),
    )
    role = forms.ChoiceField(label=_("Role in Koers"), choices=Role.choices, initial=Role.MEMBER)
