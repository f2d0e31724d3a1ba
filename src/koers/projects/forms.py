"""Project forms: they validate input and hand clean values to the services."""

from typing import Any

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from koers.guards.fields import CheckedModelMultipleChoiceField
from koers.organisations.selectors import organisation_members

from .lifecycle import STAGE_LABELS
from .models import Project, TeamRole, Technique, Theme


class TranslatedChoiceField(CheckedModelMultipleChoiceField):
    def label_from_instance(self, obj: Any) -> str:
        return str(obj.name)


def _person(user: Any) -> str:
    return user.get_full_name() or user.username


class ProjectForm(forms.ModelForm):
    themes = TranslatedChoiceField(
        Theme.objects.all(), required=False, widget=forms.CheckboxSelectMultiple, label=_("Themes")
    )
    techniques = TranslatedChoiceField(
        Technique.objects.all(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        label=_("Techniques"),
    )
    sponsor = forms.ModelChoiceField(
        queryset=None,
        required=False,
        label=_("Sponsor"),
        help_text=_("The manager who backs the project; someone of the organisation."),
    )
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)

    class Meta:
        model = Project
        fields = [
            "owner",
            "title",
            "problem",
            "domain",
            "themes",
            "techniques",
            "data_sources",
            "handles_personal_data",
            "visibility",
            "sponsor",
            "share_scan",
            "share_contact",
            "lessons_learned",
            "reference",
        ]
        widgets = {
            "problem": forms.Textarea(attrs={"rows": 4}),
            "data_sources": forms.Textarea(attrs={"rows": 3}),
            "lessons_learned": forms.Textarea(attrs={"rows": 3}),
            "visibility": forms.RadioSelect,
        }

    def __init__(self, *args: Any, owner_choices: Any, **kwargs: Any):
        super().__init__(*args, **kwargs)
        self.fields["owner"].queryset = owner_choices
        self.fields["owner"].empty_label = None
        self.fields["title"].widget.attrs["autocomplete"] = "off"
        # The model allows an adopted project to start without one; people describe it.
        self.fields["problem"].required = True
        if self.instance.pk:
            # The owner organisation of an existing project does not change.
            del self.fields["owner"]
            self.fields["version"].initial = self.instance.version
            self.fields["sponsor"].queryset = organisation_members(organisation=self.instance.owner)
            self.fields["sponsor"].label_from_instance = _person
        else:
            # Chosen once the project exists: the people to choose from depend on its owner.
            del self.fields["sponsor"]

    def clean_title(self) -> str:
        title = self.cleaned_data["title"].strip()
        if len(title) < 3:
            raise forms.ValidationError(_("Give the project a title of at least 3 characters."))
        return title


class StageMoveForm(forms.Form):
    to = forms.ChoiceField(label=_("New stage"))
    on = forms.DateField(
        label=_("Date"), widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
    )
    note = forms.CharField(
        label=_("Note"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("What happened? Required when the project stops."),
    )
    # Required for one choice only: the label must not say "optional".
    note.conditionally_required = True
    # The project's version when the page was read: a move on a stale page is refused.
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args: Any, project: Project, targets: list[str], **kwargs: Any):
        super().__init__(*args, **kwargs)
        # Any stage is accepted here and the service decides whether the move is allowed, so
        # that a move on a stale page is told it is stale rather than "not a valid choice".
        self.fields["to"].choices = list(STAGE_LABELS.items())
        self.fields["to"].widget.choices = [(t, STAGE_LABELS[t]) for t in targets]
        self.fields["on"].initial = timezone.localdate()
        self.fields["version"].initial = project.version


class TeamMemberForm(forms.Form):
    user = forms.ModelChoiceField(queryset=None, label=_("Person"))
    # No default: a project leader is appointed on purpose, never by leaving a field alone.
    team_role = forms.ChoiceField(
        choices=[("", _("Choose a role"))] + TeamRole.choices, label=_("Role in the team")
    )

    def __init__(self, *args: Any, project: Project, **kwargs: Any):
        super().__init__(*args, **kwargs)
        # People already on the team are not offered again (their role changes elsewhere).
        self.fields["user"].queryset = organisation_members(organisation=project.owner).exclude(
            project_roles__project=project
        )
        self.fields["user"].label_from_instance = _person


DATE = {"type": "date"}


class RecordForm(forms.Form):
    """A form for one of a project's records; `values()` hands the services their input."""

    version = forms.IntegerField(widget=forms.HiddenInput, required=False)
    record_fields: tuple[str, ...] = ()

    def __init__(self, *args: Any, project: Project, record: Any = None, **kwargs: Any):
        if record is not None:
            initial = {name: getattr(record, name) for name in self.record_fields}
            kwargs.setdefault("initial", {**initial, "version": record.version})
        super().__init__(*args, **kwargs)

    def values(self) -> dict[str, Any]:
        return {k: v for k, v in self.cleaned_data.items() if k != "version"}


class BudgetLineForm(RecordForm):
    record_fields = ("amount", "source", "starts_on", "ends_on")
    amount = forms.DecimalField(
        label=_("Amount in euros"), max_digits=12, decimal_places=2, localize=True
    )
    source = forms.CharField(
        label=_("Source"),
        max_length=200,
        help_text=_("Where the money comes from, e.g. an innovation fund or the department."),
    )
    starts_on = forms.DateField(
        label=_("From"), widget=forms.DateInput(attrs=DATE, format="%Y-%m-%d")
    )
    ends_on = forms.DateField(
        label=_("Until"), widget=forms.DateInput(attrs=DATE, format="%Y-%m-%d")
    )


class MandateForm(RecordForm):
    record_fields = ("decided_on", "decided_by", "scope")
    decided_on = forms.DateField(
        label=_("Decided on"), widget=forms.DateInput(attrs=DATE, format="%Y-%m-%d")
    )
    decided_by = forms.CharField(
        label=_("Decided by"),
        max_length=200,
        help_text=_("Who gave the mandate, e.g. the municipal executive or the CIO."),
    )
    scope = forms.CharField(
        label=_("For what"),
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("What the project may do, spend or decide on its own."),
    )
