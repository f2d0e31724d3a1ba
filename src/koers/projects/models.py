"""Projects: one data-driven innovation each, with its team and its stage events."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MinValueValidator
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from koers.guards.text import ESSAY, NOTE, TITLE, tidy_and_check
from koers.organisations.models import Organisation
from koers.translation import Translated

from . import lifecycle

Stage = models.TextChoices(
    "Stage", [(key.upper(), (key, label)) for key, label in lifecycle.STAGE_LABELS.items()]
)


class Domain(models.TextChoices):
    PHYSICAL = "physical", _("Physical domain")
    SOCIAL = "social", _("Social domain")
    SAFETY = "safety", _("Safety")
    OPERATIONS = "operations", _("Business operations")
    OTHER = "other", _("Other")


class Visibility(models.TextChoices):
    TEAM = "team", _("Team only")
    ORGANISATION = "organisation", _("Own organisation")
    NETWORK = "network", _("Network of participating organisations")
    PUBLIC = "public", _("Public")


class TeamRole(models.TextChoices):
    PROJECT_LEADER = "project_leader", _("Project leader")
    DOMAIN_EXPERT = "domain_expert", _("Domain expert")
    PROGRAMME_MANAGER = "programme_manager", _("Programme manager")
    DATA_SCIENTIST = "data_scientist", _("Data scientist or analyst")
    PRIVACY_OFFICER = "privacy_officer", _("Privacy officer")
    DEVELOPER = "developer", _("Developer")
    IT_ARCHITECT = "it_architect", _("IT / architecture")
    LEGAL = "legal", _("Legal adviser")
    COMMUNICATION = "communication", _("Communication adviser")
    END_USER = "end_user", _("End user")
    OTHER = "other", _("Other")


class Theme(models.Model):
    key = models.SlugField(unique=True, verbose_name=_("key"))
    name_nl = models.CharField(max_length=80, verbose_name=_("name (Dutch)"))
    name_en = models.CharField(max_length=80, verbose_name=_("name (English)"))
    name = Translated()

    class Meta:
        verbose_name = _("theme")
        verbose_name_plural = _("themes")
        ordering = ["key"]

    def __str__(self) -> str:
        return self.name_en


class Technique(models.Model):
    key = models.SlugField(unique=True, verbose_name=_("key"))
    name_nl = models.CharField(max_length=80, verbose_name=_("name (Dutch)"))
    name_en = models.CharField(max_length=80, verbose_name=_("name (English)"))
    name = Translated()

    class Meta:
        verbose_name = _("technique")
        verbose_name_plural = _("techniques")
        ordering = ["key"]

    def __str__(self) -> str:
        return self.name_en


REFERENCE_LENGTH = 100


class Project(models.Model):
    owner = models.ForeignKey(
        Organisation,
        on_delete=models.PROTECT,
        related_name="projects",
        verbose_name=_("owner organisation"),
    )
    title = models.CharField(_("title"), max_length=200)
    # The organisation's own number or code for the project (from the list it kept before
    # Koers); an import matches rows on it, so importing a list again updates, never doubles.
    reference = models.CharField(
        _("reference"),
        max_length=REFERENCE_LENGTH,
        blank=True,
        help_text=_("Your organisation's own number or code for this project."),
    )
    # Blank only for a project adopted from a study case, until its team describes its own
    # problem (the case says what was built, not what problem it answers here); the form
    # asks for it.
    problem = models.TextField(
        _("problem"),
        blank=True,
        help_text=_("Which question or problem does the project answer?"),
    )
    domain = models.CharField(_("domain"), max_length=20, choices=Domain.choices)
    themes = models.ManyToManyField(Theme, blank=True, verbose_name=_("themes"))
    techniques = models.ManyToManyField(Technique, blank=True, verbose_name=_("techniques"))
    data_sources = models.TextField(_("data sources"), blank=True)
    handles_personal_data = models.BooleanField(
        _("the project handles personal data"),
        default=False,
        help_text=_("Data about people who can be identified, directly or indirectly."),
    )
    # The manager who backs the project and gives it room (factor 2); from the owner.
    sponsor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="sponsored_projects",
        verbose_name=_("sponsor"),
        help_text=_("The manager who backs the project; someone of the organisation."),
    )
    visibility = models.CharField(
        _("visibility"), max_length=20, choices=Visibility.choices, default=Visibility.ORGANISATION
    )
    stage = models.CharField(
        _("stage"), max_length=20, choices=Stage.choices, default=lifecycle.IDEA
    )
    stage_since = models.DateField(_("in this stage since"))
    started_on = models.DateField(_("started on"), default=timezone.localdate)
    lessons_learned = models.TextField(
        _("lessons learned"),
        blank=True,
        help_text=_("What would you tell another municipality that starts on this?"),
    )
    share_scan = models.BooleanField(
        _("show the latest scan profile in the case library"), default=False
    )
    # Consent of the team: without it the library names the organisation, not the people.
    share_contact = models.BooleanField(
        _("show the project leaders as contact in the case library"),
        default=False,
        help_text=_(
            "Other organisations then see the project leaders' names and e-mail addresses on "
            "the library page, so they can ask how you got there."
        ),
    )
    last_scan = models.ForeignKey(
        "assessments.Scan",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("latest scan"),
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
        verbose_name=_("created by"),
    )
    created_at = models.DateTimeField(auto_now_add=True, verbose_name=_("created at"))
    updated_at = models.DateTimeField(auto_now=True, verbose_name=_("last changed"))
    # Optimistic lock: an edit names the version it started from.
    version = models.PositiveIntegerField(default=1, verbose_name=_("version"))
    is_demo = models.BooleanField(_("demo data"), default=False)
    # Archived projects leave the portfolio, the figures and the analysis; restorable.
    archived_at = models.DateTimeField(_("archived at"), null=True, blank=True)

    class Meta:
        ordering = ["-updated_at", "-id"]
        indexes = [models.Index(fields=["owner", "stage"]), models.Index(fields=["visibility"])]
        constraints = [
            models.UniqueConstraint(
                fields=["owner", "reference"],
                condition=~models.Q(reference=""),
                name="one_project_per_reference",
                violation_error_message=_(
                    "Another project of this organisation already has this reference."
                ),
            )
        ]
        verbose_name = _("project")
        verbose_name_plural = _("projects")

    def __str__(self) -> str:
        return self.title

    def clean(self) -> None:
        tidy_and_check(self, TEXT_LIMITS)

    @property
    def stage_label(self) -> str:
        return str(lifecycle.STAGE_LABELS[self.stage])

    @property
    def is_archived(self) -> bool:
        return self.archived_at is not None


# Every free text of a project, bounded (see koers.guards.text).
TEXT_LIMITS = {"title": TITLE, "problem": ESSAY, "data_sources": NOTE, "lessons_learned": ESSAY}


class ProjectMember(models.Model):
    project = models.ForeignKey(
        Project, on_delete=models.CASCADE, related_name="team", verbose_name=_("project")
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="project_roles",
        verbose_name=_("person"),
    )
    team_role = models.CharField(_("role in the team"), max_length=30, choices=TeamRole.choices)

    class Meta:
        verbose_name = _("team member")
        verbose_name_plural = _("team members")
        constraints = [
            models.UniqueConstraint(fields=["project", "user"], name="one_team_role_per_user")
        ]
        ordering = ["team_role", "id"]

    def __str__(self) -> str:
        return f"{self.user} ({self.team_role})"


class StageEvent(models.Model):
    project = models.ForeignKey(
        Project, on_delete=models.CASCADE, related_name="stage_events", verbose_name=_("project")
    )
    from_stage = models.CharField(
        max_length=20, choices=Stage.choices, blank=True, verbose_name=_("from stage")
    )
    to_stage = models.CharField(max_length=20, choices=Stage.choices, verbose_name=_("to stage"))
    on = models.DateField(_("date"))
    note = models.TextField(_("note"), blank=True)
    by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
        verbose_name=_("by"),
    )
    created_at = models.DateTimeField(auto_now_add=True, verbose_name=_("created at"))

    class Meta:
        verbose_name = _("stage move")
        verbose_name_plural = _("stage moves")
        ordering = ["on", "id"]

    def __str__(self) -> str:
        return f"{self.on} {self.to_stage}"

    @property
    def to_label(self) -> str:
        return str(lifecycle.STAGE_LABELS[self.to_stage])


class ProjectRecord(models.Model):
    """What a record of a project's story keeps besides its own fields (see records.py)."""

    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("created by"),
    )
    created_at = models.DateTimeField(auto_now_add=True, verbose_name=_("created at"))
    version = models.PositiveIntegerField(default=1, verbose_name=_("version"))

    class Meta:
        abstract = True


class BudgetLine(ProjectRecord):
    """Money for the project (factor 2): an amount from a source for a period."""

    project = models.ForeignKey(
        Project, on_delete=models.CASCADE, related_name="budget_lines", verbose_name=_("project")
    )
    amount = models.DecimalField(
        _("amount in euros"),
        max_digits=12,
        decimal_places=2,
        validators=[MinValueValidator(0, _("An amount cannot be negative."))],
    )
    source = models.CharField(
        _("source"),
        max_length=200,
        help_text=_("Where the money comes from, e.g. an innovation fund or the department."),
    )
    starts_on = models.DateField(_("from"))
    ends_on = models.DateField(_("until"))

    class Meta:
        ordering = ["starts_on", "id"]
        verbose_name = _("budget line")
        verbose_name_plural = _("budget lines")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(amount__gte=0), name="budget_amount_not_negative"
            ),
            models.CheckConstraint(
                condition=models.Q(ends_on__gte=models.F("starts_on")),
                name="budget_period_in_order",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.amount} ({self.source})"

    def clean(self) -> None:
        tidy_and_check(self, {"source": TITLE})
        if self.starts_on and self.ends_on and self.ends_on < self.starts_on:
            raise ValidationError({"ends_on": _("The end date cannot be before the start date.")})


class Mandate(ProjectRecord):
    """The room the project was given (factor 2): decided on a date, by whom, for what."""

    project = models.ForeignKey(
        Project, on_delete=models.CASCADE, related_name="mandates", verbose_name=_("project")
    )
    decided_on = models.DateField(_("decided on"))
    decided_by = models.CharField(
        _("decided by"),
        max_length=200,
        help_text=_("Who gave the mandate, e.g. the municipal executive or the CIO."),
    )
    scope = models.TextField(
        _("for what"), help_text=_("What the project may do, spend or decide on its own.")
    )

    class Meta:
        ordering = ["decided_on", "id"]
        verbose_name = _("mandate")
        verbose_name_plural = _("mandates")

    def __str__(self) -> str:
        return f"{self.decided_on} {self.decided_by}"

    def clean(self) -> None:
        tidy_and_check(self, {"decided_by": TITLE, "scope": NOTE})
