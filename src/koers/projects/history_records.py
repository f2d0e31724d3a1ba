"""Sentences for the project's own records in its history: partners, budget lines, mandates
(recorded by koers.projects.records as "<kind>_added", "<kind>_changed", "<kind>_removed")."""

from decimal import Decimal, InvalidOperation
from typing import Any

from django.apps import apps
from django.utils import formats
from django.utils.translation import gettext as _

FIELD_LABELS = {
    "kind": lambda: _("the kind"),
    "organisation": lambda: _("the organisation"),
    "name": lambda: _("the name"),
    "brings": lambda: _("what it brings"),
    "starts_on": lambda: _("the period"),
    "ends_on": lambda: _("the period"),
    "note": lambda: _("the note"),
    "amount": lambda: _("the amount"),
    "source": lambda: _("the source"),
    "decided_on": lambda: _("the date"),
    "decided_by": lambda: _("who decided"),
    "scope": lambda: _("what it is for"),
}


def euros(value: Any) -> str:
    try:
        amount = Decimal(str(value))
    except InvalidOperation:
        return str(value)
    return "€\u00a0" + formats.number_format(
        amount, decimal_pos=2, use_l10n=True, force_grouping=True
    )


def _day(value: Any) -> str:
    from .history import _day as day

    return day(value)


def _fields(changes: dict[str, Any]) -> str:
    labels: list[str] = []
    for key in changes:
        label = FIELD_LABELS.get("brings" if key.startswith("brings_") else key)
        if label is not None and str(label()) not in labels:
            labels.append(str(label()))
    if not labels:
        return _("the details")
    if len(labels) == 1:
        return labels[0]
    return _("%(first)s and %(last)s") % {"first": ", ".join(labels[:-1]), "last": labels[-1]}


def _partner_kind(code: Any) -> str:
    field = apps.get_model("partners", "Partner")._meta.get_field("kind")
    return str(dict(field.choices).get(code, code)).lower()


def _partner(action: str, ch: dict[str, Any], name: str) -> str:
    if action == "added":
        return _("added %(name)s as partner: %(kind)s.") % {
            "name": name,
            "kind": _partner_kind(ch.get("kind")),
        }
    if action == "removed":
        return _("removed the partner %(name)s.") % {"name": name}
    return _("changed %(fields)s of the partner %(name)s.") % {
        "fields": _fields(ch),
        "name": name,
    }


def _budget(action: str, ch: dict[str, Any], source: str) -> str:
    values = {"source": source, "amount": euros(ch.get("amount"))}
    if action == "added":
        return _("added a budget line of %(amount)s from %(source)s (%(start)s – %(end)s).") % {
            **values,
            "start": _day(ch.get("starts_on")),
            "end": _day(ch.get("ends_on")),
        }
    if action == "removed":
        return _("removed the budget line of %(amount)s from %(source)s.") % values
    if isinstance(ch.get("amount"), list):
        old, new = ch["amount"]
        return _("changed the budget line from %(source)s: %(old)s became %(new)s.") % {
            **values,
            "old": euros(old),
            "new": euros(new),
        }
    return _("changed %(fields)s of the budget line from %(source)s.") % {
        **values,
        "fields": _fields(ch),
    }


def _mandate(action: str, ch: dict[str, Any], by: str) -> str:
    if action == "added":
        return _("recorded the mandate given by %(by)s on %(date)s.") % {
            "by": by,
            "date": _day(ch.get("decided_on")),
        }
    if action == "removed":
        return _("removed the mandate given by %(by)s.") % {"by": by}
    return _("changed %(fields)s of the mandate given by %(by)s.") % {
        "fields": _fields(ch),
        "by": by,
    }


LINES = {"partner": _partner, "budget": _budget, "mandate": _mandate}


def record_line(action: str, changes: dict[str, Any]) -> str | None:
    """The sentence for a record's change, or None when the action is not one of these."""
    kind, _sep, verb = action.rpartition("_")
    if kind not in LINES or verb not in ("added", "changed", "removed"):
        return None
    label = changes.get("label")
    if isinstance(label, list):
        label = label[-1]
    return LINES[kind](verb, changes, str(label or "–"))
