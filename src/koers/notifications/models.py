"""Notices (in-app and by e-mail), the e-mails that carry them, and each person's choices.

A notice is made once: its key (kind, subject, recipient, period) is unique, so deriving the
same notice again changes nothing. A mail is the unit that is sent and locked; a notice
points at the mail that carried it, so what was sent to whom is on record."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class NoticeKind(models.TextChoices):
    SCAN_INVITED = "scan_invited", _("You are invited to answer a scan")
    SCAN_UNANSWERED = "scan_unanswered", _("A scan still waits for your answers")
    ACTION_DUE = "action_due", _("An action of yours is due within a week")
    ACTION_OVERDUE = "action_overdue", _("An action of yours is overdue")
    STAGE_CHANGED = "stage_changed", _("A project you are in moved to another stage")
    PROJECT_ADOPTED = "project_adopted", _("Your project was adopted by another organisation")
    COORDINATOR_DIGEST = "coordinator_digest", _("Weekly overview for coordinators")
    QUESTION_CHANGED = "question_changed", _("A question you asked changed status")


class Delivery(models.TextChoices):
    IMMEDIATELY = "immediately", _("Immediately")
    WEEKLY = "weekly", _("Once a week")
    OFF = "off", _("Off")


class Unmailed(models.TextChoices):
    """Why a notice will never be mailed (empty: it was mailed, or still may be)."""

    NONE = "", ""
    OFF = "off", _("Turned off")
    NO_ADDRESS = "no_address", _("No e-mail address")
    NOT_VISIBLE = "not_visible", _("The project is no longer visible to them")


class MailBundle(models.TextChoices):
    IMMEDIATE = "immediate", _("Immediately")
    WEEKLY = "weekly", _("Weekly")


class MailStatus(models.TextChoices):
    QUEUED = "queued", _("Queued")
    SENT = "sent", _("Sent")


class Mail(models.Model):
    """One e-mail to one person, carrying one or more notices. Queued until a mail server
    accepts it; a failed attempt leaves it queued for the next run."""

    recipient = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="+",
        verbose_name=_("recipient"),
    )
    bundle = models.CharField(max_length=10, choices=MailBundle.choices, verbose_name=_("bundle"))
    # The ISO week of a weekly mail ("2026-W49"); empty for immediate mails.
    period = models.CharField(max_length=10, blank=True, verbose_name=_("period"))
    status = models.CharField(
        max_length=10,
        choices=MailStatus.choices,
        default=MailStatus.QUEUED,
        verbose_name=_("status"),
    )
    created_at = models.DateTimeField(verbose_name=_("created at"))
    attempts = models.PositiveIntegerField(default=0, verbose_name=_("attempts"))
    last_error = models.CharField(max_length=300, blank=True, verbose_name=_("last error"))
    # A run claims mails before it sends them, so that overlapping runs never send one twice.
    claimed_by = models.CharField(max_length=36, blank=True, verbose_name=_("claimed by run"))
    claimed_at = models.DateTimeField(null=True, blank=True, verbose_name=_("claimed at"))
    sent_at = models.DateTimeField(null=True, blank=True, verbose_name=_("sent at"))
    address = models.EmailField(blank=True, verbose_name=_("e-mail address"))
    subject = models.CharField(max_length=200, blank=True, verbose_name=_("subject line"))

    class Meta:
        ordering = ["-created_at", "-id"]
        constraints = [
            models.UniqueConstraint(
                fields=["recipient", "period"],
                condition=models.Q(bundle="weekly"),
                name="one_weekly_mail_per_person",
            )
        ]
        indexes = [models.Index(fields=["status", "claimed_by"])]
        verbose_name = _("e-mail")
        verbose_name_plural = _("e-mails")

    def __str__(self) -> str:
        return f"{self.bundle} mail to {self.recipient_id} ({self.status})"


class Notice(models.Model):
    recipient = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="notices",
        verbose_name=_("recipient"),
    )
    kind = models.CharField(max_length=30, choices=NoticeKind.choices, verbose_name=_("kind"))
    # What the notice is about ("action:12") and for when ("overdue:2026-11-30", "2026-W49").
    subject = models.CharField(max_length=60, verbose_name=_("about"))
    period = models.CharField(max_length=30, blank=True, verbose_name=_("period"))
    project = models.ForeignKey(
        "projects.Project",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("project"),
    )
    # What the text needs, as it was when the notice was made (titles, dates, names).
    data = models.JSONField(default=dict, verbose_name=_("data for the text"))
    created_at = models.DateTimeField(verbose_name=_("created at"))
    read_at = models.DateTimeField(null=True, blank=True, verbose_name=_("read at"))
    mail = models.ForeignKey(
        Mail,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="notices",
        verbose_name=_("e-mail"),
    )
    unmailed = models.CharField(
        max_length=12, choices=Unmailed.choices, blank=True, verbose_name=_("why not mailed")
    )

    class Meta:
        ordering = ["-created_at", "-id"]
        constraints = [
            models.UniqueConstraint(
                fields=["kind", "subject", "recipient", "period"], name="one_notice_per_key"
            )
        ]
        indexes = [
            models.Index(fields=["recipient", "read_at"]),
            models.Index(fields=["mail", "unmailed"]),
        ]
        verbose_name = _("notice")
        verbose_name_plural = _("notices")

    def __str__(self) -> str:
        return f"{self.kind} {self.subject} → {self.recipient_id}"


class Preference(models.Model):
    """How one person wants one kind of notice; no row means the kind's default."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="notice_preferences",
        verbose_name=_("person"),
    )
    kind = models.CharField(max_length=30, choices=NoticeKind.choices, verbose_name=_("kind"))
    delivery = models.CharField(max_length=12, choices=Delivery.choices, verbose_name=_("delivery"))

    class Meta:
        verbose_name = _("notice preference")
        verbose_name_plural = _("notice preferences")
        constraints = [
            models.UniqueConstraint(fields=["user", "kind"], name="one_preference_per_kind")
        ]

    def __str__(self) -> str:
        return f"{self.user_id} {self.kind}: {self.delivery}"


class MailSettings(models.Model):
    """The language a person reads their mails in (pages follow the language switch)."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="mail_settings",
        verbose_name=_("person"),
    )
    language = models.CharField(
        max_length=5,
        choices=settings.LANGUAGES,
        default="nl",
        verbose_name=_("language of the mails"),
    )

    class Meta:
        verbose_name = _("mail setting")
        verbose_name_plural = _("mail settings")

    def __str__(self) -> str:
        return f"{self.user_id}: {self.language}"
