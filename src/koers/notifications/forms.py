"""The notice settings form: per kind immediately / once a week / off, and the mail language."""

from typing import Any

from django import forms
from django.conf import settings
from django.utils.translation import gettext_lazy as _

from . import kinds
from .models import Delivery, NoticeKind


class PreferencesForm(forms.Form):
    language = forms.ChoiceField(label=_("Language of the e-mails"), choices=settings.LANGUAGES)

    def __init__(self, *args: Any, shown: list[str], initial_choices: dict[str, str], **kwargs):
        super().__init__(*args, **kwargs)
        labels = dict(NoticeKind.choices)
        delivery_labels = dict(Delivery.choices)
        for kind in shown:
            self.fields[kind] = forms.ChoiceField(
                label=labels[kind],
                choices=[(d, delivery_labels[d]) for d in kinds.choices_for(kind)],
                widget=forms.RadioSelect,
                initial=initial_choices[kind],
            )
        # The language comes last, after the kinds.
        self.order_fields([*shown, "language"])

    def choices(self) -> dict[str, str]:
        return {k: v for k, v in self.cleaned_data.items() if k in NoticeKind.values}
