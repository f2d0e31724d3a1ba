"""Evidence of a project's way of working, recorded as it happens: its short steps (factor 4),
its sessions with end users (factor 8) and its learning events with their lessons (factor 9).

The rules for what a valid record is live in `rules.py` (so that forms, services and the API
refuse the same input with the same words); `Model.clean` calls them.
"""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from koers.guards.text import NOTE, TITLE, tidy_and_check
from koers.projects.models import Project

from . import rules


class StepResult(models.TextChoices):
    WORKED = "worked", _("Worked")
    REDO = "redo", _("Redo")
    DROPPED = "dropped", _("Dropped")


class SessionKind(models.TextChoices):
    INTERVIEW = "interview", _("Interview")
    TEST = "test", _("Test")
    DEMO = "demo", _("Demo")
    CO_DESIGN = "co_design", _("Co-design")
    TRAINING = "training", _("Training")


class LearningKind(models.TextChoices):
    RETROSPECTIVE = "retrospective", _("Retrospective")
    LEARNING_LUNCH = "learning_lunch", _("Learning lunch")
    COMMUNITY = "community", _("Community of practice")


class EvidenceRecord(models.Model):
    """What every evidence record has besides its project: who recorded it, when, and a version so
    that two people editing it at once do not overwrite each other."""

    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
        verbose_name=_("recorded by"),
    )
    created_at = models.DateTimeField(_("recorded at"), default=timezone.now)
    # Set by the services on every change (not auto_now, so that the demo portfolio can date
    # its records in the past): the stall rule reads it as the project's activity.
    updated_at = models.DateTimeField(_("last changed"), default=timezone.now)
    version = models.PositiveIntegerField(_("version"), default=1)

    class Meta:
        abstract = True


class Step(EvidenceRecord):
    """One short cycle: a goal, a start, a planned end and, once finished, a result. A redo
    opens the next try of the same step, linked to this one."""

    project = models.ForeignKey(
        Project, on_delete=models.CASCADE, related_name="steps", verbose_name=_("project")
    )
    goal = models.CharField(_("goal"), max_length=TITLE.chars)
    started_on = models.DateField(_("start"))
    planned_end = models.DateField(_("planned end"))
    ended_on = models.DateField(_("finished on"), null=True, blank=True)
    result = models.CharField(_("result"), max_length=10, choices=StepResult.choices, blank=True)
    note = models.TextField(_("note"), blank=True)
    previous_try = models.OneToOneField(
        "self",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="next_try",
        verbose_name=_("previous try"),
    )
    try_number = models.PositiveSmallIntegerField(_("try"), default=1)

    class Meta:
        ordering = ["-started_on", "-id"]
        indexes = [models.Index(fields=["project", "ended_on"])]
        verbose_name = _("step")
        verbose_name_plural = _("steps")

    def __str__(self) -> str:
        return self.goal

    @property
    def is_finished(self) -> bool:
        return bool(self.result)

    def clean(self) -> None:
        tidy_and_check(self, {"goal": TITLE, "note": NOTE})
        rules.check_step(
            started_on=self.started_on,
            planned_end=self.planned_end,
            ended_on=self.ended_on,
            result=self.result,
            note=self.note,
            today=timezone.localdate(),
        )


class HeldEvent(EvidenceRecord):
    """A dated session or event, recorded once it took place."""

    held_on = models.DateField(_("date"))

    class Meta:
        abstract = True
        ordering = ["-held_on", "-id"]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.held_on}"  # type: ignore[attr-defined]


class EndUserSession(HeldEvent):
    """A session in which end users took part, and what changed because of it."""

    project = models.ForeignKey(
        Project,
        on_delete=models.CASCADE,
        related_name="end_user_sessions",
        verbose_name=_("project"),
    )
    kind = models.CharField(_("kind"), max_length=12, choices=SessionKind.choices)
    participants = models.IntegerField(_("number of participants"))
    audience = models.CharField(_("who took part"), max_length=TITLE.chars, blank=True)
    outcome = models.TextField(_("what changed because of it"), blank=True)

    class Meta(HeldEvent.Meta):
        indexes = [models.Index(fields=["project", "held_on"])]
        verbose_name = _("end-user session")
        verbose_name_plural = _("end-user sessions")

    def clean(self) -> None:
        tidy_and_check(self, {"audience": TITLE, "outcome": NOTE})
        rules.check_held(
            held_on=self.held_on, participants=self.participants, today=timezone.localdate()
        )


class LearningEvent(HeldEvent):
    """A recurring, mostly informal moment of learning, and the lesson it gave."""

    project = models.ForeignKey(
        Project,
        on_delete=models.CASCADE,
        related_name="learning_events",
        verbose_name=_("project"),
    )
    kind = models.CharField(_("kind"), max_length=16, choices=LearningKind.choices)
    participants = models.CharField(_("who took part"), max_length=TITLE.chars, blank=True)
    lesson = models.TextField(_("lesson"), blank=True)

    class Meta(HeldEvent.Meta):
        indexes = [models.Index(fields=["project", "held_on"])]
        verbose_name = _("learning event")
        verbose_name_plural = _("learning events")

    def clean(self) -> None:
        tidy_and_check(self, {"participants": TITLE, "lesson": NOTE})
        rules.check_held(held_on=self.held_on, participants=None, today=timezone.localdate())
