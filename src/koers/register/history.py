"""A register record's history in words: who created, changed or deleted it, and which
fields, in the reader's language."""

from collections.abc import Iterable

from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from koers.audit.models import ChangeRecord
from koers.projects.history import HistoryLine

from .completeness import REQUIRED

LABELS = {
    **REQUIRED,
    "organisation_name": gettext_lazy("Organisation"),
    "status_override": gettext_lazy("Status"),
    "category": gettext_lazy("Themes"),
    "website": gettext_lazy("Public web page"),
    "lawful_basis_links": gettext_lazy("Links to the legal basis"),
    "impact_assessments_note": gettext_lazy("About the impact assessments"),
    "process_index_url": gettext_lazy("Link to the register of processing"),
    "source_data_links": gettext_lazy("Links to the source data"),
    "publiccode": gettext_lazy("Link to the source code"),
}


def _text(record: ChangeRecord) -> str:
    if record.action == "created":
        return _("started the register record.")
    if record.action == "deleted":
        return _("deleted the register record.")
    fields = [str(LABELS.get(name, name)).lower() for name in record.changes]
    return _("changed: %(fields)s.") % {"fields": ", ".join(fields)}


def record_history_lines(records: Iterable[ChangeRecord]) -> list[HistoryLine]:
    """The records (with `actor` selected), newest first, as sentences."""
    return [
        HistoryLine(
            at=timezone.localtime(r.at),
            actor=(r.actor.get_full_name() or r.actor.username) if r.actor else "Koers",
            text=_text(r),
        )
        for r in records
    ]
