"""Loading the study's cases and adopting cases into another organisation."""

import json
from pathlib import Path
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from koers.audit.services import change_record
from koers.locking import lock_rows
from koers.organisations.models import Organisation, Role
from koers.organisations.selectors import has_role
from koers.projects import lifecycle
from koers.projects.models import Project, Technique, Theme, Visibility
from koers.projects.services import project_create, project_record_scaled_external

from .models import Adoption, ReferenceCase

STUDY_CASES_FILE = Path(__file__).parent / "data" / "study-cases.json"


@transaction.atomic
def reference_cases_load(*, raw: bytes | None = None) -> int:
    """Create or update the study's reference cases from the data file; returns the count."""
    data = json.loads((raw or STUDY_CASES_FILE.read_bytes()).decode("utf-8"))
    themes = {t.key: t for t in Theme.objects.all()}
    techniques = {t.key: t for t in Technique.objects.all()}
    for item in data["cases"]:
        case, _created = ReferenceCase.objects.update_or_create(
            key=item["key"],
            defaults={
                "title_nl": item["title"]["nl"],
                "title_en": item["title"]["en"],
                "organisation_name": item.get("organisation") or "",
                "domain": item["domain"],
                "summary_nl": item["summary"]["nl"],
                "summary_en": item["summary"]["en"],
                "stage_reached": item["stage_reached"],
                "source_nl": data["source"]["nl"],
                "source_en": data["source"]["en"],
            },
        )
        case.themes.set([themes[k] for k in item.get("themes", []) if k in themes])
        case.techniques.set([techniques[k] for k in item.get("techniques", []) if k in techniques])
    return len(data["cases"])


def _check_adopter(by: Any, adopter: Organisation, owner_id: int | None) -> None:
    if not has_role(by, adopter.pk, Role.COORDINATOR):
        raise PermissionDenied(
            _("Only a coordinator of %(org)s can adopt a case for it.") % {"org": adopter}
        )
    if owner_id == adopter.pk:
        raise ValidationError(_("This is already a project of %(org)s.") % {"org": adopter})


class AlreadyAdopted(ValidationError):
    """The organisation adopted this case before: adopting again must be chosen explicitly."""

    def __init__(self, existing: list[Adoption]) -> None:
        self.existing = existing
        super().__init__(
            _("%(org)s adopted this case already.") % {"org": existing[0].adopter.name}
        )


@transaction.atomic
def case_adopt(
    *,
    by: Any,
    adopter: Organisation,
    original_project: Project | None = None,
    original_case: ReferenceCase | None = None,
    again: bool = False,
) -> Project:
    """Start a project in the adopter's organisation, pre-filled from the case and linked to it.

    A second adoption of the same case by the same organisation is refused with AlreadyAdopted
    unless `again` says that a separate project is what the coordinator wants."""
    if (original_project is None) == (original_case is None):
        raise ValueError("Adopt either a project or a reference case.")
    source: Any = original_project or original_case
    if original_project is not None:
        if original_project.visibility not in (Visibility.NETWORK, Visibility.PUBLIC):
            raise PermissionDenied(_("This project is not shared with the network."))
        _check_adopter(by, adopter, original_project.owner_id)
        # Another municipality's problem statement is a fair start for one's own.
        title, problem = original_project.title, original_project.problem
        data_sources = original_project.data_sources
    else:
        _check_adopter(by, adopter, None)
        # A study case says what was built, not which problem it answers in the adopter's
        # organisation: the team writes that (the project page asks for it).
        title, problem, data_sources = original_case.title, "", ""
    # Two adoptions of the same case at once would both find none: the adopter's row is
    # locked first (the same row project_create's portfolio bump takes, so no new order).
    lock_rows(Organisation.objects.filter(pk=adopter.pk))
    existing = list(
        Adoption.objects.filter(
            adopter=adopter, original_project=original_project, original_case=original_case
        ).select_related("adopter", "project")
    )
    if existing and not again:
        raise AlreadyAdopted(existing)
    # Where it came from is the Adoption record, shown once on the project page; it is not
    # repeated in the problem text.
    project = project_create(
        owner=adopter,
        by=by,
        title=title,
        problem=problem,
        domain=source.domain,
        visibility=Visibility.ORGANISATION,
        data_sources=data_sources,
        themes=list(source.themes.all()),
        techniques=list(source.techniques.all()),
    )
    adoption = Adoption.objects.create(
        project=project,
        original_project=original_project,
        original_case=original_case,
        adopter=adopter,
        by=by,
    )
    if original_project is not None:
        change_record(
            actor=by,
            obj=original_project,
            action="adopted",
            changes={"adopter": adopter.pk, "project": project.pk},
        )
    change_record(actor=by, obj=adoption, action="created", changes={"project": project.pk})
    return project


def on_stage_moved(sender: Any, project: Project, event: Any, by: Any, **kwargs: Any) -> None:
    """When an adopting project is implemented, its original has been scaled to another
    organisation: the study's strongest form of success."""
    if event.to_stage != lifecycle.IMPLEMENTED:
        return
    adoption = Adoption.objects.filter(project=project, original_project__isnull=False).first()
    if adoption is None:
        return
    note = _("Implemented by %(org)s, which adopted this project.") % {"org": project.owner.name}
    project_record_scaled_external(project=adoption.original_project, note=note)
