"""The import's forms: the file, and the mapping of its columns to fields."""

from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from koers.reports.xlsx import _column as column_letter

from . import limits
from .columns import COLUMNS, IGNORE


class UploadForm(forms.Form):
    file = forms.FileField(
        label=gettext_lazy("Project list (XLSX or CSV)"),
        help_text=gettext_lazy(
            "At most 10 MB, 10,000 rows, 50 columns and 5,000 characters per cell. Formulas "
            "are not read."
        ),
    )

    def clean_file(self) -> Any:
        upload = self.cleaned_data["file"]
        if upload.size > limits.MAX_FILE_BYTES:
            raise ValidationError(
                _("The file is %(size)s MB; an import takes at most %(limit)s MB.")
                % {
                    "size": f"{upload.size / (1024 * 1024):.0f}",
                    "limit": limits.MAX_FILE_BYTES // (1024 * 1024),
                }
            )
        return upload


class MappingForm(forms.Form):
    """One choice per column of the file: which field it fills, or none."""

    def __init__(self, *args: Any, headers: list[str], mapping: dict[int, str], **kwargs: Any):
        super().__init__(*args, **kwargs)
        choices = [(IGNORE, _("Leave out")), *((c.key, str(c.label)) for c in COLUMNS)]
        for index, header in enumerate(headers):
            if not header:
                continue
            self.fields[f"col_{index}"] = forms.ChoiceField(
                label=f"{header} ({column_letter(index)})",
                choices=choices,
                required=False,
                initial=mapping.get(index, IGNORE),
            )

    def mapping(self) -> dict[int, str]:
        return {
            int(name.removeprefix("col_")): value
            for name, value in self.cleaned_data.items()
            if value
        }

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        chosen = [v for v in data.values() if v]
        doubles = {v for v in chosen if chosen.count(v) > 1}
        for name, value in list(data.items()):
            if value in doubles:
                self.add_error(name, _("Another column fills this field too. Choose one."))
        return data
