"""Small presentation helpers for templates."""

from typing import Any

from django import forms, template
from django.utils.formats import number_format
from django.utils.html import format_html_join

from koers.insights.qca_reading import literal_text, literals_text

register = template.Library()

WIDGET_CLASSES = {
    forms.TextInput: "utrecht-textbox utrecht-textbox--html-input",
    forms.EmailInput: "utrecht-textbox utrecht-textbox--html-input",
    forms.PasswordInput: "utrecht-textbox utrecht-textbox--html-input",
    forms.NumberInput: "utrecht-textbox utrecht-textbox--html-input",
    forms.DateInput: "utrecht-textbox utrecht-textbox--html-input koers-date",
    forms.Textarea: "utrecht-textarea utrecht-textarea--html-textarea",
    forms.Select: "utrecht-select utrecht-select--html-select",
    forms.SelectMultiple: "utrecht-select utrecht-select--html-select",
}


@register.filter
def is_choice_group(bound_field: Any) -> bool:
    """Radio buttons and checkbox lists get a fieldset with a legend."""
    return isinstance(bound_field.field.widget, (forms.RadioSelect, forms.CheckboxSelectMultiple))


@register.simple_tag
def widget(bound_field: Any) -> str:
    """Render the widget with NL Design System classes and the ARIA links to help and errors."""
    attrs: dict[str, str] = {}
    for cls, css in WIDGET_CLASSES.items():
        if type(bound_field.field.widget) is cls:
            attrs["class"] = css
    described = []
    if bound_field.help_text:
        described.append(f"{bound_field.auto_id}_help")
    if bound_field.errors:
        described.append(f"{bound_field.auto_id}_error")
        attrs["aria-invalid"] = "true"
    if described:
        attrs["aria-describedby"] = " ".join(described)
    if bound_field.field.required and not is_choice_group(bound_field):
        # aria-required, not required: the browser would mark empty fields invalid before
        # anyone typed; the server validates and explains.
        attrs["aria-required"] = "true"
    return bound_field.as_widget(attrs=attrs)


@register.filter
def score(value: float | None) -> str:
    return "–" if value is None else f"{value:.0f}"


@register.filter
def percent(value: float | None) -> str:
    return "–" if value is None else f"{value * 100:.0f}%"


@register.filter
def delta(current: float | None, previous: float | None) -> str:
    if current is None or previous is None:
        return ""
    diff = current - previous
    return f"{diff:+.0f}"


@register.simple_tag(takes_context=True)
def weakest_factor(context: Any, scan: Any) -> str:
    """'n. name' of a scan's weakest factor; factor names are looked up once per page."""
    from koers.assessments.models import weakest_factor_number
    from koers.framework.models import Factor

    number = weakest_factor_number(scan)
    if number is None:
        return ""
    names = context.get("_factor_names")
    if names is None:
        names = {f.number: f for f in Factor.objects.filter(version__is_active=True)}
        context.dicts[0]["_factor_names"] = names
    factor = names.get(number)
    return f"{number}. {factor.name}" if factor else str(number)


@register.filter
def dictget(mapping: dict[Any, Any], key: Any) -> Any:
    return mapping.get(key, [])


@register.filter
def get(mapping: dict[Any, Any] | None, key: Any) -> Any:
    return (mapping or {}).get(key)


@register.filter
def heat(value: float | None) -> str:
    """A colour band for a 0-100 score; text stays dark on every band for contrast."""
    if value is None:
        return "koers-heat--none"
    return f"koers-heat--{min(4, int(value // 20))}"


@register.filter
def attr_name(obj: Any) -> str:
    return str(getattr(obj, "name", "")) if obj is not None else ""


@register.filter
def share(part: int, whole: int) -> str:
    return f"{part / whole:.0%}" if whole else "–"


@register.filter
def combination(literals: list[Any]) -> str:
    """Factors of an analysis path in words: strong “A” and weak “B”."""
    return literals_text(literals)


@register.filter
def fit(value: float | None) -> str:
    return "–" if value is None else number_format(value, 2)


@register.filter
def literal(lit: Any) -> str:
    return literal_text(lit)


@register.filter
def heat_cells(scores: list[float | None]) -> str:
    """A heatmap row's cells at once: the portfolio of 500 projects renders 4,500 of them,
    which per-cell template tags made the slowest part of the dashboard."""
    return format_html_join(
        "",
        '<td class="utrecht-table__cell koers-num {}">{}</td>',
        ((heat(s), score(s)) for s in scores),
    )
