"""An uploaded list between its steps (mapping, dry run, apply): the table as read, and the
mapping chosen. Working state of one person, not a record of the organisation: it is
deleted once applied, and any upload older than a day when the next one arrives."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from koers.organisations.models import Organisation


class UploadStatus(models.TextChoices):
    CHECKING = "checking", _("being checked")  # the steps: columns, dry run
    QUEUED = "queued", _("waiting for the worker")
    APPLYING = "applying", _("being imported")
    DONE = "done", _("imported")
    FAILED = "failed", _("not imported")


PENDING = (UploadStatus.QUEUED, UploadStatus.APPLYING)


class ImportUpload(models.Model):
    organisation = models.ForeignKey(
        Organisation, on_delete=models.CASCADE, related_name="+", verbose_name=_("organisation")
    )
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="+",
        verbose_name=_("uploaded by"),
    )
    file_name = models.CharField(_("file name"), max_length=200)
    kind = models.CharField(_("kind"), max_length=10)  # csv or xlsx
    encoding = models.CharField(_("encoding"), max_length=20, default="utf-8")
    headers = models.JSONField(_("column names"), default=list)
    rows = models.JSONField(_("rows"), default=list)  # [[row number, [cells]], ...]
    # column index (as text: JSON keys) -> field key; "" leaves the column out
    mapping = models.JSONField(_("column mapping"), default=dict)
    created_at = models.DateTimeField(_("uploaded at"), auto_now_add=True)
    # A long list is imported by the worker (tasks.py); the page shows how far it is.
    status = models.CharField(
        _("status"), max_length=10, choices=UploadStatus.choices, default=UploadStatus.CHECKING
    )
    language = models.CharField(_("language"), max_length=10, default="nl")  # of the outcome
    # the outcome: {"message", "created", "updated", "unchanged"} or {"message", "problems"}
    result = models.JSONField(_("outcome"), default=dict, blank=True)
    row_count = models.PositiveIntegerField(_("rows"), default=0)
    finished_at = models.DateTimeField(_("imported at"), null=True, blank=True)

    class Meta:
        verbose_name = _("uploaded list")
        verbose_name_plural = _("uploaded lists")

    def __str__(self) -> str:
        return self.file_name

    @property
    def is_pending(self) -> bool:
        return self.status in PENDING
