"""The action form, used both for new and existing actions."""

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from koers.organisations.selectors import organisation_members
from koers.projects.models import Project

from .evidence_links import evidence_choices, kind_of
from .models import Action

FACTOR_CHOICES = [("", _("No particular factor"))] + [(str(n), str(n)) for n in range(1, 10)]


class ActionForm(forms.ModelForm):
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)
    evidence = forms.ChoiceField(
        label=_("Shown by"),
        required=False,
        help_text=_(
            "When the action is done: the step, end-user session, learning event, partner or "
            "question of this project that shows it."
        ),
    )
    factor_number = forms.TypedChoiceField(
        choices=FACTOR_CHOICES, coerce=int, empty_value=None, required=False, label=_("Factor")
    )

    class Meta:
        model = Action
        fields = ["title", "description", "factor_number", "owner", "due_date", "status"]
        widgets = {
            "description": forms.Textarea(attrs={"rows": 3}),
            "due_date": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        }

    def __init__(self, *args: Any, project: Project, factor_names: dict[int, str], **kwargs: Any):
        super().__init__(*args, **kwargs)
        self.fields["owner"].queryset = organisation_members(organisation=project.owner)
        self.fields["owner"].label_from_instance = lambda u: u.get_full_name() or u.username
        self.fields["factor_number"].choices = [("", _("No particular factor"))] + [
            (str(n), f"{n}. {name}") for n, name in factor_names.items()
        ]
        if self.instance.pk:
            self.fields["version"].initial = self.instance.version
        choices = evidence_choices(project=project) if self.instance.pk else []
        if choices:
            self.fields["evidence"].choices = [("", _("Nothing yet"))] + [
                (c.value, c.label) for c in choices
            ]
            if self.instance.evidence_id:
                kind = kind_of(self.instance.evidence) if self.instance.evidence else None
                self.fields["evidence"].initial = f"{kind}:{self.instance.evidence_id}"
        else:
            del self.fields["evidence"]  # nothing recorded yet to point at


class OptionPlanForm(forms.Form):
    """An option for action taken into the plan: who takes it on, and by when."""

    owner = forms.ModelChoiceField(queryset=None, label=_("Owner"))
    due_date = forms.DateField(
        label=_("Due date"), widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
    )

    def __init__(self, *args: Any, project: Project, **kwargs: Any):
        super().__init__(*args, **kwargs)
        self.fields["owner"].queryset = organisation_members(organisation=project.owner)
        self.fields["owner"].label_from_instance = lambda u: u.get_full_name() or u.username

    def clean_due_date(self) -> Any:
        from django.utils import timezone

        due = self.cleaned_data["due_date"]
        if due < timezone.localdate():
            raise forms.ValidationError(_("Choose a due date from today on."))
        return due
