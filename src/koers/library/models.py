"""The case library: the study's cases as reference records, and adoptions of cases."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from koers.organisations.models import Organisation
from koers.projects.models import Domain, Project, Stage, Technique, Theme
from koers.translation import Translated


class ReferenceCase(models.Model):
    """A case from the study: what was built and how far it got. Never scored."""

    key = models.SlugField(unique=True)
    title_nl = models.CharField(max_length=200)
    title_en = models.CharField(max_length=200)
    organisation_name = models.CharField(max_length=200, blank=True)
    organisation = models.ForeignKey(
        Organisation, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    domain = models.CharField(max_length=20, choices=Domain.choices)
    themes = models.ManyToManyField(Theme, blank=True)
    techniques = models.ManyToManyField(Technique, blank=True)
    summary_nl = models.TextField()
    summary_en = models.TextField()
    stage_reached = models.CharField(max_length=20, choices=Stage.choices)
    source_nl = models.TextField()
    source_en = models.TextField()

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

    project = models.OneToOneField(Project, on_delete=models.CASCADE, related_name="adoption")
    original_project = models.ForeignKey(
        Project, on_delete=models.SET_NULL, null=True, blank=True, related_name="adoptions"
    )
    original_case = models.ForeignKey(
        ReferenceCase, on_delete=models.SET_NULL, null=True, blank=True, related_name="adoptions"
    )
    adopter = models.ForeignKey(Organisation, on_delete=models.CASCADE, related_name="adoptions")
    by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    at = models.DateTimeField(auto_now_add=True)

    class Meta:
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
