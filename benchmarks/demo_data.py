"""Time and peak memory of the demo generator on a fresh database.

    .venv/bin/python benchmarks/demo_data.py                 # default size and 350 x 60
    .venv/bin/python benchmarks/demo_data.py --sizes 3x12    # one size
    DATABASE_URL=postgres://... .venv/bin/python benchmarks/demo_data.py

Each size runs in its own process so that peak memory (max RSS) belongs to that size alone.
"""

import argparse
import json
import os
import resource
import subprocess
import sys
import tempfile
import time


def run_one(organisations: int, projects: int) -> dict:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "koers.conf.dev")
    import django

    django.setup()
    from django.core.management import call_command

    from koers.demo.generator import generate
    from koers.framework.services import DEFAULT_FRAMEWORK_FILE, framework_load

    call_command("migrate", verbosity=0)
    framework_load(raw=DEFAULT_FRAMEWORK_FILE.read_bytes())
    started = time.perf_counter()
    report = generate(seed=1, organisations=organisations, projects_per_org=projects)
    seconds = time.perf_counter() - started
    return {
        "size": f"{organisations} x {projects}",
        "seconds": round(seconds, 1),
        "peak_rss_mb": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024),
        "projects": report.projects,
        "scans": report.scans,
        "answers": report.answers,
        "projects_per_second": round(report.projects / seconds),
    }


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--sizes", default="3x12,350x60")
    parser.add_argument("--one", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.one:
        organisations, projects = map(int, args.one.split("x"))
        print(json.dumps(run_one(organisations, projects)))
        return
    for size in args.sizes.split(","):
        with tempfile.TemporaryDirectory() as var:
            env = {**os.environ, "KOERS_VAR_DIR": var}
            out = subprocess.run(
                [sys.executable, __file__, "--one", size],
                env=env,
                check=True,
                capture_output=True,
                text=True,
            ).stdout
        r = json.loads(out.strip().splitlines()[-1])
        print(
            f"demo_data {r['size']:>9}: {r['seconds']:>6} s, peak {r['peak_rss_mb']} MB RSS, "
            f"{r['projects']} projects, {r['scans']} scans, {r['answers']} answers "
            f"({r['projects_per_second']} projects/s)"
        )


if __name__ == "__main__":
    main()
