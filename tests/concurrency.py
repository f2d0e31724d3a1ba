"""Two writers forced to overlap on PostgreSQL: the first holds its transaction open after its
writes, the second starts while it does, and only then does the first commit.

`overlap(first, second)` runs `first` in a thread inside an outer transaction that stays open
until `second` (in another thread, on its own connection) either waits for a lock or has
finished; then the first commits and both threads end. It returns what each returned or
raised. Nothing depends on timing: the main thread watches PostgreSQL's own view of who waits
for a lock (pg_stat_activity) instead of sleeping a guessed while.
"""

import threading
import time
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import pytest
from django.db import connection, connections, transaction

postgresql = pytest.mark.postgresql


@dataclass
class Outcome:
    value: Any = None
    error: BaseException | None = None

    def get(self) -> Any:
        if self.error is not None:
            raise self.error
        return self.value


@dataclass
class Overlap:
    first: Outcome
    second: Outcome
    second_waited: bool  # the second writer waited for a lock the first held


def _backend_pid() -> int:
    connection.ensure_connection()
    return connection.connection.info.backend_pid


def _waits_for_lock(pid: int) -> bool:
    with connection.cursor() as cursor:
        cursor.execute("SELECT wait_event_type FROM pg_stat_activity WHERE pid = %s", [pid])
        row = cursor.fetchone()
    return bool(row) and row[0] == "Lock"


def overlap(first: Callable[[], Any], second: Callable[[], Any]) -> Overlap:
    assert connection.vendor == "postgresql", "overlap() needs two real connections"
    first_out, second_out = Outcome(), Outcome()
    first_done_writing, release_first = threading.Event(), threading.Event()
    second_pid: list[int] = []
    second_started, second_done = threading.Event(), threading.Event()

    def run_first() -> None:
        try:
            with transaction.atomic():
                try:
                    first_out.value = first()
                finally:
                    first_done_writing.set()
                    release_first.wait()
        except BaseException as exc:  # handed to the test
            first_out.error = exc
        finally:
            connections.close_all()

    def run_second() -> None:
        try:
            second_pid.append(_backend_pid())
            second_started.set()
            second_out.value = second()
        except BaseException as exc:  # handed to the test
            second_out.error = exc
        finally:
            second_started.set()
            second_done.set()
            connections.close_all()

    a = threading.Thread(target=run_first)
    a.start()
    first_done_writing.wait()
    b = threading.Thread(target=run_second)
    b.start()
    second_started.wait()
    waited = False
    # Poll until the second writer blocks on the first's lock or gets through without one.
    while not second_done.is_set():
        if second_pid and _waits_for_lock(second_pid[0]):
            waited = True
            break
        time.sleep(0.005)
    release_first.set()
    a.join()
    b.join()
    return Overlap(first=first_out, second=second_out, second_waited=waited)
