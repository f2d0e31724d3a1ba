"""Analyses computed by the worker, kept per state of the data they were computed from."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from koers.framework.models import FrameworkVersion
from koers.organisations.models import Organisation


class KeptAnalysis(models.Model):
    """One organisation's analysis at one setting, for one state of the data: the data version
    (the organisation's, or the network's for the network's analysis), the active framework
    and the day (projects grow old enough to count). A row without `computed_at` is
    requested and waiting for the worker. Derived data: safe to delete at any time, the
    worker computes it again when a page asks."""

    organisation = models.ForeignKey(
        Organisation, on_delete=models.CASCADE, related_name="+", verbose_name=_("organisation")
    )
    settings_key = models.CharField(_("settings"), max_length=300)
    data_version = models.PositiveBigIntegerField(_("data version"))
    framework_version = models.ForeignKey(
        FrameworkVersion,
        on_delete=models.CASCADE,
        related_name="+",
        verbose_name=_("framework version"),
    )
    day = models.DateField(_("day"))
    requested_at = models.DateTimeField(_("requested at"))
    computed_at = models.DateTimeField(_("computed at"), null=True, blank=True)
    # The analysis as computed (kept.py): language-free, every sentence is made when a page
    # shows it. Pickled like Django's own database cache; only Koers writes this table.
    analysis = models.BinaryField(null=True, editable=False, verbose_name=_("analysis"))
    # "p<project id>" -> what the project page says (kept.reading_data), read alone by that page.
    paths = models.JSONField(default=dict, editable=False, verbose_name=_("readings per project"))

    class Meta:
        verbose_name = _("kept analysis")
        verbose_name_plural = _("kept analyses")
        constraints = [
            models.UniqueConstraint(
                fields=["organisation", "settings_key", "data_version", "framework_version", "day"],
                name="kept_analysis_once_per_state",
            )
        ]

    def __str__(self) -> str:
        return f"{self.organisation_id}:{self.settings_key}:{self.data_version}:{self.day}"
