"""/healthz (the process answers) and /readyz (it can serve: database reachable, migrations
applied, cache reachable) for load balancers and systemd.

Answered by the first middleware, before host checks, HTTPS redirects, sessions and CSP: a
load balancer probes by IP over plain HTTP, and a probe must not write a session.
"""

import json
from collections.abc import Callable

from django.core.cache import cache
from django.db import DatabaseError, connection
from django.db.migrations.executor import MigrationExecutor
from django.http import HttpRequest, HttpResponse


def _migrations_applied() -> bool:
    executor = MigrationExecutor(connection)
    return not executor.migration_plan(executor.loader.graph.leaf_nodes())


def readiness(*, migrations_known_applied: bool = False) -> dict[str, str]:
    """What /readyz reports: each check "ok" or why not."""
    checks: dict[str, str] = {}
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
        checks["database"] = "ok"
    except DatabaseError as exc:
        checks["database"] = f"unreachable: {type(exc).__name__}"
        return checks
    try:
        applied = migrations_known_applied or _migrations_applied()
        checks["migrations"] = "ok" if applied else "not applied"
    except DatabaseError as exc:
        checks["migrations"] = f"unknown: {type(exc).__name__}"
    try:
        cache.get("koers:readyz")
        checks["cache"] = "ok"
    except Exception as exc:  # any backend's failure means: not ready
        checks["cache"] = f"unreachable: {type(exc).__name__}"
    return checks


def _json(data: dict, status: int) -> HttpResponse:
    response = HttpResponse(json.dumps(data), status=status, content_type="application/json")
    response["Cache-Control"] = "no-store"
    return response


class HealthCheckMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]):
        self.get_response = get_response
        # Once applied, migrations stay applied while this code runs: a deploy that brings
        # new ones restarts the processes. So the migration files are read until then only.
        self.migrations_applied = False

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if request.path == "/healthz":
            return _json({"status": "alive"}, 200)
        if request.path == "/readyz":
            checks = readiness(migrations_known_applied=self.migrations_applied)
            self.migrations_applied = checks.get("migrations") == "ok"
            ok = all(v == "ok" for v in checks.values()) and len(checks) == 3
            return _json({"status": "ready" if ok else "not ready", **checks}, 200 if ok else 503)
        return self.get_response(request)
