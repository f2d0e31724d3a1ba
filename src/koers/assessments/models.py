"""Scans: a project assessed by its team against one framework version."""

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from koers.framework.models import Factor, FrameworkVersion, Indicator
from koers.projects.models import Project


class ScanKind(models.TextChoices):
    FULL = "full", _("Full scan")
    QUICK = "quick", _("Quickscan (nine statements)")


class Scan(models.Model):
    project = models.ForeignKey(
        Project, on_delete=models.CASCADE, related_name="scans", verbose_name=_("project")
    )
    framework_version = models.ForeignKey(
        FrameworkVersion,
        on_delete=models.PROTECT,
        related_name="scans",
        verbose_name=_("framework version"),
    )
    kind = models.CharField(
        _("kind"), max_length=10, choices=ScanKind.choices, default=ScanKind.FULL
    )
    opened_on = models.DateField(_("date"))
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
        verbose_name=_("created by"),
    )
    created_at = models.DateTimeField(auto_now_add=True, verbose_name=_("created at"))
    submitted_count = models.PositiveSmallIntegerField(
        default=0, verbose_name=_("submitted responses")
    )
    # A closed scan's answers are frozen and its result final; reopening clears these.
    closed_at = models.DateTimeField(_("closed at"), null=True, blank=True)
    closed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("closed by"),
    )

    class Meta:
        verbose_name = _("scan")
        verbose_name_plural = _("scans")
        ordering = ["-opened_on", "-id"]
        get_latest_by = ["opened_on", "id"]

    def __str__(self) -> str:
        return f"{self.project} {self.opened_on} ({self.kind})"

    @property
    def is_closed(self) -> bool:
        return self.closed_at is not None


class Response(models.Model):
    """One respondent's answers to a scan: a draft until submitted."""

    scan = models.ForeignKey(
        Scan, on_delete=models.CASCADE, related_name="responses", verbose_name=_("scan")
    )
    respondent = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="scan_responses",
        verbose_name=_("respondent"),
    )
    submitted_at = models.DateTimeField(null=True, blank=True, verbose_name=_("submitted at"))
    updated_at = models.DateTimeField(auto_now=True, verbose_name=_("last changed"))
    version = models.PositiveIntegerField(default=1, verbose_name=_("version"))

    class Meta:
        verbose_name = _("response")
        verbose_name_plural = _("responses")
        constraints = [
            models.UniqueConstraint(fields=["scan", "respondent"], name="one_response_per_person")
        ]

    def __str__(self) -> str:
        return f"{self.respondent} on scan {self.scan_id}"


# What the five points of the scale say; the answer form shows the ends, exports name each.
ANSWER_LABELS = {
    1: _("1 – not at all true"),
    2: _("2 – mostly not true"),
    3: _("3 – partly true"),
    4: _("4 – mostly true"),
    5: _("5 – fully true"),
    None: _("don't know"),
}


def answer_label(value: int | None) -> str:
    return str(ANSWER_LABELS.get(value, value))


class Answer(models.Model):
    response = models.ForeignKey(
        Response, on_delete=models.CASCADE, related_name="answers", verbose_name=_("response")
    )
    indicator = models.ForeignKey(
        Indicator, on_delete=models.PROTECT, related_name="+", verbose_name=_("statement")
    )
    # None means "don't know" (or, with not_applicable, "does not apply"): never a score.
    value = models.PositiveSmallIntegerField(
        null=True,
        blank=True,
        validators=[MinValueValidator(1), MaxValueValidator(5)],
        verbose_name=_("answer on the scale"),
    )
    # The statement does not apply to this project: answered, yet no score and no gap.
    not_applicable = models.BooleanField(default=False, verbose_name=_("does not apply"))

    class Meta:
        verbose_name = _("answer")
        verbose_name_plural = _("answers")
        constraints = [
            models.UniqueConstraint(
                fields=["response", "indicator"], name="one_answer_per_indicator"
            ),
            models.CheckConstraint(
                condition=models.Q(not_applicable=False) | models.Q(value__isnull=True),
                name="not_applicable_has_no_value",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.indicator_id}: {self.value}"


class FactorNote(models.Model):
    """A respondent's evidence note on one factor."""

    response = models.ForeignKey(
        Response, on_delete=models.CASCADE, related_name="notes", verbose_name=_("response")
    )
    factor = models.ForeignKey(
        Factor, on_delete=models.PROTECT, related_name="+", verbose_name=_("factor")
    )
    text = models.TextField(max_length=2000, verbose_name=_("text"))

    class Meta:
        verbose_name = _("evidence note")
        verbose_name_plural = _("evidence notes")
        constraints = [
            models.UniqueConstraint(fields=["response", "factor"], name="one_note_per_factor")
        ]

    def __str__(self) -> str:
        return self.text[:50]


class FactorScore(models.Model):
    """A scan's result per factor, recomputed whenever a response is submitted."""

    scan = models.ForeignKey(
        Scan, on_delete=models.CASCADE, related_name="factor_scores", verbose_name=_("scan")
    )
    factor = models.ForeignKey(
        Factor, on_delete=models.PROTECT, related_name="+", verbose_name=_("factor")
    )
    factor_number = models.PositiveSmallIntegerField(verbose_name=_("factor number"))
    score = models.FloatField(null=True, verbose_name=_("score"))
    completeness = models.FloatField(verbose_name=_("completeness"))
    spread = models.FloatField(null=True, verbose_name=_("spread"))
    score_range = models.FloatField(null=True, verbose_name=_("range of the scores"))
    respondents = models.PositiveSmallIntegerField(verbose_name=_("respondents"))
    disagreement = models.BooleanField(default=False, verbose_name=_("team disagrees"))

    class Meta:
        verbose_name = _("factor score")
        verbose_name_plural = _("factor scores")
        ordering = ["factor_number"]
        constraints = [
            models.UniqueConstraint(fields=["scan", "factor"], name="one_score_per_factor")
        ]

    def __str__(self) -> str:
        return f"factor {self.factor_number}: {self.score}"


def weakest_factor_number(scan: Scan | None) -> int | None:
    """The lowest-scoring factor of a scan, from its (prefetched) factor scores."""
    if scan is None:
        return None
    scored = [(s.score, s.factor_number) for s in scan.factor_scores.all() if s.score is not None]
    return min(scored)[1] if scored else None
