"""The analysis page's settings, validated on the server."""

from dataclasses import fields

from django import forms
from django.utils.translation import gettext_lazy as _

from .evidence_conditions import choices as evidence_choices
from .qca import DEFAULT_ANCHORS, NETWORK, ORGANISATION, AnalysisSettings

FACTOR_NUMBERS = [(n, str(n)) for n in range(1, 10)]
# Sent by the page's own form: then a missing setting is a choice (no factor ticked), not a
# setting the link left out.
COMPLETE = "complete"


class AnalysisForm(forms.Form):
    outcome = forms.ChoiceField(
        label=_("Outcome"),
        choices=[("implemented", _("implemented")), ("scaled", _("scaled up"))],
        initial="implemented",
    )
    scope = forms.ChoiceField(
        label=_("Projects"),
        choices=[
            (ORGANISATION, _("our organisation")),
            (NETWORK, _("shared in the network")),
        ],
        initial=ORGANISATION,
    )
    factors = forms.TypedMultipleChoiceField(
        label=_("Factors to compare"),
        choices=FACTOR_NUMBERS,
        coerce=int,
        widget=forms.CheckboxSelectMultiple,
        initial=[n for n, _label in FACTOR_NUMBERS],
    )
    evidence = forms.TypedMultipleChoiceField(
        label=_("Evidence beside the factors"),
        help_text=_(
            "Yes or no from each project's own record, as of the day it reached the outcome "
            "(or today)."
        ),
        choices=[],
        widget=forms.CheckboxSelectMultiple,
        required=False,
        initial=[],
    )
    exclusion = forms.FloatField(
        label=_("Clearly weak at or below"), min_value=0, max_value=100, initial=DEFAULT_ANCHORS[0]
    )
    crossover = forms.FloatField(
        label=_("Turning point"), min_value=0, max_value=100, initial=DEFAULT_ANCHORS[1]
    )
    inclusion = forms.FloatField(
        label=_("Clearly strong at or above"),
        min_value=0,
        max_value=100,
        initial=DEFAULT_ANCHORS[2],
    )
    incl_cut = forms.FloatField(
        label=_("Consistency threshold"), min_value=0.5, max_value=1, initial=0.8
    )
    n_cut = forms.IntegerField(
        label=_("Minimum projects per combination"), min_value=1, max_value=100, initial=1
    )
    kind = forms.ChoiceField(
        label=_("Solution"),
        choices=[
            ("parsimonious", _("parsimonious (simplest)")),
            ("intermediate", _("intermediate (stronger factors help)")),
            ("conservative", _("conservative (observed combinations only)")),
        ],
        initial="parsimonious",
    )
    complete = forms.CharField(widget=forms.HiddenInput, initial="1", required=False)

    def __init__(self, data=None, *, factor_labels: dict[int, str] | None = None):
        if data is not None and not any(name in data for name in self.base_fields):
            data = None  # first visit: show the defaults
        elif data is not None and COMPLETE not in data:
            data = self._with_defaults(data)
        super().__init__(data)
        self.fields["evidence"].choices = evidence_choices()
        if factor_labels:
            self.fields["factors"].choices = [
                (n, f"{n}. {factor_labels.get(n, n)}") for n, _label in FACTOR_NUMBERS
            ]

    @classmethod
    def _with_defaults(cls, data):
        """A link that names some settings (`?scope=network`): the others take their
        defaults instead of each saying it is required."""
        filled = data.copy()
        for name, field in cls.base_fields.items():
            if name in filled or field.initial is None:
                continue
            if isinstance(field.initial, list):
                values = [str(v) for v in field.initial]
                if hasattr(filled, "setlist"):
                    filled.setlist(name, values)
                else:
                    filled[name] = values
            else:
                filled[name] = str(field.initial)
        return filled

    def clean(self):
        cleaned = super().clean()
        factors = cleaned.get("factors")
        if factors is not None and len(factors) < 2:
            self.add_error("factors", _("Choose at least two factors to compare."))
        low, mid, high = (cleaned.get(k) for k in ("exclusion", "crossover", "inclusion"))
        if None not in (low, mid, high) and not low < mid < high:
            self.add_error(
                None,
                _("The turning point must lie between ‘clearly weak’ and ‘clearly strong’."),
            )
        return cleaned

    def settings(self) -> AnalysisSettings:
        if not self.is_bound:
            return AnalysisSettings()
        chosen = {f.name: self.cleaned_data[f.name] for f in fields(AnalysisSettings)}
        return AnalysisSettings(
            **{
                **chosen,
                "factors": tuple(sorted(chosen["factors"])),
                "evidence": tuple(sorted(chosen["evidence"])),
            }
        )
