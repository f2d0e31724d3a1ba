"""Production: PostgreSQL via DATABASE_URL, secrets from the environment, HTTPS only, a cache
shared by every app server, JSON logs. See docs/deployment.md."""

import os

from django.core.exceptions import ImproperlyConfigured

from .base import *  # noqa: F403
from .base import DATABASES, LOGGING

SECRET_KEY = os.environ.get("KOERS_SECRET_KEY", "")
if not SECRET_KEY:
    raise ImproperlyConfigured("Set KOERS_SECRET_KEY for production.")
# Without DATABASE_URL the base settings would quietly use a SQLite file in the working
# directory: a production server would then start empty and lose its data on redeploy.
if not os.environ.get("DATABASE_URL"):
    raise ImproperlyConfigured(
        "Set DATABASE_URL (postgres://user:password@host:port/name) for production; "
        "it never falls back to SQLite."
    )
DATABASES["default"]["CONN_HEALTH_CHECKS"] = True
# Each app process keeps its connection between requests (opening one costs more than most
# pages' queries); the health check replaces a connection the server closed meanwhile.
DATABASES["default"]["CONN_MAX_AGE"] = int(os.environ.get("KOERS_DB_CONN_MAX_AGE", "600"))
# PostgreSQL's JIT compiles a query whose *estimated* cost is high before running it. The
# header's unread-notice count (a visibility subquery the planner over-estimates) paid ~90 ms
# of database CPU for 0.1 ms of work on every page at national scale; Koers's queries are
# short, so compiling never pays back. Behind PgBouncer, which drops startup options, set
# it on the database instead: ALTER DATABASE koers SET jit = off (docs/deployment.md).
if DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql":  # SQLite has no JIT
    DATABASES["default"].setdefault("OPTIONS", {})
    DATABASES["default"]["OPTIONS"]["options"] = "-c jit=off"

# One cache for every app server and the worker: a table in the same PostgreSQL database
# (`koers createcachetable`), so nothing beyond PostgreSQL has to run. Redis is faster per
# read, but Koers caches few, large, rarely changing values (the network's figures, the
# analysis), so a database read is cheap next to the work it saves. KOERS_REDIS_URL switches.
if os.environ.get("KOERS_REDIS_URL"):
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": os.environ["KOERS_REDIS_URL"],
        }
    }
else:
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.db.DatabaseCache",
            "LOCATION": "koers_cache",
            "OPTIONS": {"MAX_ENTRIES": 20000},
        }
    }

# Tasks wait in a table of the same database until `koers db_worker` (one or more processes,
# on any app server) runs them: the analysis is computed there, never in a page's request.
TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}

SESSION_COOKIE_SECURE = True
CSRF_COOKIE_SECURE = True
SECURE_SSL_REDIRECT = os.environ.get("KOERS_SSL_REDIRECT", "1") == "1"
SECURE_HSTS_SECONDS = 31536000
SECURE_HSTS_INCLUDE_SUBDOMAINS = os.environ.get("KOERS_HSTS_SUBDOMAINS", "1") == "1"
SECURE_HSTS_PRELOAD = os.environ.get("KOERS_HSTS_PRELOAD", "1") == "1"
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
CSRF_TRUSTED_ORIGINS = [o for o in os.environ.get("KOERS_CSRF_TRUSTED_ORIGINS", "").split(",") if o]

if "KOERS_LOG_FORMAT" not in os.environ:
    LOGGING["handlers"]["console"]["formatter"] = "json"
LOGGING["loggers"] = {"koers.request": {"level": os.environ.get("KOERS_ACCESS_LOG", "INFO")}}
