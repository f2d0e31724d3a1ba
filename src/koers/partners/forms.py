"""The partner form: it reads input and hands clean values to the services, which decide."""

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from koers.organisations.models import Organisation
from koers.projects.forms import DATE, RecordForm
from koers.projects.models import Project

from .models import CONTRIBUTIONS, Partner, PartnerKind


class PartnerForm(RecordForm):
    record_fields = ("kind", "organisation", "name", "brings", "starts_on", "ends_on", "note")

    kind = forms.ChoiceField(
        label=_("Kind of partner"),
        choices=[("", _("Choose a kind"))] + PartnerKind.choices,
    )
    organisation = forms.ModelChoiceField(
        queryset=Organisation.objects.none(),
        required=False,
        label=_("Organisation in Koers"),
        empty_label=_("Not in Koers: give the name below"),
        help_text=_("Choose it when the partner takes part in Koers itself."),
    )
    name = forms.CharField(
        label=_("Name"),
        required=False,
        max_length=200,
        help_text=_("For a partner that is not in Koers."),
    )
    brings = forms.MultipleChoiceField(
        label=_("What the partner brings"),
        choices=list(CONTRIBUTIONS.items()),
        widget=forms.CheckboxSelectMultiple,
        error_messages={"required": _("Say what the partner brings: at least one of the list.")},
    )
    starts_on = forms.DateField(
        label=_("From"), widget=forms.DateInput(attrs=DATE, format="%Y-%m-%d")
    )
    ends_on = forms.DateField(
        label=_("Until"),
        required=False,
        widget=forms.DateInput(attrs=DATE, format="%Y-%m-%d"),
        help_text=_("Leave empty while the partnership lasts."),
    )
    note = forms.CharField(
        label=_("Note"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("What the partner did, and what you learned from it."),
    )

    def __init__(self, *args: Any, project: Project, record: Partner | None = None, **kwargs: Any):
        super().__init__(*args, project=project, record=record, **kwargs)
        # Any organisation in Koers but the project's own.
        self.fields["organisation"].queryset = Organisation.objects.exclude(pk=project.owner_id)
