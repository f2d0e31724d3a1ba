"""Stamps for caches: a token per organisation that changes whenever one of its records
changes, and one for everything (a person's name is on many organisations' pages).

Every service records its change through `change_record`, which calls `touched` with the
record; so a cache keyed by `current(organisation_id)` can never outlive a change made through
the services, whatever the record (an action, a draft answer, a partner, a question). The new
token is set after commit, once per transaction and organisation (with a cache that is not a
database table, also at once): a reader who read the old
token before the data may keep new data under the old token, which nobody asks for any more,
but never old data under the new one. Stamps live in the shared cache (no migration, no row
lock in the writer's transaction); a stamp the cache dropped is made anew, which only makes
the caches keyed by it miss once.
"""

import secrets
from typing import Any

from django.conf import settings
from django.core.cache import cache, caches
from django.core.cache.backends.db import DatabaseCache
from django.db import connection, transaction

EVERYTHING = "all"


def _key(scope: int | str) -> str:
    return f"koers:stamp:{scope}"


def current(organisation_id: int) -> str:
    """The stamp of this organisation's data and of everything, for a cache key. Read it
    before the data the cached value is made from."""
    keys = [_key(EVERYTHING), _key(organisation_id)]
    found = cache.get_many(keys)
    missing = {key: secrets.token_hex(8) for key in keys if key not in found}
    if missing:
        cache.set_many(missing, timeout=None)
        found.update(missing)
    return f"{found[keys[0]]}.{found[keys[1]]}"


def bump(scope: int | str) -> None:
    cache.set(_key(scope), secrets.token_hex(8), timeout=None)


class _AfterCommit:
    """The scopes one transaction touched, bumped once when it commits."""

    def __init__(self) -> None:
        self.scopes: set[int | str] = set()

    def __call__(self) -> None:
        for scope in sorted(self.scopes, key=str):
            bump(scope)


# What is recorded about a person that no page of an organisation shows: a sign-in does not
# make every cache stale. Anything else about a person (a name removed) does.
PERSONAL_ONLY = {
    "signed_in",
    "signed_out",
    "sign_in_failed",
    "locked_out",
    "unlocked",
    "two_factor_enabled",
    "two_factor_failed",
    "two_factor_disabled",
    "notice_settings",
}


def touched(changes: list[tuple[Any, str]]) -> None:
    """Records changed in the current transaction: (record of any kind, its ChangeRecord's
    action) each."""
    scopes = organisations_of(
        [
            obj
            for obj, action in changes
            if not (action in PERSONAL_ONLY and obj._meta.label == settings.AUTH_USER_MODEL)
        ]
    )
    if not scopes:
        return
    if not connection.in_atomic_block:
        for scope in scopes:
            bump(scope)
        return
    pending = getattr(connection, "_koers_stamps", None)
    # Still waiting for this transaction's commit? Django drops the callbacks of a rolled
    # back transaction (or savepoint) from run_on_commit; then a new one is registered.
    if pending is None or not any(entry[1] is pending for entry in connection.run_on_commit):
        pending = _AfterCommit()
        connection._koers_stamps = pending
        transaction.on_commit(pending)
    pending.scopes |= scopes
    if not _in_database():
        # Redis or memory: bumping now as well costs one write and locks nothing, and a test
        # (one transaction that never commits) sees each change on the next page.
        for scope in scopes:
            bump(scope)


def _in_database() -> bool:
    """Whether the cache is a table: a write would then be part of the writer's transaction
    and lock the stamp's row until commit, making writers of one organisation wait."""
    return isinstance(caches["default"], DatabaseCache)


def organisations_of(objs: list[Any]) -> set[int | str]:
    """The organisations whose pages show these records: found through their foreign keys
    to an organisation, a project (its owner), a scan, a response, a question, an action or
    a step. A record with none (a person) is on every organisation's pages: EVERYTHING.
    Projects not loaded with their records are read in one query for all."""
    from koers.organisations.models import Organisation
    from koers.projects.models import Project

    found: set[int | str] = set()
    project_ids: set[int] = set()
    for obj in objs:
        if isinstance(obj, Organisation):
            found.add(obj.pk)
            continue
        if isinstance(obj, Project):
            found.add(obj.owner_id)
            continue
        linked = False
        for field in obj._meta.concrete_fields:
            target = getattr(field, "related_model", None)
            value = getattr(obj, field.attname, None)
            if target is None or not field.many_to_one or value is None:
                continue
            if target is Organisation:
                found.add(value)
            elif target is Project and not field.is_cached(obj):
                project_ids.add(value)
            elif target is Project or target._meta.model_name in _THROUGH:
                found |= organisations_of([getattr(obj, field.name)])
            else:
                continue
            linked = True
        if not linked:
            found.add(EVERYTHING)
    if project_ids:
        owners = Project.objects.filter(pk__in=project_ids).values_list("owner_id", flat=True)
        found |= set(owners)
    return found


# Records that belong to an organisation through another record.
_THROUGH = {"scan", "response", "question", "action", "step"}
