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
    title_nl = models.CharField(max_length=200)
    title_en = models.CharField(max_length=200)
    source_nl = models.TextField()
    source_en = models.TextField()
    is_active = models.BooleanField(_("active"), default=False)
    loaded_at = models.DateTimeField(auto_now_add=True)
    loaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    content_hash = models.CharField(max_length=64)

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

    def __str__(self) -> str:
        return f"{self.title_en} v{self.number}"


class Factor(models.Model):
    version = models.ForeignKey(FrameworkVersion, on_delete=models.CASCADE, related_name="factors")
    number = models.PositiveSmallIntegerField()
    key = models.SlugField(max_length=60)
    name_nl = models.CharField(max_length=120)
    name_en = models.CharField(max_length=120)
    explanation_nl = models.TextField()
    explanation_en = models.TextField()
    strong_nl = models.TextField()
    strong_en = models.TextField()
    weak_nl = models.TextField()
    weak_en = models.TextField()

    name = Translated()
    explanation = Translated()
    strong = Translated()
    weak = Translated()

    class Meta:
        ordering = ["version", "number"]
        constraints = [
            models.UniqueConstraint(fields=["version", "number"], name="factor_number_per_version"),
            models.UniqueConstraint(fields=["version", "key"], name="factor_key_per_version"),
        ]

    def __str__(self) -> str:
        return f"{self.number}. {self.name_en}"


class Indicator(models.Model):
    factor = models.ForeignKey(Factor, on_delete=models.CASCADE, related_name="indicators")
    key = models.CharField(max_length=80)
    position = models.PositiveSmallIntegerField()
    text_nl = models.TextField()
    text_en = models.TextField()
    is_quick = models.BooleanField(default=False)

    text = Translated()

    class Meta:
        ordering = ["factor__number", "position"]
        constraints = [
            models.UniqueConstraint(fields=["factor", "key"], name="indicator_key_per_factor")
        ]

    def __str__(self) -> str:
        return self.key


class ActionOption(models.Model):
    factor = models.ForeignKey(Factor, on_delete=models.CASCADE, related_name="options")
    key = models.CharField(max_length=80)
    position = models.PositiveSmallIntegerField()
    title_nl = models.CharField(max_length=200)
    title_en = models.CharField(max_length=200)
    description_nl = models.TextField()
    description_en = models.TextField()
    who_nl = models.CharField(max_length=200)
    who_en = models.CharField(max_length=200)
    effort = models.CharField(max_length=10, choices=Effort.choices)
    stages = models.JSONField(default=list)

    title = Translated()
    description = Translated()
    who = Translated()

    class Meta:
        ordering = ["factor__number", "position"]
        constraints = [
            models.UniqueConstraint(fields=["factor", "key"], name="option_key_per_factor")
        ]

    def __str__(self) -> str:
        return self.key
