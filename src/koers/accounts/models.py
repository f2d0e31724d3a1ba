"""Invitations: a single-use, expiring link that brings someone into an organisation, and
optionally into a project team and one of its scans. Only a hash of the link's token is kept."""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from koers.organisations.models import Organisation, Role
from koers.projects.models import Project, TeamRole


class InvitationStatus(models.TextChoices):
    PENDING = "pending", _("Pending")
    ACCEPTED = "accepted", _("Accepted")
    REVOKED = "revoked", _("Revoked")


class Invitation(models.Model):
    email = models.EmailField(_("e-mail address"))
    name = models.CharField(_("name"), max_length=150, blank=True)
    organisation = models.ForeignKey(
        Organisation,
        on_delete=models.CASCADE,
        related_name="invitations",
        verbose_name=_("organisation"),
    )
    role = models.CharField(_("role"), max_length=20, choices=Role.choices, default=Role.MEMBER)
    project = models.ForeignKey(
        Project,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="invitations",
        verbose_name=_("project"),
    )
    team_role = models.CharField(
        _("role in the team"), max_length=30, choices=TeamRole.choices, blank=True
    )
    scan = models.ForeignKey(
        "assessments.Scan",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="invitations",
        verbose_name=_("scan"),
    )
    # sha256 of the token in the link; the token itself is never stored.
    token_hash = models.CharField(
        max_length=64, unique=True, verbose_name=_("hash of the link's token")
    )
    status = models.CharField(
        max_length=10,
        choices=InvitationStatus.choices,
        default=InvitationStatus.PENDING,
        verbose_name=_("status"),
    )
    invited_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
        verbose_name=_("invited by"),
    )
    created_at = models.DateTimeField(default=timezone.now, verbose_name=_("created at"))
    expires_at = models.DateTimeField(verbose_name=_("expires at"))
    # Set when a mail server took the message; empty means "not sent yet, resend".
    sent_at = models.DateTimeField(null=True, blank=True, verbose_name=_("sent at"))
    send_count = models.PositiveSmallIntegerField(default=0, verbose_name=_("times sent"))
    accepted_at = models.DateTimeField(null=True, blank=True, verbose_name=_("accepted at"))
    accepted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("accepted by"),
    )
    revoked_at = models.DateTimeField(null=True, blank=True, verbose_name=_("revoked at"))

    class Meta:
        ordering = ["-created_at", "-id"]
        indexes = [
            models.Index(fields=["organisation", "status"]),
            models.Index(fields=["invited_by", "status"]),
        ]
        verbose_name = _("invitation")
        verbose_name_plural = _("invitations")

    def __str__(self) -> str:
        return f"{self.email} → {self.organisation} ({self.role})"

    @property
    def is_expired(self) -> bool:
        return self.status == InvitationStatus.PENDING and self.expires_at <= timezone.now()

    @property
    def is_open(self) -> bool:
        """Pending and not expired: the link still works."""
        return self.status == InvitationStatus.PENDING and not self.is_expired

    @property
    def state(self) -> str:
        return "expired" if self.is_expired else self.status

    @property
    def state_label(self) -> str:
        if self.is_expired:
            return str(_("Expired"))
        return str(self.get_status_display())


class IdentityGroup(models.Model):
    """An identity-provider group that gives its members a role in an organisation when they
    sign in through OpenID Connect."""

    organisation = models.ForeignKey(
        Organisation,
        on_delete=models.CASCADE,
        related_name="identity_groups",
        verbose_name=_("organisation"),
    )
    group = models.CharField(_("group in the identity provider"), max_length=200)
    role = models.CharField(_("role"), max_length=20, choices=Role.choices, default=Role.MEMBER)
    created_at = models.DateTimeField(default=timezone.now, verbose_name=_("created at"))

    class Meta:
        ordering = ["group", "id"]
        constraints = [
            models.UniqueConstraint(fields=["organisation", "group"], name="one_mapping_per_group")
        ]
        verbose_name = _("identity-provider group")
        verbose_name_plural = _("identity-provider groups")

    def __str__(self) -> str:
        return f"{self.group} → {self.organisation} ({self.role})"
