"""The nine-factor framework as versioned data: factors, indicators, options for action."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from koers.translation import Translated


class Effort(models.TextChoices):
    SMALL = "small", _("hours")
    MEDIUM = "medium", _("days")
    LARGE = "large", _("weeks")


class FrameworkVersion(models.Model):
    number = models.PositiveIntegerField(_("version"), unique=True)
    title_nl = models.CharField(max_length=200, verbose_name=_("title (Dutch)"))
    title_en = models.CharField(max_length=200, verbose_name=_("title (English)"))
    source_nl = models.TextField(verbose_name=_("source (Dutch)"))
    source_en = models.TextField(verbose_name=_("source (English)"))
    is_active = models.BooleanField(_("active"), default=False)
    loaded_at = models.DateTimeField(auto_now_add=True, verbose_name=_("loaded at"))
    loaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("loaded by"),
    )
    content_hash = models.CharField(max_length=64, verbose_name=_("content hash"))

    title = Translated()
    source = Translated()

    class Meta:
        ordering = ["-number"]
        constraints = [
            models.UniqueConstraint(
                fields=["is_active"],
                condition=models.Q(is_active=True),
                name="one_active_framework",
            )
        ]
        verbose_name = _("framework version")
        verbose_name_plural = _("framework versions")

    def __str__(self) -> str:
        return f"{self.title_en} v{self.number}"


class Factor(models.Model):
    version = models.ForeignKey(
        FrameworkVersion,
        on_delete=models.CASCADE,
        related_name="factors",
        verbose_name=_("framework version"),
    )
    number = models.PositiveSmallIntegerField(verbose_name=_("number"))
    key = models.SlugField(max_length=60, verbose_name=_("key"))
    name_nl = models.CharField(max_length=120, verbose_name=_("name (Dutch)"))
    name_en = models.CharField(max_length=120, verbose_name=_("name (English)"))
    explanation_nl = models.TextField(verbose_name=_("explanation (Dutch)"))
    explanation_en = models.TextField(verbose_name=_("explanation (English)"))
    strong_nl = models.TextField(verbose_name=_("when strong (Dutch)"))
    strong_en = models.TextField(verbose_name=_("when strong (English)"))
    weak_nl = models.TextField(verbose_name=_("when weak (Dutch)"))
    weak_en = models.TextField(verbose_name=_("when weak (English)"))

    name = Translated()
    explanation = Translated()
    strong = Translated()
    weak = Translated()

    class Meta:
        verbose_name = _("factor")
        verbose_name_plural = _("factors")
        ordering = ["version", "number"]
        constraints = [
            models.UniqueConstraint(fields=["version", "number"], name="factor_number_per_version"),
            models.UniqueConstraint(fields=["version", "key"], name="factor_key_per_version"),
        ]

    def __str__(self) -> str:
        return f"{self.number}. {self.name_en}"


class Indicator(models.Model):
    factor = models.ForeignKey(
        Factor, on_delete=models.CASCADE, related_name="indicators", verbose_name=_("factor")
    )
    key = models.CharField(max_length=80, verbose_name=_("key"))
    position = models.PositiveSmallIntegerField(verbose_name=_("position"))
    text_nl = models.TextField(verbose_name=_("text (Dutch)"))
    text_en = models.TextField(verbose_name=_("text (English)"))
    is_quick = models.BooleanField(default=False, verbose_name=_("in the quickscan"))

    text = Translated()

    class Meta:
        verbose_name = _("statement")
        verbose_name_plural = _("statements")
        ordering = ["factor__number", "position"]
        constraints = [
            models.UniqueConstraint(fields=["factor", "key"], name="indicator_key_per_factor")
        ]

    def __str__(self) -> str:
        return self.key


class ActionOption(models.Model):
    factor = models.ForeignKey(
        Factor, on_delete=models.CASCADE, related_name="options", verbose_name=_("factor")
    )
    key = models.CharField(max_length=80, verbose_name=_("key"))
    position = models.PositiveSmallIntegerField(verbose_name=_("position"))
    title_nl = models.CharField(max_length=200, verbose_name=_("title (Dutch)"))
    title_en = models.CharField(max_length=200, verbose_name=_("title (English)"))
    description_nl = models.TextField(verbose_name=_("description (Dutch)"))
    description_en = models.TextField(verbose_name=_("description (English)"))
    who_nl = models.CharField(max_length=200, verbose_name=_("who (Dutch)"))
    who_en = models.CharField(max_length=200, verbose_name=_("who (English)"))
    effort = models.CharField(max_length=10, choices=Effort.choices, verbose_name=_("effort"))
    stages = models.JSONField(default=list, verbose_name=_("stages"))

    title = Translated()
    description = Translated()
    who = Translated()

    class Meta:
        verbose_name = _("option for action")
        verbose_name_plural = _("options for action")
        ordering = ["factor__number", "position"]
        constraints = [
            models.UniqueConstraint(fields=["factor", "key"], name="option_key_per_factor")
        ]

    def __str__(self) -> str:
        return self.key
