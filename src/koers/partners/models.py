"""A project's partners: suppliers from the market (factor 6) and partners in its network or
chain (factor 7), what each brings and from when to when."""

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _

from koers.guards.text import NOTE, TITLE, tidy_and_check
from koers.organisations.models import Organisation
from koers.projects.models import Project, ProjectRecord


class PartnerKind(models.TextChoices):
    SUPPLIER = "supplier", _("Supplier (market)")
    MUNICIPALITY = "municipality", _("Other municipality")
    CHAIN_PARTNER = "chain_partner", _("Chain partner")
    KNOWLEDGE_INSTITUTION = "knowledge_institution", _("Knowledge institution")
    CITIZENS_ORGANISATION = "citizens_organisation", _("Citizens' organisation")


# Factor 6 is the market; every other kind is the network or chain of factor 7.
NETWORK_KINDS = tuple(k for k in PartnerKind.values if k != PartnerKind.SUPPLIER)

# What a partner brings, each a field of its own so that "suppliers bringing knowledge"
# is a plain filter on every database.
CONTRIBUTIONS = {
    "technology": _("Technology"),
    "knowledge": _("Knowledge"),
    "data": _("Data"),
    "money": _("Money"),
    "people": _("People"),
}


class Partner(ProjectRecord):
    project = models.ForeignKey(
        Project, on_delete=models.CASCADE, related_name="partners", verbose_name=_("project")
    )
    kind = models.CharField(_("kind of partner"), max_length=30, choices=PartnerKind.choices)
    # A partner that is an organisation in Koers is linked to it; otherwise it has a name.
    organisation = models.ForeignKey(
        Organisation,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="partnerships",
        verbose_name=_("organisation in Koers"),
    )
    name = models.CharField(_("name"), max_length=200, blank=True)
    brings_technology = models.BooleanField(_("brings technology"), default=False)
    brings_knowledge = models.BooleanField(_("brings knowledge"), default=False)
    brings_data = models.BooleanField(_("brings data"), default=False)
    brings_money = models.BooleanField(_("brings money"), default=False)
    brings_people = models.BooleanField(_("brings people"), default=False)
    starts_on = models.DateField(_("from"))
    ends_on = models.DateField(_("until"), null=True, blank=True)
    note = models.TextField(
        _("note"), blank=True, help_text=_("What the partner did, and what you learned from it.")
    )
    updated_at = models.DateTimeField(auto_now=True, verbose_name=_("last changed"))

    class Meta:
        ordering = ["kind", "starts_on", "id"]
        verbose_name = _("partner")
        verbose_name_plural = _("partners")
        indexes = [models.Index(fields=["project", "kind"])]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(organisation__isnull=False) | ~models.Q(name=""),
                name="partner_is_named",
            ),
            models.CheckConstraint(
                condition=models.Q(ends_on__isnull=True)
                | models.Q(ends_on__gte=models.F("starts_on")),
                name="partner_period_in_order",
            ),
        ]

    def __str__(self) -> str:
        return self.display_name

    @property
    def display_name(self) -> str:
        return self.organisation.name if self.organisation_id else self.name

    @property
    def is_supplier(self) -> bool:
        return self.kind == PartnerKind.SUPPLIER

    @property
    def brings(self) -> list[str]:
        """The codes of what the partner brings, in the order of CONTRIBUTIONS."""
        return [code for code in CONTRIBUTIONS if getattr(self, f"brings_{code}")]

    @property
    def brings_labels(self) -> list[str]:
        return [str(CONTRIBUTIONS[code]) for code in self.brings]

    def clean(self) -> None:
        tidy_and_check(self, {"name": TITLE, "note": NOTE})
        self.name = self.name.strip()
        errors = {}
        if not self.organisation_id and not self.name:
            errors["name"] = _("Choose an organisation in Koers or give the partner's name.")
        if not self.brings:
            errors["brings"] = _("Say what the partner brings: at least one of the list.")
        if self.starts_on and self.ends_on and self.ends_on < self.starts_on:
            errors["ends_on"] = _("The end date cannot be before the start date.")
        if errors:
            raise ValidationError(errors)
