"""Forms for starting a scan and answering it."""

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from koers.guards.fields import CheckedModelMultipleChoiceField
from koers.projects.models import Project

from .models import ScanKind
from .scoring import NOT_APPLICABLE, AnswerValue

# The scale's anchors are part of the labels of 1 and 5, so every statement carries them.
SCALE_CHOICES = [
    ("1", _("1 not at all true")),
    ("2", "2"),
    ("3", "3"),
    ("4", "4"),
    ("5", _("5 fully true")),
]
DONT_KNOW = "dk"
# Kept apart from the scale and from each other: "don't know" is a gap, "not applicable" not.
OTHER_CHOICES = [
    (DONT_KNOW, _("Don't know")),
    (NOT_APPLICABLE, _("Not applicable")),
]
ANSWER_CHOICES = SCALE_CHOICES + OTHER_CHOICES


def _field_value(raw: str) -> AnswerValue:
    if raw == DONT_KNOW:
        return None
    if raw == NOT_APPLICABLE:
        return NOT_APPLICABLE
    return int(raw)


def _raw_value(value: AnswerValue) -> str:
    if value is None:
        return DONT_KNOW
    return str(value)


class ScanStartForm(forms.Form):
    kind = forms.ChoiceField(
        choices=ScanKind.choices,
        initial=ScanKind.FULL,
        widget=forms.RadioSelect,
        label=_("Kind of scan"),
    )
    respondents = CheckedModelMultipleChoiceField(
        queryset=None, widget=forms.CheckboxSelectMultiple, label=_("Who answers?")
    )

    def __init__(self, *args: Any, project: Project, **kwargs: Any):
        super().__init__(*args, **kwargs)
        from django.contrib.auth import get_user_model

        self.fields["respondents"].queryset = get_user_model().objects.filter(
            project_roles__project=project
        )
        self.fields["respondents"].label_from_instance = lambda u: u.get_full_name() or u.username
        self.fields["respondents"].initial = list(self.fields["respondents"].queryset)


def statement_options(field: Any, labels: list[tuple[str, str]]) -> list[dict[str, Any]]:
    """The radio buttons of one statement with the ids, values and checked state Django's
    RadioSelect gives them, without its per-option widget machinery: the answer form has
    hundreds of options, and building them through the widget cost most of the page."""
    chosen = field.value()
    chosen = "" if chosen is None else str(chosen)
    return [
        {
            "id": f"{field.auto_id}_{n}",
            "value": value,
            "label": label,
            "checked": value == chosen,
        }
        for n, (value, label) in enumerate(labels)
    ]


class AnswerForm(forms.Form):
    """One field per indicator (`i<id>`) and one note per factor (`note<id>`)."""

    version = forms.IntegerField(widget=forms.HiddenInput)

    def __init__(
        self,
        *args: Any,
        indicators: list[Any],
        initial_answers: dict[int, AnswerValue],
        initial_notes: dict[int, str],
        **kwargs: Any,
    ):
        super().__init__(*args, **kwargs)
        self.indicators = indicators
        factor_ids: list[int] = []
        for indicator in indicators:
            name = f"i{indicator.pk}"
            self.fields[name] = forms.ChoiceField(
                choices=ANSWER_CHOICES,
                required=False,
                widget=forms.RadioSelect,
                label=indicator.text,
            )
            if indicator.pk in initial_answers:
                self.initial[name] = _raw_value(initial_answers[indicator.pk])
            if indicator.factor_id not in factor_ids:
                factor_ids.append(indicator.factor_id)
        for factor_id in factor_ids:
            self.fields[f"note{factor_id}"] = forms.CharField(
                required=False,
                max_length=2000,
                widget=forms.Textarea(attrs={"rows": 2}),
                label=_("Evidence or explanation (optional)"),
            )
            self.initial[f"note{factor_id}"] = initial_notes.get(factor_id, "")

    def _is_answered(self, indicator: Any) -> bool:
        """Whether the statement has an answer in what the page shows (posted or saved)."""
        bound = self[f"i{indicator.pk}"]
        return bool(bound.value())

    def groups(self) -> list[dict[str, Any]]:
        """Fields grouped per factor, in framework order, with how many are answered; each
        field with its options as the page writes them (see statement_options). Built once
        per form: the page walks them twice."""
        if getattr(self, "_groups", None) is not None:
            return self._groups
        labels = [(value, str(label)) for value, label in ANSWER_CHOICES]
        out: list[dict[str, Any]] = []
        for indicator in self.indicators:
            if not out or out[-1]["factor"].pk != indicator.factor_id:
                out.append(
                    {
                        "factor": indicator.factor,
                        "fields": [],
                        "answered": 0,
                        "note": self[f"note{indicator.factor_id}"],
                    }
                )
            field = self[f"i{indicator.pk}"]
            options = statement_options(field, labels)
            out[-1]["fields"].append(
                {
                    "field": field,
                    "points": options[: len(SCALE_CHOICES)],
                    "others": options[len(SCALE_CHOICES) :],
                }
            )
            out[-1]["answered"] += self._is_answered(indicator)
        self._groups = out
        return out

    def progress(self) -> tuple[int, int]:
        """(answered, total) statements, for "23 of 45"."""
        return sum(self._is_answered(i) for i in self.indicators), len(self.indicators)

    def answers(self) -> dict[int, AnswerValue]:
        """Answered indicators only; a radio left empty is not stored, 'don't know' is None."""
        out: dict[int, AnswerValue] = {}
        for indicator in self.indicators:
            raw = self.cleaned_data.get(f"i{indicator.pk}")
            if raw:
                out[indicator.pk] = _field_value(raw)
        return out

    def notes(self) -> dict[int, str]:
        return {
            int(name[4:]): value
            for name, value in self.cleaned_data.items()
            if name.startswith("note") and value
        }
