"""Template filters for evidence beside opinion and the records that show an action done."""

from typing import Any

from django import template

from koers.actions.evidence_links import kind_label, kind_of, record_label

register = template.Library()


@register.filter
def evidence_label(record: Any) -> str:
    """'step “Try the model on one district”': the kind in words and the record's name."""
    kind = kind_of(record)
    return f"{kind_label(kind)} “{record_label(record)}”" if kind else record_label(record)
