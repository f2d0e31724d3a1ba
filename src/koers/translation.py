"""Content stored in Dutch and English side by side (`name_nl`, `name_en`)."""

from typing import Any

from django.utils.translation import get_language


def current_language() -> str:
    return "en" if (get_language() or "nl").startswith("en") else "nl"


class Translated:
    """A read-only attribute that returns `<name>_en` or `<name>_nl` for the active language."""

    def __set_name__(self, owner: type, name: str) -> None:
        self.name = name

    def __get__(self, instance: Any, owner: type | None = None) -> Any:
        if instance is None:
            return self
        return getattr(instance, f"{self.name}_{current_language()}")
