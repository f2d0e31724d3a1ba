"""Changing projects: every write checks the role, runs in a transaction and leaves history."""

import datetime
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from koers.audit.services import change_record, field_changes
from koers.guards.text import NOTE, checked_text
from koers.locking import lock_rows
from koers.organisations.models import Organisation
from koers.organisations.services import portfolio_changed

from . import lifecycle
from .access import require_create, require_edit, require_lead
from .models import Project, ProjectMember, StageEvent, TeamRole
from .signals import stage_moved


class EditConflict(Exception):
    """Someone else saved the same record since this edit started."""

    def __init__(self) -> None:
        super().__init__(
            _(
                "Someone else changed this in the meantime. Reload the page to see "
                "their change, then make yours again."
            )
        )


PROJECT_FIELDS = (
    "reference",
    "title",
    "problem",
    "domain",
    "data_sources",
    "visibility",
    "lessons_learned",
    "share_scan",
    "share_contact",
    "handles_personal_data",
    "sponsor",
)
PROJECT_RELATIONS = ("themes", "techniques")


def _snapshot(project: Project) -> dict[str, Any]:
    data: dict[str, Any] = {f: getattr(project, f) for f in PROJECT_FIELDS}
    for rel in PROJECT_RELATIONS:
        data[rel] = sorted(getattr(project, rel).values_list("pk", flat=True))
    return data


@transaction.atomic
def project_create(
    *,
    owner: Organisation,
    by: Any,
    title: str,
    problem: str,
    domain: str,
    visibility: str,
    data_sources: str = "",
    themes: Any = (),
    techniques: Any = (),
    lessons_learned: str = "",
    handles_personal_data: bool = False,
    share_scan: bool = False,
    share_contact: bool = False,
    started_on: datetime.date | None = None,
    is_demo: bool = False,
    reference: str = "",
) -> Project:
    require_create(by, owner)
    started_on = started_on or timezone.localdate()
    project = Project(
        owner=owner,
        reference=reference,
        title=title,
        problem=problem,
        domain=domain,
        visibility=visibility,
        data_sources=data_sources,
        lessons_learned=lessons_learned,
        share_scan=share_scan,
        share_contact=share_contact,
        handles_personal_data=handles_personal_data,
        stage=lifecycle.IDEA,
        stage_since=started_on,
        started_on=started_on,
        created_by=by,
        is_demo=is_demo,
    )
    project.full_clean()
    project.save()
    project.themes.set(themes)
    project.techniques.set(techniques)
    ProjectMember.objects.create(project=project, user=by, team_role=TeamRole.PROJECT_LEADER)
    StageEvent.objects.create(
        project=project, to_stage=lifecycle.IDEA, on=started_on, by=by, note=_("Project registered")
    )
    change_record(actor=by, obj=project, action="created", changes=_snapshot(project))
    portfolio_changed(organisation_id=owner.pk)
    return project


@transaction.atomic
def project_update(*, project: Project, by: Any, expected_version: int, **fields: Any) -> Project:
    """Update fields and relations; refuses when the project changed since `expected_version`."""
    require_edit(by, project)
    locked = Project.objects.select_for_update().get(pk=project.pk)
    if locked.version != expected_version:
        raise EditConflict()
    before = _snapshot(locked)
    if fields.get("sponsor") is not None:
        _check_sponsor(locked, fields["sponsor"])
    for name in PROJECT_FIELDS:
        if name in fields:
            setattr(locked, name, fields[name])
    locked.version += 1
    locked.full_clean()
    locked.save()
    for rel in PROJECT_RELATIONS:
        if rel in fields:
            getattr(locked, rel).set(fields[rel])
    changes = field_changes(before, _snapshot(locked))
    if changes:
        change_record(actor=by, obj=locked, action="updated", changes=changes)
        portfolio_changed(organisation_id=locked.owner_id)
    return locked


def _check_sponsor(project: Project, sponsor: Any) -> None:
    from koers.organisations.selectors import roles_of

    if project.owner_id not in roles_of(sponsor):
        raise ValidationError(
            {"sponsor": _("The sponsor must be someone of the project's organisation.")}
        )


def _stage_before_stop(project: Project) -> str | None:
    last_stop = (
        project.stage_events.filter(to_stage=lifecycle.STOPPED).order_by("-on", "-id").first()
    )
    return last_stop.from_stage if last_stop else None


@transaction.atomic
def project_move_stage(
    *,
    project: Project,
    by: Any,
    to: str,
    note: str = "",
    on: datetime.date | None = None,
    expected_version: int | None = None,
) -> StageEvent:
    """Move to another stage as a dated event; refuses moves the lifecycle does not allow.

    A move made on a page names the version it was read at and is refused when someone
    changed the project since (None: the caller acts on the project as it is now, as the
    command line and the demo do)."""
    require_edit(by, project)
    locked = Project.objects.select_for_update().get(pk=project.pk)
    if expected_version is not None and locked.version != expected_version:
        raise EditConflict()
    lifecycle.check_move(locked.stage, to, stage_before_stop=_stage_before_stop(locked))
    on = on or timezone.localdate()
    if on > timezone.localdate():
        raise ValidationError({"on": _("A stage move cannot be dated in the future.")})
    if on < locked.stage_since:
        raise ValidationError(
            {
                "on": _("The date cannot be before the current stage began (%(date)s).")
                % {"date": locked.stage_since.isoformat()}
            }
        )
    note = checked_text(note, NOTE, field="note").strip()
    if to == lifecycle.STOPPED and not note:
        raise ValidationError({"note": _("Say why the project stops: others learn from it.")})
    event = _record_stage(locked, to=to, on=on, note=note, by=by)
    project.stage, project.stage_since, project.version = (
        locked.stage,
        locked.stage_since,
        locked.version,
    )
    return event


def _record_stage(locked: Project, *, to: str, on: datetime.date, note: str, by: Any) -> StageEvent:
    event = StageEvent.objects.create(
        project=locked, from_stage=locked.stage, to_stage=to, on=on, note=note, by=by
    )
    change_record(actor=by, obj=locked, action="stage", changes={"stage": [locked.stage, to]})
    locked.stage, locked.stage_since = to, on
    locked.version += 1
    locked.save(update_fields=["stage", "stage_since", "version", "updated_at"])
    portfolio_changed(organisation_id=locked.owner_id)
    stage_moved.send(sender=Project, project=locked, event=event, by=by)
    return event


@transaction.atomic
def project_record_scaled_external(*, project: Project, note: str) -> StageEvent | None:
    """The lifecycle's own move when another organisation implemented this project: no user
    permission applies. Only from implemented or scaled internally; otherwise nothing."""
    locked = Project.objects.select_for_update().get(pk=project.pk)
    if locked.stage not in (lifecycle.IMPLEMENTED, lifecycle.SCALED_INTERNAL):
        return None
    on = max(timezone.localdate(), locked.stage_since)
    return _record_stage(locked, to=lifecycle.SCALED_EXTERNAL, on=on, note=note, by=None)


def stage_targets(*, project: Project) -> list[str]:
    # Only a stopped project's way back depends on its history.
    before = _stage_before_stop(project) if project.stage == lifecycle.STOPPED else None
    return lifecycle.allowed_targets(project.stage, stage_before_stop=before)


def _keep_a_leader(project: Project, *, without: Any) -> None:
    """Refuse a change that leaves the project without a project leader. Callers hold the
    project's row lock, so two people each removing a different leader cannot both pass."""
    leaders = project.team.filter(team_role=TeamRole.PROJECT_LEADER)
    if leaders.exists() and not leaders.exclude(user=without).exists():
        raise ValidationError(_("A project keeps at least one project leader."))
    if not project.team.exclude(user=without).exists():
        raise ValidationError(_("A project keeps at least one team member."))


@transaction.atomic
def team_member_set(*, project: Project, by: Any, user: Any, team_role: str) -> ProjectMember:
    from koers.organisations.selectors import roles_of

    require_edit(by, project)
    lock_rows(Project.objects.filter(pk=project.pk))
    # People of the owner, or of a partner that is an organisation in Koers.
    partner_orgs = project.partners.filter(organisation__isnull=False).values_list(
        "organisation_id", flat=True
    )
    allowed_orgs = {project.owner_id, *partner_orgs}
    if not allowed_orgs & set(roles_of(user)):
        raise ValidationError(
            {"user": _("Team members must work for the owner or a partner organisation.")}
        )
    if team_role != TeamRole.PROJECT_LEADER:
        _keep_a_leader(project, without=user)
    member, created = ProjectMember.objects.update_or_create(
        project=project, user=user, defaults={"team_role": team_role}
    )
    change_record(
        actor=by,
        obj=project,
        action="team",
        changes={"user": user.pk, "team_role": team_role, "added": created},
    )
    portfolio_changed(organisation_id=project.owner_id)  # the analysis reads team roles
    return member


@transaction.atomic
def team_member_remove(*, project: Project, by: Any, user: Any) -> None:
    require_edit(by, project)
    lock_rows(Project.objects.filter(pk=project.pk))
    _keep_a_leader(project, without=user)
    project.team.filter(user=user).delete()
    change_record(actor=by, obj=project, action="team_removed", changes={"user": user.pk})
    portfolio_changed(organisation_id=project.owner_id)


@transaction.atomic
def project_archive(*, project: Project, by: Any) -> Project:
    """Archive a project: it leaves the portfolio, the dashboard's figures and the analysis,
    and stays readable by its URL until it is restored. Only its leader or a coordinator."""
    require_lead(by, project)
    locked = Project.objects.select_for_update().get(pk=project.pk)
    if locked.archived_at is not None:
        raise ValidationError(_("This project is archived already."))
    locked.archived_at = timezone.now()
    locked.version += 1
    locked.save(update_fields=["archived_at", "version", "updated_at"])
    change_record(actor=by, obj=locked, action="archived", changes={})
    portfolio_changed(organisation_id=locked.owner_id)
    project.archived_at, project.version = locked.archived_at, locked.version
    return locked


@transaction.atomic
def project_restore(*, project: Project, by: Any) -> Project:
    """Bring an archived project back into the portfolio, the figures and the analysis."""
    require_lead(by, project)
    locked = Project.objects.select_for_update().get(pk=project.pk)
    if locked.archived_at is None:
        raise ValidationError(_("This project is not archived."))
    archived_at = locked.archived_at
    locked.archived_at = None
    locked.version += 1
    locked.save(update_fields=["archived_at", "version", "updated_at"])
    change_record(actor=by, obj=locked, action="restored", changes={"archived_at": archived_at})
    portfolio_changed(organisation_id=locked.owner_id)
    project.archived_at, project.version = None, locked.version
    return locked
