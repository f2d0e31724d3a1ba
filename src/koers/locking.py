"""Row locks for services that read and then write what another request may change at once."""

from django.db import models


def lock_rows(queryset: models.QuerySet) -> None:
    """Lock the rows of `queryset` until the surrounding transaction ends, in primary-key order
    so that two writers locking the same rows never deadlock.

    On PostgreSQL this is SELECT ... FOR UPDATE. SQLite has no row locks and needs none: its
    write transactions begin IMMEDIATE (see conf/base.py) and so run one at a time.
    """
    list(queryset.select_for_update().order_by("pk").values_list("pk", flat=True))
