"""Question forms: they validate input and hand clean values to the services."""

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from . import workflow
from .models import Frequency, Question, QuestionStatus


class QuestionForm(forms.ModelForm):
    organisation = forms.ModelChoiceField(
        queryset=None, label=_("Organisation"), empty_label=None, required=True
    )
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)

    class Meta:
        model = Question
        fields = [
            "organisation",
            "title",
            "description",
            "domain",
            "department",
            "frequency",
            "others_affected",
            "expected_change",
            "visibility",
        ]
        widgets = {
            "title": forms.TextInput(attrs={"autocomplete": "off"}),
            "description": forms.Textarea(attrs={"rows": 4}),
            "others_affected": forms.Textarea(attrs={"rows": 2}),
            "expected_change": forms.Textarea(attrs={"rows": 3}),
            "frequency": forms.RadioSelect,
            "visibility": forms.RadioSelect,
        }
        help_texts = {
            "visibility": _(
                "Shared with the network, other municipalities can find it and link it to "
                "the same need of theirs."
            )
        }

    def __init__(self, *args: Any, organisations: Any = None, **kwargs: Any):
        super().__init__(*args, **kwargs)
        if self.instance.pk or organisations is None or len(organisations) < 2:
            # One organisation (or an existing question): nothing to choose.
            del self.fields["organisation"]
        else:
            self.fields["organisation"].queryset = organisations
        # Radio buttons need no empty choice: nothing is checked until someone chooses.
        self.fields["frequency"].choices = Frequency.choices
        if self.instance.pk:
            self.fields["version"].initial = self.instance.version

    def clean_title(self) -> str:
        title = self.cleaned_data["title"].strip()
        if len(title) < 5:
            raise forms.ValidationError(_("Write the question in at least 5 characters."))
        return title


class TriageForm(forms.Form):
    status = forms.ChoiceField(label=_("New status"), widget=forms.RadioSelect)
    reason = forms.CharField(
        label=_("Reason"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Needed when you decline the question; the asker reads it."),
    )
    merged_into = forms.ModelChoiceField(
        queryset=Question.objects.none(),
        required=False,
        label=_("Merge into"),
        help_text=_("Only when you merge: the question that asks the same."),
    )
    version = forms.IntegerField(widget=forms.HiddenInput)

    def __init__(self, *args: Any, question: Question, candidates: Any, **kwargs: Any):
        super().__init__(*args, **kwargs)
        labels = dict(QuestionStatus.choices)
        self.fields["status"].choices = [
            (s, labels[s]) for s in workflow.triage_targets(question.status)
        ]
        self.fields["merged_into"].queryset = candidates
        self.fields["version"].initial = question.version
        if workflow.MERGED not in workflow.triage_targets(question.status):
            del self.fields["merged_into"]


class TakeUpForm(forms.Form):
    project = forms.ModelChoiceField(queryset=None, label=_("Project"))
    version = forms.IntegerField(widget=forms.HiddenInput)

    def __init__(self, *args: Any, question: Question, projects: Any, **kwargs: Any):
        super().__init__(*args, **kwargs)
        self.fields["project"].queryset = projects
        self.fields["version"].initial = question.version


class FeedbackForm(forms.Form):
    feedback_on = forms.DateField(
        label=_("When did the asker last see an intermediate result?"),
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
    )
    feedback = forms.CharField(
        label=_("What did they say?"), widget=forms.Textarea(attrs={"rows": 3})
    )
    version = forms.IntegerField(widget=forms.HiddenInput)
