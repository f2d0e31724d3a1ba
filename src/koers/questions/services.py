"""Asking, editing and triaging questions, and the projects that answer them.

Every write checks the role, runs in one transaction, refuses bad input field by field with
nothing saved, and leaves a ChangeRecord. A status change tells the asker (through the
`question_status_changed` signal, which the notices listen to)."""

import datetime
from typing import Any

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from koers.audit.services import change_record, field_changes
from koers.guards.text import NOTE, checked_text
from koers.locking import lock_rows
from koers.organisations.models import Organisation
from koers.organisations.services import portfolio_changed
from koers.partners.selectors import partner_organisation_ids
from koers.projects import access as project_access
from koers.projects.models import Project, Visibility
from koers.projects.services import EditConflict, project_create

from . import workflow
from .access import require_ask, require_edit, require_triage
from .models import Question, QuestionLink, QuestionStatus, SameNeed
from .signals import question_status_changed

QUESTION_FIELDS = (
    "title",
    "description",
    "domain",
    "department",
    "frequency",
    "others_affected",
    "expected_change",
    "visibility",
)


def _snapshot(question: Question) -> dict[str, Any]:
    return {f: getattr(question, f) for f in QUESTION_FIELDS}


@transaction.atomic
def question_submit(
    *,
    organisation: Organisation,
    by: Any,
    title: str,
    domain: str,
    frequency: str,
    description: str = "",
    department: str = "",
    others_affected: str = "",
    expected_change: str = "",
    visibility: str = Visibility.ORGANISATION,
    asked_at: datetime.datetime | None = None,
    is_demo: bool = False,
) -> Question:
    """A question from someone's work; any member of the organisation, a viewer too."""
    require_ask(by, organisation)
    now = asked_at or timezone.now()
    question = Question(
        organisation=organisation,
        asked_by=by,
        title=title,
        description=description,
        domain=domain,
        department=department,
        frequency=frequency,
        others_affected=others_affected,
        expected_change=expected_change,
        visibility=visibility,
        asked_at=now,
        status_changed_at=now,
        is_demo=is_demo,
    )
    question.full_clean()
    question.save()
    change_record(actor=by, obj=question, action="created", changes=_snapshot(question))
    return question


def _locked(question: Question, expected_version: int | None) -> Question:
    locked = Question.objects.select_for_update().get(pk=question.pk)
    if expected_version is not None and locked.version != expected_version:
        raise EditConflict()
    return locked


def _refresh(question: Question, locked: Question) -> None:
    """The caller's object shows the saved state (views render from it after a save)."""
    for name in (*QUESTION_FIELDS, "status", "status_reason", "merged_into_id", "version"):
        setattr(question, name, getattr(locked, name))


@transaction.atomic
def question_update(
    *, question: Question, by: Any, expected_version: int, **fields: Any
) -> Question:
    """Change what the question says; the asker while it is open, or a coordinator."""
    require_edit(by, question)
    locked = _locked(question, expected_version)
    unknown = set(fields) - set(QUESTION_FIELDS)
    if unknown:
        raise ValueError(f"Not a question field: {sorted(unknown)}")
    before = _snapshot(locked)
    for name, value in fields.items():
        setattr(locked, name, value)
    locked.full_clean()
    changes = field_changes(before, _snapshot(locked))
    if changes:
        locked.version += 1
        locked.save()
        change_record(actor=by, obj=locked, action="updated", changes=changes)
    _refresh(question, locked)
    return locked


def _set_status(
    locked: Question,
    *,
    to: str,
    by: Any,
    reason: str = "",
    merged_into: Question | None = None,
    project: Project | None = None,
) -> None:
    before = locked.status
    locked.status = to
    locked.status_reason = reason
    locked.merged_into = merged_into if to == workflow.MERGED else None
    locked.status_changed_at = timezone.now()
    locked.version += 1
    locked.save()
    changes: dict[str, Any] = {"status": [before, to]}
    if reason:
        changes["reason"] = reason
    if locked.merged_into_id:
        changes["merged_into"] = locked.merged_into_id
    if project is not None:
        changes["project"] = project.pk
    change_record(actor=by, obj=locked, action="status", changes=changes)
    question_status_changed.send(
        sender=Question, question=locked, from_status=before, by=by, project=project
    )


def _merge_chain(target: Question) -> list[int]:
    """The target and what it is merged into, and so on, read in one query."""
    merged = dict(
        Question.objects.filter(
            organisation_id=target.organisation_id, merged_into__isnull=False
        ).values_list("id", "merged_into_id")
    )
    chain, current = [target.pk], merged.get(target.pk)
    while current is not None and current not in chain:
        chain.append(current)
        current = merged.get(current)
    return chain


def _check_merge(locked: Question, merged_into: Question | None) -> None:
    if merged_into is None:
        raise ValidationError({"merged_into": _("Choose the question to merge this one into.")})
    if merged_into.pk == locked.pk:
        raise ValidationError({"merged_into": _("A question cannot be merged into itself.")})
    if merged_into.organisation_id != locked.organisation_id:
        raise ValidationError(
            {
                "merged_into": _(
                    "Only questions of the same organisation can be merged. Link a question "
                    "of another organisation as the same need instead."
                )
            }
        )
    if workflow.merge_loops(locked.pk, _merge_chain(merged_into)):
        raise ValidationError(
            {
                "merged_into": _(
                    "“%(title)s” is already merged, directly or through other questions, into "
                    "this one: merging would make a loop."
                )
                % {"title": merged_into.title}
            }
        )


@transaction.atomic
def question_triage(
    *,
    question: Question,
    by: Any,
    expected_version: int,
    to: str,
    reason: str = "",
    merged_into: Question | None = None,
) -> Question:
    """A coordinator's decision: consider, park, decline (with a reason) or merge."""
    require_triage(by, question)
    if to == workflow.MERGED and merged_into is not None:
        # Lock the question and the chain it is merged into, in one order: two merges that
        # would close a loop between them share a row, so the second waits and its loop check
        # (after the lock) sees the first. Without it both pass, or deadlock on each other.
        lock_rows(Question.objects.filter(pk__in=[question.pk, *_merge_chain(merged_into)]))
    locked = _locked(question, expected_version)
    if not workflow.may_move(locked.status, to):
        raise ValidationError(
            {
                "status": _("A question that is “%(from)s” cannot become “%(to)s”.")
                % {
                    "from": QuestionStatus(locked.status).label,
                    "to": QuestionStatus(to).label if to in QuestionStatus.values else to,
                }
            }
        )
    reason = checked_text(reason, NOTE, field="reason").strip()
    if to in workflow.NEEDS_REASON and not reason:
        raise ValidationError(
            {"reason": _("Say why the question is declined: the asker reads it.")}
        )
    if to == workflow.MERGED:
        _check_merge(locked, merged_into)
    _set_status(locked, to=to, by=by, reason=reason, merged_into=merged_into)
    _refresh(question, locked)
    return locked


def _check_project(question: Question, project: Project, by: Any) -> None:
    visible = Project.objects.filter(project_access.visible_projects_q(by), pk=project.pk)
    if not visible.exists():
        raise ValidationError({"project": _("Choose a project you can see.")})
    if (
        question.organisation_id != project.owner_id
        and question.organisation_id not in partner_organisation_ids(project=project)
    ):
        raise ValidationError(
            {
                "project": _(
                    "The project must belong to %(org)s or have it as a partner organisation."
                )
                % {"org": question.organisation}
            }
        )
    if project.archived_at is not None:
        raise ValidationError({"project": _("This project is archived.")})


@transaction.atomic
def question_take_up(
    *, question: Question, project: Project, by: Any, expected_version: int | None = None
) -> QuestionLink:
    """A project answers the question: it is linked and the question is taken up."""
    require_triage(by, question)
    _check_project(question, project, by)
    locked = _locked(question, expected_version)
    if locked.status == workflow.MERGED:
        raise ValidationError(
            {"project": _("This question is merged into another one: take up that question.")}
        )
    if QuestionLink.objects.filter(question=locked, project=project).exists():
        raise ValidationError({"project": _("This project already answers this question.")})
    try:
        with transaction.atomic():
            link = QuestionLink.objects.create(question=locked, project=project, linked_by=by)
    except IntegrityError:  # linked at the same moment by someone else
        raise ValidationError(
            {"project": _("This project already answers this question.")}
        ) from None
    change_record(actor=by, obj=locked, action="linked", changes={"project": project.pk})
    if locked.status != workflow.TAKEN_UP:
        _set_status(locked, to=workflow.TAKEN_UP, by=by, project=project)
    portfolio_changed(organisation_id=project.owner_id)
    _refresh(question, locked)
    return link


@transaction.atomic
def question_unlink(*, link: QuestionLink, by: Any) -> None:
    """The project no longer answers the question. Without any project left, the question
    goes back to being considered."""
    question = link.question
    require_triage(by, question)
    locked = _locked(question, None)
    deleted, _rows = QuestionLink.objects.filter(pk=link.pk).delete()
    if not deleted:
        return  # unlinked in the meantime: the wish is fulfilled
    change_record(
        actor=by,
        obj=locked,
        action="unlinked",
        changes={"project": link.project_id, "feedback_on": link.feedback_on},
    )
    if locked.status == workflow.TAKEN_UP and not locked.links.exists():
        _set_status(locked, to=workflow.CONSIDERING, by=by)
    portfolio_changed(organisation_id=link.project.owner_id)
    _refresh(question, locked)


@transaction.atomic
def question_start_project(
    *, question: Question, by: Any, owner: Organisation, **project_fields: Any
) -> Project:
    """Register a new project that answers the question, and take the question up by it."""
    require_triage(by, question)
    project = project_create(owner=owner, by=by, **project_fields)
    question_take_up(question=question, project=project, by=by)
    return project


@transaction.atomic
def question_feedback_record(
    *,
    link: QuestionLink,
    by: Any,
    expected_version: int,
    on: datetime.date | None,
    feedback: str,
) -> QuestionLink:
    """A team member records when the asker last saw an intermediate result and what they
    said about it."""
    project_access.require_edit(by, link.project)
    locked = QuestionLink.objects.select_for_update().get(pk=link.pk)
    if locked.version != expected_version:
        raise EditConflict()
    errors: dict[str, str] = {}
    if on is None:
        errors["feedback_on"] = _("Give the date the asker saw the result.")
    elif on > timezone.localdate():
        errors["feedback_on"] = _("This date is in the future.")
    elif on < timezone.localtime(locked.question.asked_at).date():
        errors["feedback_on"] = _("This date is before the question was asked.")
    try:
        feedback = checked_text(feedback, NOTE, field="feedback").strip()
    except ValidationError as exc:
        errors["feedback"] = exc.message_dict["feedback"][0]
    else:
        if not feedback:
            errors["feedback"] = _("Write down what the asker said, in a few words.")
    if errors:
        raise ValidationError(errors)
    before = {"feedback_on": locked.feedback_on, "feedback": locked.feedback}
    locked.feedback_on, locked.feedback, locked.feedback_by = on, feedback, by
    locked.version += 1
    locked.save()
    change_record(
        actor=by,
        obj=locked,
        action="feedback",
        changes=field_changes(before, {"feedback_on": on, "feedback": feedback}),
    )
    portfolio_changed(organisation_id=locked.project.owner_id)
    link.feedback_on, link.feedback, link.feedback_by, link.version = (
        on,
        feedback,
        by,
        locked.version,
    )
    return locked


@transaction.atomic
def question_same_need_link(*, question: Question, other: Question, by: Any) -> SameNeed:
    """Link the question to the same need in another organisation, which shared its
    question with the network."""
    require_triage(by, question)
    if other.organisation_id == question.organisation_id:
        raise ValidationError(
            {
                "other": _("Both questions are of %(org)s: merge them instead of linking them.")
                % {"org": question.organisation}
            }
        )
    if other.visibility != Visibility.NETWORK:
        raise ValidationError(
            {
                "other": _(
                    "%(org)s has not shared this question with the network, so it cannot be linked."
                )
                % {"org": other.organisation}
            }
        )
    first, second = sorted((question, other), key=lambda q: q.pk)
    if SameNeed.objects.filter(first=first, second=second).exists():
        raise ValidationError({"other": _("These questions are linked already.")})
    try:
        with transaction.atomic():
            same = SameNeed.objects.create(first=first, second=second, linked_by=by)
    except IntegrityError:
        raise ValidationError({"other": _("These questions are linked already.")}) from None
    change_record(actor=by, obj=question, action="same_need", changes={"other": other.pk})
    return same


@transaction.atomic
def question_same_need_remove(*, question: Question, other: Question, by: Any) -> None:
    require_triage(by, question)
    first, second = sorted((question, other), key=lambda q: q.pk)
    deleted, _rows = SameNeed.objects.filter(first=first, second=second).delete()
    if deleted:
        change_record(
            actor=by, obj=question, action="same_need_removed", changes={"other": other.pk}
        )
