"""Time and peak memory of importing a project list: reading the XLSX, the dry run and the
apply, for 300 and 10,000 rows; then the list with every title changed (all updates), and
that list once more (all unchanged). Wall-clock and CPU time of the importing process.

    .venv/bin/python benchmarks/import.py                    # SQLite, 300 and 10000 rows
    .venv/bin/python benchmarks/import.py --sizes 300
    .venv/bin/python benchmarks/import.py --sizes 10000 --no-apply   # reading and dry run only
    DATABASE_URL=postgres://koers:koers@127.0.0.1:54329/koers_bench \
        .venv/bin/python benchmarks/import.py

Each size runs in its own process (a fresh SQLite database in a temporary directory, or a
new organisation in the PostgreSQL database named by DATABASE_URL), so the peak memory
(max RSS of the process, after each step) belongs to that size alone.
"""

import argparse
import io
import json
import os
import resource
import subprocess
import sys
import tempfile
import time
import uuid


def _rss_mb() -> int:
    return round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024)


def _workbook(rows: int, leaders: list[str], title: str = "Project") -> bytes:
    import openpyxl

    from koers.imports.template import headers

    stages = ["Idee", "Experiment", "Ontwikkeling", "Geïmplementeerd", "Intern opgeschaald"]
    workbook = openpyxl.Workbook(write_only=True)
    sheet = workbook.create_sheet("Projecten")
    sheet.append(headers("nl"))
    for n in range(rows):
        sheet.append(
            [
                f"B-{n:06d}",
                f"{title} {n}: datagedreven aanpak van vraagstuk {n % 97}",
                "Welke buurten hebben de meeste hulp nodig, en wanneer? " * 4,
                ["Sociaal domein", "Fysiek domein", "Veiligheid"][n % 3],
                stages[n % len(stages)],
                "15-01-2025",
                "",
                "Eigen organisatie",
                "Wonen; Jeugd",
                "Dashboard; Voorspelmodel",
                "BRP, eigen registratie",
                leaders[n % len(leaders)] if n % 2 else "",
            ]
        )
    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()


def run_one(rows: int, apply: bool = True) -> dict:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "koers.conf.dev")
    import django

    django.setup()
    from django.contrib.auth import get_user_model
    from django.core.management import call_command
    from django.db import connection

    from koers.imports.columns import recognise
    from koers.imports.reading import read_table
    from koers.imports.services import import_apply, import_check
    from koers.organisations.models import Membership, OrganisationKind, Role
    from koers.organisations.services import organisation_create

    call_command("migrate", verbosity=0)
    tag = uuid.uuid4().hex[:8]
    org = organisation_create(
        name=f"Gemeente Benchmark {tag}", slug=f"bench-{tag}", kind=OrganisationKind.MUNICIPALITY
    )
    users = get_user_model().objects
    coordinator = users.create_user(username=f"coord-{tag}", email=f"coord-{tag}@example.nl")
    Membership.objects.create(user=coordinator, organisation=org, role=Role.COORDINATOR)
    leaders = []
    for i in range(20):
        leader = users.create_user(username=f"lead{i}-{tag}", email=f"lead{i}-{tag}@example.nl")
        Membership.objects.create(user=leader, organisation=org, role=Role.MEMBER)
        leaders.append(leader.email)
    raw = _workbook(rows, leaders)
    result: dict = {
        "rows": rows,
        "database": connection.vendor,
        "file_kb": len(raw) // 1024,
        "rss_before_mb": _rss_mb(),
    }

    def timed(name: str, step):  # noqa: ANN001
        started, cpu = time.perf_counter(), time.process_time()
        value = step()
        result[f"{name}_s"] = round(time.perf_counter() - started, 2)
        # CPU of this process alone: on a shared machine the steady figure (the database
        # server's own work is in the wall-clock time only)
        result[f"{name}_cpu_s"] = round(time.process_time() - cpu, 2)
        result[f"{name}_rss_mb"] = _rss_mb()
        return value

    table = timed("read", lambda: read_table(raw))
    mapping = recognise(table.headers)
    plan = timed(
        "dry_run",
        lambda: import_check(by=coordinator, organisation=org, table=table, mapping=mapping),
    )
    assert plan.ok, [p for r in plan.bad_rows for p in r.problems][:5]
    if not apply:
        return result
    applied = timed(
        "apply",
        lambda: import_apply(
            by=coordinator, organisation=org, table=table, mapping=mapping, source="bench.xlsx"
        ),
    )
    assert applied.created == rows
    changed = read_table(_workbook(rows, leaders, title="Herzien"))
    updated = timed(
        "update",
        lambda: import_apply(
            by=coordinator, organisation=org, table=changed, mapping=mapping, source="bench.xlsx"
        ),
    )
    assert updated.updated == rows
    again = timed(
        "again",
        lambda: import_apply(
            by=coordinator, organisation=org, table=changed, mapping=mapping, source="bench.xlsx"
        ),
    )
    assert again.unchanged == rows and again.created == 0
    return result


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--sizes", default="300,10000")
    parser.add_argument("--one", type=int, help=argparse.SUPPRESS)
    parser.add_argument("--no-apply", action="store_true", help="read and dry run only")
    args = parser.parse_args()
    if args.one:
        print(json.dumps(run_one(args.one, apply=not args.no_apply)))
        return
    for size in args.sizes.split(","):
        with tempfile.TemporaryDirectory() as var:
            env = {**os.environ, "KOERS_VAR_DIR": var}
            out = subprocess.run(
                [sys.executable, __file__, "--one", size]
                + (["--no-apply"] if args.no_apply else []),
                env=env,
                check=True,
                capture_output=True,
                text=True,
            ).stdout
        r = json.loads(out.strip().splitlines()[-1])
        steps = ["read", "dry_run"] + ([] if args.no_apply else ["apply", "update", "again"])
        timings = ", ".join(
            f"{STEP_NAMES[step]} {r[step + '_s']} s (CPU {r[step + '_cpu_s']} s)" for step in steps
        )
        print(
            f"import {r['rows']:>6} rows on {r['database']} ({r['file_kb']} KB XLSX): {timings}; "
            f"peak RSS {r[steps[-1] + '_rss_mb']} MB (process start {r['rss_before_mb']} MB)"
        )


STEP_NAMES = {
    "read": "read",
    "dry_run": "dry run",
    "apply": "apply (all new)",
    "update": "apply (every title changed)",
    "again": "apply again (all unchanged)",
}

if __name__ == "__main__":
    main()
