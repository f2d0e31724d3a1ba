"""Rate limits on expensive requests, counted per user in the shared cache so that every app
process counts against the same number (see CACHES in the settings)."""

import functools
import time
from collections.abc import Callable
from typing import Any

from django.conf import settings
from django.core.cache import cache
from django.http import HttpRequest, HttpResponse
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from .responses import refused


def now() -> float:
    return time.time()


def _limit(scope: str) -> tuple[int, int]:
    """(requests, seconds) for a scope from settings.KOERS_RATE_LIMITS."""
    return settings.KOERS_RATE_LIMITS[scope]


def allow(scope: str, user_id: int) -> tuple[bool, int]:
    """Count one request of this user in the current window of the scope; whether it is
    within the limit, and the seconds until the window ends."""
    limit, window = _limit(scope)
    moment = now()
    number = int(moment // window)
    key = f"koers:rate:{scope}:{user_id}:{number}"
    cache.add(key, 0, timeout=window)
    try:
        count = cache.incr(key)
    except ValueError:  # expired between add and incr: this is the first of a new window
        cache.set(key, 1, timeout=window)
        count = 1
    return count <= limit, max(1, int((number + 1) * window - moment))


View = Callable[..., HttpResponse]


def rate_limited(scope: str) -> Callable[[View], View]:
    """Refuse a signed-in user's requests beyond the scope's limit with a 429 page."""

    def decorate(view: View) -> View:
        @functools.wraps(view)
        def wrapped(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
            allowed, wait = allow(scope, request.user.pk)
            if allowed:
                return view(request, *args, **kwargs)
            limit, window = _limit(scope)
            minutes = max(1, window // 60)
            response = refused(
                request,
                status=429,
                title=_("Too many downloads at once"),
                message=ngettext(
                    "Reports and exports take the server a while to make, so each person can "
                    "download %(limit)d of them per minute. Try again in a little while.",
                    "Reports and exports take the server a while to make, so each person can "
                    "download %(limit)d of them per %(minutes)d minutes. Try again in a "
                    "little while.",
                    minutes,
                )
                % {"limit": limit, "minutes": minutes},
            )
            response["Retry-After"] = str(wait)
            return response

        return wrapped

    return decorate
