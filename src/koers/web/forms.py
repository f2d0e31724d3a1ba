"""How every form renders: the site's form renderer, set as FORM_RENDERER."""

from typing import Any

from django.forms.boundfield import BoundField
from django.forms.renderers import DjangoTemplates


class ServerValidatedBoundField(BoundField):
    """A field without the browser's `required` attribute: the browser would style an empty
    required field as invalid before anyone typed. The server validates and explains; the
    `widget` template tag marks required fields with aria-required instead."""

    def build_widget_attrs(self, attrs: Any, widget: Any = None) -> dict[str, Any]:
        built = super().build_widget_attrs(attrs, widget)
        built.pop("required", None)
        return built


class FormRenderer(DjangoTemplates):
    bound_field_class = ServerValidatedBoundField
