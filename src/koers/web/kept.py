"""Parts of pages made once per change of the data and kept in the shared cache.

Only parts that every reader of the page sees alike are kept (the portfolio dashboard's
figures, the same for every coordinator of the organisation); the page around them (menu,
the person's name, forms with their CSRF token) is made for each request. The key holds the
organisation's stamp (`koers.audit.stamps`, read before the data), the release, the language,
the day and every request parameter the part reads.
"""

import functools
import hashlib
import os
from collections.abc import Callable
from pathlib import Path

from django.core.cache import cache
from django.utils import timezone
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import get_language

# The key changes with every change of the data; a day bounds one that went unnoticed.
KEEP_SECONDS = 24 * 3600


@functools.cache
def release() -> str:
    """This release's code and templates, read once per process: a new release never shows
    a part an older one kept (a fixed template takes effect at once)."""
    root = Path(__file__).resolve().parent.parent  # the koers package
    digest = hashlib.sha256()
    for folder, dirs, files in os.walk(root):
        dirs.sort()
        for name in sorted(files):
            if name.endswith((".py", ".html", ".mo", ".css", ".json")):
                stat = (Path(folder) / name).stat()
                digest.update(f"{folder}/{name}:{stat.st_size}:{stat.st_mtime_ns}".encode())
    return digest.hexdigest()[:16]


def kept_part(
    name: str, *, stamp: str, parts: list[object], make: Callable[[], str | None]
) -> SafeString | None:
    """The HTML `make()` gives, kept under `name`, the stamp and `parts`; None (not kept)
    when `make()` has nothing yet."""
    inputs = [release(), stamp, get_language(), timezone.localdate().isoformat(), *parts]
    digest = hashlib.sha256(repr(inputs).encode()).hexdigest()[:32]
    key = f"koers:part:{name}:{digest}"
    html = cache.get(key)
    if html is None:
        html = make()
        if html is None:
            return None
        cache.set(key, str(html), KEEP_SECONDS)
    return mark_safe(html)  # noqa: S308 (rendered by our own templates, which escape)
