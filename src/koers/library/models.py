"""The case library: the study's cases as reference records, and adoptions of cases."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from koers.organisations.models import Organisation
from koers.projects.models import Domain, Project, Stage, Technique, Theme
from koers.translation import Translated


class ReferenceCase(models.Model):
    """A case from the study: what was built and how far it got. Never scored."""

    key = models.SlugField(unique=True, verbose_name=_("key"))
    title_nl = models.CharField(max_length=200, verbose_name=_("title (Dutch)"))
    title_en = models.CharField(max_length=200, verbose_name=_("title (English)"))
    organisation_name = models.CharField(
        max_length=200, blank=True, verbose_name=_("organisation name")
    )
    organisation = models.ForeignKey(
        Organisation,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("organisation"),
    )
    domain = models.CharField(max_length=20, choices=Domain.choices, verbose_name=_("domain"))
    themes = models.ManyToManyField(Theme, blank=True, verbose_name=_("themes"))
    techniques = models.ManyToManyField(Technique, blank=True, verbose_name=_("techniques"))
    summary_nl = models.TextField(verbose_name=_("what was built (Dutch)"))
    summary_en = models.TextField(verbose_name=_("what was built (English)"))
    stage_reached = models.CharField(
        max_length=20, choices=Stage.choices, verbose_name=_("stage reached")
    )
    source_nl = models.TextField(verbose_name=_("source (Dutch)"))
    source_en = models.TextField(verbose_name=_("source (English)"))

    title = Translated()
    summary = Translated()
    source = Translated()

    class Meta:
        ordering = ["title_nl"]
        verbose_name = _("study case")
        verbose_name_plural = _("study cases")

    def __str__(self) -> str:
        return self.title_nl


class Adoption(models.Model):
    """Organisation X adopted case Y: the adopting project is linked to what it came from."""

    project = models.OneToOneField(
        Project,
        on_delete=models.CASCADE,
        related_name="adoption",
        verbose_name=_("adopting project"),
    )
    original_project = models.ForeignKey(
        Project,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="adoptions",
        verbose_name=_("original project"),
    )
    original_case = models.ForeignKey(
        ReferenceCase,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="adoptions",
        verbose_name=_("original study case"),
    )
    adopter = models.ForeignKey(
        Organisation,
        on_delete=models.PROTECT,
        related_name="adoptions",
        verbose_name=_("adopting organisation"),
    )
    by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
        verbose_name=_("by"),
    )
    at = models.DateTimeField(auto_now_add=True, verbose_name=_("at"))

    class Meta:
        verbose_name = _("adoption")
        verbose_name_plural = _("adoptions")
        ordering = ["-at"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(original_project__isnull=False)
                | models.Q(original_case__isnull=False),
                name="adoption_has_an_original",
            )
        ]

    def __str__(self) -> str:
        return f"{self.adopter} adopted {self.original_project or self.original_case}"
