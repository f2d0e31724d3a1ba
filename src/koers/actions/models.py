"""The action plan of a project: interventions on factors, from the options or written freely."""

from django.conf import settings
from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from koers.framework.models import ActionOption
from koers.guards.text import NOTE, TITLE, tidy_and_check
from koers.projects.models import Project


class ActionStatus(models.TextChoices):
    PLANNED = "planned", _("Planned")
    DOING = "doing", _("In progress")
    DONE = "done", _("Done")
    DROPPED = "dropped", _("Dropped")


class Action(models.Model):
    project = models.ForeignKey(
        Project, on_delete=models.CASCADE, related_name="actions", verbose_name=_("project")
    )
    # The factor number (1-9) stays meaningful across framework versions.
    factor_number = models.PositiveSmallIntegerField(
        _("factor"), null=True, blank=True, validators=[MinValueValidator(1), MaxValueValidator(9)]
    )
    option = models.ForeignKey(
        ActionOption,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("option for action"),
    )
    title = models.CharField(_("action"), max_length=200)
    description = models.TextField(_("description"), blank=True)
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="owned_actions",
        verbose_name=_("owner"),
    )
    due_date = models.DateField(_("due date"), null=True, blank=True)
    status = models.CharField(
        _("status"), max_length=10, choices=ActionStatus.choices, default=ActionStatus.PLANNED
    )
    # The record that shows a done action (a step, an end-user session, a partner, a learning
    # event, a question) of the same project; which kinds, and the check that it is the
    # project's own, are in evidence_links.py.
    evidence_type = models.ForeignKey(
        ContentType,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("kind of evidence"),
    )
    evidence_id = models.PositiveBigIntegerField(_("evidence record"), null=True, blank=True)
    evidence = GenericForeignKey("evidence_type", "evidence_id")
    evidence.verbose_name = _("evidence")  # the admin's name for it; the field takes none
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
        verbose_name=_("created by"),
    )
    created_at = models.DateTimeField(auto_now_add=True, verbose_name=_("created at"))
    updated_at = models.DateTimeField(auto_now=True, verbose_name=_("last changed"))
    version = models.PositiveIntegerField(default=1, verbose_name=_("version"))

    class Meta:
        ordering = ["status", "due_date", "id"]
        verbose_name = _("action")
        verbose_name_plural = _("actions")

    def __str__(self) -> str:
        return self.title

    def clean(self) -> None:
        tidy_and_check(self, {"title": TITLE, "description": NOTE})
