"""Recording a project's partners. The team (koers.projects.access.require_edit) changes
them; every change is versioned and told in the project's history."""

import datetime
from collections.abc import Iterable
from typing import Any

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from koers.organisations.models import Organisation
from koers.projects.access import require_edit
from koers.projects.models import Project
from koers.projects.records import record_add, record_change, record_remove

from .models import CONTRIBUTIONS, Partner

PARTNER_FIELDS = (
    "kind",
    "organisation",
    "name",
    *(f"brings_{code}" for code in CONTRIBUTIONS),
    "starts_on",
    "ends_on",
    "note",
)


def _label(partner: Partner) -> str:
    return partner.display_name


def _brings_fields(brings: Iterable[str]) -> dict[str, bool]:
    codes = set(brings)
    unknown = codes - set(CONTRIBUTIONS)
    if unknown:
        raise ValidationError({"brings": _("Choose what the partner brings from the list.")})
    return {f"brings_{code}": code in codes for code in CONTRIBUTIONS}


def _check_organisation(project: Project, organisation: Organisation | None) -> None:
    if organisation is not None and organisation.pk == project.owner_id:
        raise ValidationError(
            {"organisation": _("The project's own organisation is not its partner.")}
        )


def partner_add(
    *,
    project: Project,
    by: Any,
    kind: str,
    starts_on: datetime.date,
    brings: Iterable[str],
    organisation: Organisation | None = None,
    name: str = "",
    ends_on: datetime.date | None = None,
    note: str = "",
) -> Partner:
    """Add a partner: an organisation in Koers (linked), or one named freely."""
    require_edit(by, project)
    _check_organisation(project, organisation)
    partner = Partner(
        project=project,
        kind=kind,
        organisation=organisation,
        # A linked partner is named by its organisation, which may change its name.
        name="" if organisation else name,
        starts_on=starts_on,
        ends_on=ends_on,
        note=note,
        created_by=by,
        **_brings_fields(brings),
    )
    return record_add(
        project=project, by=by, record=partner, kind="partner", fields=PARTNER_FIELDS, label=_label
    )


def partner_change(*, partner: Partner, by: Any, expected_version: int, **values: Any) -> Partner:
    """Change a partner; `brings` is the full list of what it brings."""
    require_edit(by, partner.project)
    if "brings" in values:
        values.update(_brings_fields(values.pop("brings")))
    if "organisation" in values:
        _check_organisation(partner.project, values["organisation"])
        if values["organisation"] is not None:
            values["name"] = ""
    return record_change(
        record=partner,
        by=by,
        expected_version=expected_version,
        kind="partner",
        fields=PARTNER_FIELDS,
        values={k: v for k, v in values.items() if k in PARTNER_FIELDS},
        label=_label,
    )


def partner_remove(*, partner: Partner, by: Any, expected_version: int | None = None) -> None:
    record_remove(
        record=partner,
        by=by,
        expected_version=expected_version,
        kind="partner",
        fields=PARTNER_FIELDS,
        label=_label,
    )
