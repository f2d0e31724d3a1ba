"""How complete a register record is: which fields Koers asks before it publishes a record,
which of those are filled, and what else stands in the way. The register itself requires
fewer fields (name, short description, organisation, status, publication category, contact
and language); Koers asks also what the register shows on every algorithm's page, so that a
published record answers the questions a resident has."""

from dataclasses import dataclass, field

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from . import standard
from .models import AlgorithmRecord

# In the order of the form.
REQUIRED = {
    "name": gettext_lazy("Name"),
    "description_short": gettext_lazy("Short description"),
    "organisation": gettext_lazy("Organisation"),
    "status": gettext_lazy("Status"),
    "publication_category": gettext_lazy("Publication category"),
    "algorithm_type": gettext_lazy("Type"),
    "begin_date": gettext_lazy("In use since"),
    "end_date": gettext_lazy("Out of use since"),
    "contact_email": gettext_lazy("Contact e-mail"),
    "goal": gettext_lazy("Goal and impact"),
    "proportionality": gettext_lazy("Proportionality"),
    "human_intervention": gettext_lazy("Human intervention"),
    "risks": gettext_lazy("Risk management"),
    "lawful_basis": gettext_lazy("Legal basis"),
    "impact_assessments": gettext_lazy("Impact assessments"),
    "source_data": gettext_lazy("Source data"),
    "methods_and_models": gettext_lazy("Methods and models"),
    "provider": gettext_lazy("Provider"),
}


@dataclass(frozen=True)
class Completeness:
    required: list[str]
    missing: list[str]
    problems: list[str] = field(default_factory=list)

    @property
    def filled_count(self) -> int:
        return len(self.required) - len(self.missing)

    @property
    def complete(self) -> bool:
        return not self.missing and not self.problems

    @property
    def missing_labels(self) -> list[str]:
        return [str(REQUIRED[name]) for name in self.missing]

    def reasons(self) -> list[str]:
        """Why the record cannot be published, in sentences."""
        out = list(self.problems)
        if self.missing:
            out.insert(0, _("missing: %(fields)s") % {"fields": ", ".join(self.missing_labels)})
        return out


def _required_names(status: str) -> list[str]:
    names = list(REQUIRED)
    # A month of taking into use exists only once the algorithm is used; an end month only
    # once it is no longer.
    if status == "in_development":
        names.remove("begin_date")
    if status != "out_of_use":
        names.remove("end_date")
    return names


def _filled(record: AlgorithmRecord, name: str) -> bool:
    if name == "impact_assessments":
        # Links to the assessments done, or a word on why none was needed.
        return bool(record.impact_assessments or record.impact_assessments_note.strip())
    if name == "organisation":
        return bool(record.organisation.strip())
    if name == "status":
        return True  # derived from the stage when not set
    return bool(str(getattr(record, name) or "").strip())


def completeness(record: AlgorithmRecord) -> Completeness:
    """Needs the record's project (stage) and its owner (name) loaded."""
    status = record.status
    required = _required_names(status)
    missing = [name for name in required if not _filled(record, name)]
    problems = []
    if len(record.organisation) > standard.ORGANISATION_CHARS:
        problems.append(
            _("the organisation's name is longer than %(limit)d characters: give a shorter one")
            % {"limit": standard.ORGANISATION_CHARS}
        )
    if record.end_date and status != "out_of_use":
        problems.append(_("an end month is given, but the algorithm is not out of use"))
    if record.project.archived_at is not None:
        problems.append(_("the project is archived"))
    return Completeness(required=required, missing=missing, problems=problems)
