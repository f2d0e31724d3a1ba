"""Questions from the domains (factor 3): what employees want to know or decide, triaged by
coordinators and answered by projects."""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from koers.guards.text import ESSAY, NOTE, TITLE, tidy_and_check
from koers.organisations.models import Organisation
from koers.projects.models import Domain, Project, Visibility

from . import workflow


class QuestionStatus(models.TextChoices):
    NEW = workflow.NEW, _("New")
    CONSIDERING = workflow.CONSIDERING, _("Under consideration")
    TAKEN_UP = workflow.TAKEN_UP, _("Taken up by a project")
    PARKED = workflow.PARKED, _("Parked")
    DECLINED = workflow.DECLINED, _("Declined")
    MERGED = workflow.MERGED, _("Merged")


class Frequency(models.TextChoices):
    DAILY = "daily", _("Every day")
    WEEKLY = "weekly", _("Every week")
    MONTHLY = "monthly", _("Every month")
    YEARLY = "yearly", _("A few times a year")
    RARELY = "rarely", _("Now and then")


# A question is for its organisation, or shared with the network like a project; never
# public (it is about the organisation's own work) and never private (a coordinator triages it).
QUESTION_VISIBILITY = [
    (Visibility.ORGANISATION.value, _("Own organisation")),
    (Visibility.NETWORK.value, _("Network of participating organisations")),
]


class Question(models.Model):
    # The organisation's own record: it goes when the organisation goes.
    organisation = models.ForeignKey(
        Organisation,
        on_delete=models.CASCADE,
        related_name="questions",
        verbose_name=_("organisation"),
    )
    title = models.CharField(
        _("question"),
        max_length=200,
        help_text=_("What do you want to know or decide? One sentence."),
    )
    description = models.TextField(
        _("explanation"),
        blank=True,
        help_text=_("The situation in your work where the question comes up."),
    )
    domain = models.CharField(_("domain"), max_length=20, choices=Domain.choices)
    department = models.CharField(_("department"), max_length=200, blank=True)
    frequency = models.CharField(
        _("how often does it come up?"), max_length=10, choices=Frequency.choices
    )
    others_affected = models.TextField(
        _("who else has this question?"),
        blank=True,
        help_text=_("Colleagues, other departments, partners, residents."),
    )
    expected_change = models.TextField(
        _("what would an answer change?"),
        blank=True,
        help_text=_("What would you do differently, or decide, with an answer?"),
    )
    visibility = models.CharField(
        _("visibility"),
        max_length=20,
        choices=QUESTION_VISIBILITY,
        default=Visibility.ORGANISATION,
    )
    status = models.CharField(
        _("status"), max_length=20, choices=QuestionStatus.choices, default=QuestionStatus.NEW
    )
    # Why it was declined or parked: the asker reads it.
    status_reason = models.TextField(_("reason"), blank=True)
    status_changed_at = models.DateTimeField(_("status since"), default=timezone.now)
    merged_into = models.ForeignKey(
        "self",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="merged_questions",
        verbose_name=_("merged into"),
    )
    asked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="questions_asked",
        verbose_name=_("asked by"),
    )
    asked_at = models.DateTimeField(_("asked on"), default=timezone.now, db_index=True)
    updated_at = models.DateTimeField(auto_now=True, verbose_name=_("last changed"))
    # Optimistic lock: an edit or a triage names the version it started from.
    version = models.PositiveIntegerField(default=1, verbose_name=_("version"))
    is_demo = models.BooleanField(_("demo data"), default=False)

    class Meta:
        ordering = ["-asked_at", "-id"]
        indexes = [
            models.Index(fields=["organisation", "status"]),
            models.Index(fields=["organisation", "domain"]),
            models.Index(fields=["visibility"]),
        ]
        verbose_name = _("question")
        verbose_name_plural = _("questions")

    def __str__(self) -> str:
        return self.title

    def clean(self) -> None:
        tidy_and_check(self, TEXT_LIMITS)

    @property
    def is_open(self) -> bool:
        return self.status in workflow.OPEN


TEXT_LIMITS = {
    "title": TITLE,
    "description": ESSAY,
    "department": TITLE,
    "others_affected": NOTE,
    "expected_change": NOTE,
    "status_reason": NOTE,
}


class QuestionLink(models.Model):
    """A project that answers a question, and what the asker last said about its results."""

    question = models.ForeignKey(
        Question, on_delete=models.CASCADE, related_name="links", verbose_name=_("question")
    )
    project = models.ForeignKey(
        Project, on_delete=models.CASCADE, related_name="question_links", verbose_name=_("project")
    )
    linked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
        verbose_name=_("linked by"),
    )
    linked_at = models.DateTimeField(_("linked on"), default=timezone.now)
    # When the asker last saw an intermediate result, and what they said (recorded by the team).
    feedback_on = models.DateField(_("asker last saw a result on"), null=True, blank=True)
    feedback = models.TextField(_("what the asker said"), blank=True)
    feedback_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("recorded by"),
    )
    version = models.PositiveIntegerField(default=1, verbose_name=_("version"))

    class Meta:
        ordering = ["linked_at", "id"]
        constraints = [
            models.UniqueConstraint(fields=["question", "project"], name="one_link_per_project")
        ]
        verbose_name = _("question taken up by a project")
        verbose_name_plural = _("questions taken up by projects")

    def __str__(self) -> str:
        return f"{self.question_id} → {self.project_id}"

    def clean(self) -> None:
        tidy_and_check(self, {"feedback": NOTE})


class SameNeed(models.Model):
    """Two organisations' questions about the same need, linked by a coordinator of one of
    them so that both can learn from each other. Stored once per pair (lower id first)."""

    first = models.ForeignKey(
        Question, on_delete=models.CASCADE, related_name="+", verbose_name=_("question")
    )
    second = models.ForeignKey(
        Question, on_delete=models.CASCADE, related_name="+", verbose_name=_("question")
    )
    linked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
        verbose_name=_("linked by"),
    )
    linked_at = models.DateTimeField(_("linked on"), default=timezone.now)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["first", "second"], name="one_same_need_per_pair"),
            models.CheckConstraint(
                condition=models.Q(first__lt=models.F("second")), name="same_need_ordered"
            ),
        ]
        verbose_name = _("same need elsewhere")
        verbose_name_plural = _("same needs elsewhere")

    def __str__(self) -> str:
        return f"{self.first_id} = {self.second_id}"
