"""Parts of pages made once per change of the data and kept in the shared cache.

Only parts that every reader of the page sees alike are kept (the portfolio dashboard's
figures, the same for every coordinator of the organisation); the page around them (menu,
the person's name, forms with their CSRF token) is made for each request. The key holds the
organisation's stamp (`koers.audit.stamps`, read before the data), the language, the day and
every request parameter the part reads.
"""

import hashlib
from collections.abc import Callable

from django.core.cache import cache
from django.utils import timezone
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import get_language

# The key changes with every change of the data; a day bounds one that went unnoticed.
KEEP_SECONDS = 24 * 3600


def kept_part(name: str, *, stamp: str, parts: list[object], make: Callable[[], str]) -> SafeString:
    """The HTML `make()` gives, kept under `name`, the stamp and `parts`."""
    inputs = [stamp, get_language(), timezone.localdate().isoformat(), *parts]
    digest = hashlib.sha256(repr(inputs).encode()).hexdigest()[:32]
    key = f"koers:part:{name}:{digest}"
    html = cache.get(key)
    if html is None:
        html = str(make())
        cache.set(key, html, KEEP_SECONDS)
    return mark_safe(html)  # noqa: S308 (rendered by our own templates, which escape)
