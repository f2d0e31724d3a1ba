"""Backing up and restoring the whole database with the database's own tools.

PostgreSQL: `pg_dump --format=custom` and `pg_restore --clean --single-transaction` (one
consistent snapshot out, all or nothing back in). SQLite: the sqlite3 online backup API, a
consistent copy of the whole file. Nothing else needs saving: Koers keeps no uploaded files;
the settings and the secret key live in the environment (keep /etc/koers/koers.env apart).
"""

import os
import sqlite3
import subprocess
from pathlib import Path

from django.db import DatabaseError, connection

PG_MAGIC = b"PGDMP"
SQLITE_MAGIC = b"SQLite format 3\x00"
# What a person would call data: if any of these tables has a row, the database is in use.
DATA_TABLES = ("auth_user", "organisations_organisation", "projects_project")


class BackupError(Exception):
    pass


def _pg_env_and_args() -> tuple[dict[str, str], list[str]]:
    s = connection.settings_dict
    env = {**os.environ}
    if s.get("PASSWORD"):
        env["PGPASSWORD"] = str(s["PASSWORD"])
    args = []
    for flag, key in (("--host", "HOST"), ("--port", "PORT"), ("--username", "USER")):
        if s.get(key):
            args += [flag, str(s[key])]
    return env, args


def _run(command: list[str], env: dict[str, str]) -> None:
    try:
        done = subprocess.run(command, env=env, capture_output=True, text=True)
    except FileNotFoundError:
        raise BackupError(f"{command[0]} is not installed (Debian: postgresql-client).") from None
    if done.returncode != 0:
        raise BackupError(f"{command[0]} failed: {done.stderr.strip()}")


def backup(output: Path) -> None:
    """Write a consistent copy of the whole database to `output`."""
    if connection.vendor == "postgresql":
        env, args = _pg_env_and_args()
        _run(
            ["pg_dump", "--format=custom", "--no-owner", "--no-privileges", *args]
            + ["--file", str(output), connection.settings_dict["NAME"]],
            env,
        )
    elif connection.vendor == "sqlite":
        connection.ensure_connection()
        target = sqlite3.connect(output)
        try:
            connection.connection.backup(target)
        finally:
            target.close()
    else:
        raise BackupError(f"No backup for the {connection.vendor} database.")


def has_data() -> bool:
    existing = set(connection.introspection.table_names())
    with connection.cursor() as cursor:
        for table in DATA_TABLES:
            if table in existing:
                cursor.execute(f"SELECT 1 FROM {connection.ops.quote_name(table)} LIMIT 1")
                if cursor.fetchone():
                    return True
    return False


def restore(source: Path, *, replace: bool = False) -> None:
    """Replace the database's content with the backup in `source`.

    Refuses when the database already holds people, organisations or projects, unless
    `replace`: a restore aimed at the wrong server must not wipe it.
    """
    head = source.read_bytes()[:16] if source.is_file() else b""
    kind = "postgresql" if head.startswith(PG_MAGIC) else "sqlite" if head == SQLITE_MAGIC else ""
    if not kind:
        raise BackupError(f"{source} is not a Koers backup (pg_dump custom format or SQLite).")
    if kind != connection.vendor:
        raise BackupError(
            f"{source} is a {kind} backup; this database is {connection.vendor}. "
            "Move data between the two with dumpdata/loaddata."
        )
    try:
        in_use = has_data()
    except DatabaseError as exc:
        raise BackupError(f"The database cannot be read: {exc}") from None
    if in_use and not replace:
        raise BackupError(
            "The database already holds data (people, organisations or projects). "
            "Restore into an empty database, or add --replace to overwrite it."
        )
    if kind == "postgresql":
        connection.close()  # our own open connection would block the drops
        env, args = _pg_env_and_args()
        _run(
            ["pg_restore", "--clean", "--if-exists", "--no-owner", "--no-privileges"]
            + ["--single-transaction", "--exit-on-error", *args]
            + ["--dbname", connection.settings_dict["NAME"], str(source)],
            env,
        )
    else:
        connection.ensure_connection()
        origin = sqlite3.connect(source)
        try:
            origin.backup(connection.connection)
        finally:
            origin.close()
