"""Forms for starting a scan and answering it."""

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from koers.projects.models import Project

from .models import ScanKind

ANSWER_CHOICES = [
    ("1", "1"),
    ("2", "2"),
    ("3", "3"),
    ("4", "4"),
    ("5", "5"),
    ("dk", _("Don't know")),
]
DONT_KNOW = "dk"


class ScanStartForm(forms.Form):
    kind = forms.ChoiceField(
        choices=ScanKind.choices,
        initial=ScanKind.FULL,
        widget=forms.RadioSelect,
        label=_("Kind of scan"),
    )
    respondents = forms.ModelMultipleChoiceField(
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


class AnswerForm(forms.Form):
    """One field per indicator (`i<id>`) and one note per factor (`note<id>`)."""

    version = forms.IntegerField(widget=forms.HiddenInput)

    def __init__(
        self,
        *args: Any,
        indicators: list[Any],
        initial_answers: dict[int, int | None],
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
                value = initial_answers[indicator.pk]
                self.initial[name] = DONT_KNOW if value is None else str(value)
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

    def groups(self) -> list[dict[str, Any]]:
        """Fields grouped per factor, in framework order, for the template."""
        out: list[dict[str, Any]] = []
        for indicator in self.indicators:
            if not out or out[-1]["factor"].pk != indicator.factor_id:
                out.append(
                    {
                        "factor": indicator.factor,
                        "fields": [],
                        "note": self[f"note{indicator.factor_id}"],
                    }
                )
            out[-1]["fields"].append(self[f"i{indicator.pk}"])
        return out

    def answers(self) -> dict[int, int | None]:
        """Answered indicators only; a radio left empty is not stored, 'don't know' is None."""
        out: dict[int, int | None] = {}
        for indicator in self.indicators:
            raw = self.cleaned_data.get(f"i{indicator.pk}")
            if raw:
                out[indicator.pk] = None if raw == DONT_KNOW else int(raw)
        return out

    def notes(self) -> dict[int, str]:
        return {
            int(name[4:]): value
            for name, value in self.cleaned_data.items()
            if name.startswith("note") and value
        }
