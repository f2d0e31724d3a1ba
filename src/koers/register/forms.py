"""The register record's form. Lengths, months, addresses and HTML are checked by the
service (koers.register.validation), so the form and every other way in give the same
messages; the form only reads link lists written one per line."""

from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _

from koers.projects.models import Project

from . import standard
from .completeness import REQUIRED
from .models import AlgorithmRecord
from .validation import LINK_FIELDS, clean_record_fields

PUBLICATION_FIELDS = [
    name
    for name in REQUIRED
    if name not in ("organisation", "status")  # filled from the project unless changed
]
LINK_HELP = _("One per line: a title, a bar and the link, e.g. DPIA | https://…")


def _text(label: Any, help_text: Any = "", rows: int = 0, **attrs: Any) -> forms.CharField:
    widget = forms.Textarea(attrs={"rows": rows, **attrs}) if rows else forms.TextInput(attrs)
    return forms.CharField(
        label=label, help_text=help_text, required=False, strip=False, widget=widget
    )


def _html(label: Any, help_text: Any, limit: int = standard.TEXT_CHARS) -> forms.CharField:
    limits = _("At most {limit} characters; paragraphs and lists (p, ul, ol, li) may be HTML.")
    return _text(label, format_lazy("{} {}", help_text, format_lazy(limits, limit=limit)), rows=5)


class AlgorithmRecordForm(forms.Form):
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)
    name = _text(_("Name"), _("What the algorithm does, in at most 100 characters."))
    description_short = _text(
        _("Short description"),
        _("Two or three plain sentences, at most 350 characters: the register lists it."),
        rows=3,
    )
    organisation_name = _text(_("Organisation"))
    status_override = forms.ChoiceField(label=_("Status"), required=False)
    publication_category = forms.ChoiceField(
        label=_("Publication category"),
        required=False,
        help_text=_(
            "Impactful algorithms affect residents or businesses, e.g. in decisions about them; "
            "the others support work without such effect."
        ),
    )
    algorithm_type = forms.ChoiceField(label=_("Type"), required=False, widget=forms.RadioSelect)
    category = forms.MultipleChoiceField(
        label=_("Themes"),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("At most three policy areas."),
    )
    begin_date = _text(
        _("In use since"), _("Month and year as YYYY-MM, e.g. 2024-03."), placeholder="JJJJ-MM"
    )
    end_date = _text(
        _("Out of use since"),
        _("Only for an algorithm out of use: month and year as YYYY-MM."),
        placeholder="JJJJ-MM",
    )
    contact_email = _text(
        _("Contact e-mail"),
        _("Where residents and journalists can ask about the algorithm."),
        type="email",
        autocomplete="email",
    )
    website = _text(
        _("Public web page"), _("A page of your organisation about it, https://…"), type="url"
    )
    goal = _html(
        _("Goal and impact"),
        _("What the algorithm is for, and how residents and businesses meet it."),
    )
    proportionality = _html(
        _("Proportionality"),
        _("Why its use is justified: advantages against disadvantages, and the alternatives."),
    )
    human_intervention = _html(
        _("Human intervention"),
        _("How people use, check and correct its outcomes, or why no one needs to."),
    )
    risks = _html(_("Risk management"), _("Which risks there are and how they are kept small."))
    lawful_basis = _html(_("Legal basis"), _("The law or decision the work rests on."))
    lawful_basis_links = _text(_("Links to the legal basis"), LINK_HELP, rows=2)
    impact_assessments = _text(
        _("Impact assessments"),
        _("The assessments done, such as a DPIA or IAMA, one per line: Title | https://…"),
        rows=2,
    )
    impact_assessments_note = _html(
        _("About the impact assessments"), _("Why an assessment was not needed, if so.")
    )
    process_index_url = _text(
        _("Link to the register of processing"),
        _("The public entry for this processing of personal data, https://…"),
        type="url",
    )
    source_data = _html(_("Source data"), _("Which data it uses, and where they come from."))
    source_data_links = _text(_("Links to the source data"), LINK_HELP, rows=2)
    methods_and_models = _html(
        _("Methods and models"),
        _("How it works: input, model and output. Say whether it learns by itself."),
        limit=standard.METHODS_CHARS,
    )
    provider = _text(
        _("Provider"),
        _("The external supplier, or ‘Intern ontwikkeld’ when your organisation built it."),
    )
    publiccode = _text(_("Link to the source code"), _("Only when it is public, https://…"))

    def __init__(
        self,
        *args: Any,
        project: Project,
        record: AlgorithmRecord | None,
        suppliers: list[str] | tuple[str, ...] = (),
        **kwargs: Any,
    ):
        if record is not None:
            kwargs.setdefault("initial", self.initial_from(record))
        else:
            kwargs.setdefault(
                "initial", {"name": project.title[:100], "provider": ", ".join(suppliers)[:200]}
            )
        super().__init__(*args, **kwargs)
        self.project = project
        derived = standard.STATUS_LABELS[standard.status_for_stage(project.stage)]
        self.fields["status_override"].choices = [
            ("", _("As the stage says: %(status)s") % {"status": derived}),
            *standard.STATUS_LABELS.items(),
        ]
        self.fields["status_override"].help_text = _(
            "Follows the project's stage unless you choose otherwise."
        )
        self.fields["publication_category"].choices = [
            ("", _("Choose…")),
            *standard.PUBLICATION_CATEGORY_LABELS.items(),
        ]
        self.fields["algorithm_type"].choices = list(standard.TYPE_LABELS.items())
        self.fields["category"].choices = list(standard.CATEGORY_LABELS.items())
        self.fields["organisation_name"].help_text = _(
            "Leave empty for %(name)s; at most 100 characters."
        ) % {"name": project.owner.name}
        # Needed before Koers publishes the record, not before it saves it: not "optional".
        for name in PUBLICATION_FIELDS:
            self.fields[name].conditionally_required = True
        if suppliers:
            self.fields["provider"].help_text = _(
                "%(help)s Suppliers of this project: %(names)s."
            ) % {"help": self.fields["provider"].help_text, "names": ", ".join(suppliers)}

    @staticmethod
    def initial_from(record: AlgorithmRecord) -> dict[str, Any]:
        initial = {name: getattr(record, name) for name in AlgorithmRecordForm.base_fields}
        for name in LINK_FIELDS:
            initial[name] = standard.format_links(getattr(record, name))
        initial["version"] = record.version
        return initial

    def _clean_links(self, name: str) -> list[dict[str, str]]:
        links, problems = standard.parse_links(
            self.cleaned_data.get(name, ""), title_chars=standard.LINK_TITLE_CHARS[name]
        )
        if problems:
            raise forms.ValidationError(problems)
        return [{"title": link.title, "link": link.link} for link in links]

    def clean_lawful_basis_links(self) -> list[dict[str, str]]:
        return self._clean_links("lawful_basis_links")

    def clean_impact_assessments(self) -> list[dict[str, str]]:
        return self._clean_links("impact_assessments")

    def clean_source_data_links(self) -> list[dict[str, str]]:
        return self._clean_links("source_data_links")

    def clean(self) -> dict[str, Any]:
        """Every field checked at once, also when a link list could not be read."""
        super().clean()
        try:
            clean_record_fields(self.record_fields(), stage=self.project.stage)
        except ValidationError as exc:
            for name, errors in exc.error_dict.items():
                self.add_error(name, errors)
        return self.cleaned_data

    def record_fields(self) -> dict[str, Any]:
        return {k: v for k, v in self.cleaned_data.items() if k != "version"}
