"""Short forms for recording evidence from the project page: what is usually true is filled
in (today, a step of two weeks), so recording a step or a session takes a few fields."""

import datetime
from typing import Any

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from .models import EndUserSession, LearningEvent, LearningKind, SessionKind, Step, StepResult

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
STEP_DAYS = 14  # the planned length a new step starts with


class VersionedForm(forms.ModelForm):
    """Edits carry the version they started from, so a concurrent save is refused."""

    version = forms.IntegerField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args: Any, project: Any = None, record: Any = None, **kwargs: Any):
        """`project` and `record` as the project's other record forms take them: the record
        being changed is the form's instance."""
        if record is not None:
            kwargs.setdefault("instance", record)
        super().__init__(*args, **kwargs)
        if self.instance.pk:
            self.fields["version"].initial = self.instance.version
        else:
            del self.fields["version"]

    def values(self) -> dict[str, Any]:
        """What the services take: every field but the version."""
        return {k: v for k, v in self.cleaned_data.items() if k != "version"}

    def _post_clean(self) -> None:
        """The services validate the whole record (and say so per field); the form only
        parses, so that a refusal reads the same from the page, the API and the services."""


class StepForm(VersionedForm):
    result = forms.ChoiceField(
        label=_("Result"),
        choices=[("", _("Still running"))] + list(StepResult.choices),
        required=False,
        widget=forms.RadioSelect,
    )

    class Meta:
        model = Step
        fields = ["goal", "started_on", "planned_end", "result", "ended_on", "note"]
        labels = {
            "goal": _("Goal of the step"),
            "started_on": _("Start"),
            "planned_end": _("Planned end"),
            "ended_on": _("Finished on"),
            "note": _("Note"),
        }
        help_texts = {
            "goal": _("What should this step show or deliver, in one line?"),
            "ended_on": _("Empty with a result: today."),
            "note": _("What worked, or what did not and what the next try does differently."),
        }
        widgets = {
            "started_on": DATE,
            "planned_end": DATE,
            "ended_on": DATE,
            "note": forms.Textarea(attrs={"rows": 3}),
        }

    def __init__(self, *args: Any, **kwargs: Any):
        super().__init__(*args, **kwargs)
        if not self.instance.pk:
            today = timezone.localdate()
            self.initial.setdefault("started_on", today)
            self.initial.setdefault("planned_end", today + datetime.timedelta(days=STEP_DAYS))

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        if data.get("result") and not data.get("ended_on"):
            data["ended_on"] = timezone.localdate()
        if not data.get("result"):
            data["ended_on"] = None  # a running step has no end yet
        return data


class EndUserSessionForm(VersionedForm):
    class Meta:
        model = EndUserSession
        fields = ["kind", "held_on", "participants", "audience", "outcome"]
        labels = {
            "kind": _("Kind of session"),
            "held_on": _("Date"),
            "participants": _("How many end users took part?"),
            "audience": _("Who took part"),
            "outcome": _("What changed because of it"),
        }
        help_texts = {
            "audience": _("For example: enforcement officers, residents of Noord."),
        }
        widgets = {
            "kind": forms.RadioSelect,
            "held_on": DATE,
            "participants": forms.NumberInput(attrs={"min": 1, "inputmode": "numeric"}),
            "outcome": forms.Textarea(attrs={"rows": 3}),
        }

    def __init__(self, *args: Any, **kwargs: Any):
        super().__init__(*args, **kwargs)
        if not self.instance.pk:
            self.initial.setdefault("held_on", timezone.localdate())
            self.initial.setdefault("kind", SessionKind.INTERVIEW)
        self.fields["kind"].choices = SessionKind.choices  # no empty choice among the radios


class LearningEventForm(VersionedForm):
    class Meta:
        model = LearningEvent
        fields = ["kind", "held_on", "participants", "lesson"]
        labels = {
            "kind": _("Kind of learning event"),
            "held_on": _("Date"),
            "participants": _("Who took part"),
            "lesson": _("The lesson"),
        }
        help_texts = {
            "participants": _(
                "Names or roles, for example: the team and two enforcement officers."
            ),
            "lesson": _("What do you now know that others can use? Colleagues can find it."),
        }
        widgets = {
            "kind": forms.RadioSelect,
            "held_on": DATE,
            "lesson": forms.Textarea(attrs={"rows": 4}),
        }

    def __init__(self, *args: Any, **kwargs: Any):
        super().__init__(*args, **kwargs)
        if not self.instance.pk:
            self.initial.setdefault("held_on", timezone.localdate())
            self.initial.setdefault("kind", LearningKind.RETROSPECTIVE)
        self.fields["kind"].choices = LearningKind.choices


class LessonSearchForm(forms.Form):
    q = forms.CharField(label=_("Search the lessons"), required=False, max_length=200)
    own = forms.BooleanField(label=_("Only my organisation's projects"), required=False)
