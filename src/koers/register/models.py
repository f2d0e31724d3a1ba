"""A project's record for the national Algoritmeregister: the fields of publication standard
1.0, kept beside the project (one record per project that uses an algorithm)."""

import uuid

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from koers.projects.models import Project

from . import standard


def _choices(labels: dict) -> list[tuple[str, object]]:
    return list(labels.items())


class AlgorithmRecord(models.Model):
    project = models.OneToOneField(
        Project,
        on_delete=models.CASCADE,
        related_name="algorithm_record",
        verbose_name=_("project"),
    )
    # Sent as the register's "source_id": stays the same when the project is renamed or moved.
    source_id = models.UUIDField(_("source id"), default=uuid.uuid4, unique=True, editable=False)
    name = models.CharField(_("name of the algorithm"), max_length=standard.NAME_CHARS, blank=True)
    description_short = models.TextField(
        _("short description"), max_length=standard.SHORT_DESCRIPTION_CHARS, blank=True
    )
    # Blank: the owner organisation's name.
    organisation_name = models.CharField(
        _("organisation"), max_length=standard.ORGANISATION_CHARS, blank=True
    )
    category = models.JSONField(_("themes"), default=list, blank=True)
    # Blank: derived from the project's stage.
    status_override = models.CharField(
        _("status"), max_length=20, choices=_choices(standard.STATUS_LABELS), blank=True
    )
    publication_category = models.CharField(
        _("publication category"),
        max_length=20,
        choices=_choices(standard.PUBLICATION_CATEGORY_LABELS),
        blank=True,
    )
    algorithm_type = models.CharField(
        _("type"), max_length=20, choices=_choices(standard.TYPE_LABELS), blank=True
    )
    begin_date = models.CharField(_("in use since (month)"), max_length=7, blank=True)
    end_date = models.CharField(_("out of use since (month)"), max_length=7, blank=True)
    contact_email = models.EmailField(_("contact e-mail"), blank=True)
    website = models.URLField(_("public web page"), max_length=standard.URL_CHARS, blank=True)
    goal = models.TextField(_("goal and impact"), blank=True)
    proportionality = models.TextField(_("proportionality"), blank=True)
    human_intervention = models.TextField(_("human intervention"), blank=True)
    risks = models.TextField(_("risk management"), blank=True)
    lawful_basis = models.TextField(_("legal basis"), blank=True)
    lawful_basis_links = models.JSONField(_("links to the legal basis"), default=list, blank=True)
    impact_assessments = models.JSONField(_("impact assessments"), default=list, blank=True)
    impact_assessments_note = models.TextField(_("about the impact assessments"), blank=True)
    process_index_url = models.URLField(
        _("link to the register of processing"), max_length=standard.URL_CHARS, blank=True
    )
    source_data = models.TextField(_("source data"), blank=True)
    source_data_links = models.JSONField(_("links to the source data"), default=list, blank=True)
    methods_and_models = models.TextField(_("methods and models"), blank=True)
    provider = models.CharField(_("provider"), max_length=standard.PROVIDER_CHARS, blank=True)
    publiccode = models.URLField(
        _("link to the source code"), max_length=standard.URL_CHARS, blank=True
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
        verbose_name=_("created by"),
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("last changed"), auto_now=True)
    # Optimistic lock: an edit names the version it started from.
    version = models.PositiveIntegerField(_("version"), default=1)

    class Meta:
        verbose_name = _("Algoritmeregister record")
        verbose_name_plural = _("Algoritmeregister records")

    def __str__(self) -> str:
        return self.name or str(self.project)

    @property
    def status(self) -> str:
        """The status code: the override, or what the project's stage implies."""
        return self.status_override or standard.status_for_stage(self.project.stage)

    @property
    def status_label(self) -> str:
        return str(standard.STATUS_LABELS[self.status])

    @property
    def status_is_derived(self) -> bool:
        return not self.status_override

    @property
    def organisation(self) -> str:
        return self.organisation_name or self.project.owner.name
