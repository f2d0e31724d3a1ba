"""An uploaded list between its steps (mapping, dry run, apply): the table as read, and the
mapping chosen. Working state of one person, not a record of the organisation: it is
deleted once applied, and any upload older than a day when the next one arrives."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from koers.organisations.models import Organisation


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

    class Meta:
        verbose_name = _("uploaded list")
        verbose_name_plural = _("uploaded lists")

    def __str__(self) -> str:
        return self.file_name
