"""Time and peak memory of the worst project PDF a member could ask for.

    .venv/bin/python benchmarks/pdf_worst_case.py
    .venv/bin/python benchmarks/pdf_worst_case.py --lines 40000 --events 500 --actions 500

The project's texts and lists are stored directly, as data saved before the free-text
limits would be: a problem of LINES lines, EVENTS stage moves with notes, ACTIONS actions.
Runs in its own process on a fresh SQLite database so that the peak (max RSS) is the PDF's.
"""

import argparse
import json
import os
import resource
import subprocess
import sys
import tempfile
import time


def run_one(lines: int, events: int, actions: int) -> dict:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "koers.conf.dev")
    import django

    django.setup()
    from django.contrib.auth import get_user_model
    from django.core.management import call_command

    from koers.actions.models import Action
    from koers.framework.services import DEFAULT_FRAMEWORK_FILE, framework_load
    from koers.organisations.models import Membership, Organisation, Role
    from koers.projects.models import Project, StageEvent
    from koers.projects.services import project_create
    from koers.reports.documents import project_report_pdf

    call_command("migrate", verbosity=0)
    framework_load(raw=DEFAULT_FRAMEWORK_FILE.read_bytes())
    org = Organisation.objects.create(name="Gemeente Proef", slug="proef", kind="municipality")
    user = get_user_model().objects.create(username="lid")
    Membership.objects.create(user=user, organisation=org, role=Role.MEMBER)
    project = project_create(
        owner=org, by=user, title="Lang", problem="p", domain="other", visibility="team"
    )
    Project.objects.filter(pk=project.pk).update(
        problem="Een regel tekst over het probleem.\n" * lines
    )
    StageEvent.objects.bulk_create(
        [
            StageEvent(
                project=project, to_stage="idea", on=project.stage_since, note="notitie " * 50
            )
            for _ in range(events)
        ]
    )
    Action.objects.bulk_create(
        [Action(project=project, title=f"Actie {i} " + "x" * 150) for i in range(actions)]
    )
    before_rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    started = time.perf_counter()
    pdf = project_report_pdf(project=Project.objects.get(pk=project.pk), language="nl")
    seconds = time.perf_counter() - started
    return {
        "input": f"{lines} lines, {events} stage moves, {actions} actions",
        "seconds": round(seconds, 1),
        "peak_rss_mb": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024),
        "rss_before_pdf_mb": round(before_rss / 1024),
        "pdf_kb": round(len(pdf) / 1024),
    }


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--lines", type=int, default=40_000)
    parser.add_argument("--events", type=int, default=500)
    parser.add_argument("--actions", type=int, default=500)
    parser.add_argument("--one", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.one:
        print(json.dumps(run_one(args.lines, args.events, args.actions)))
        return
    with tempfile.TemporaryDirectory() as var:
        out = subprocess.run(
            [sys.executable, __file__, "--one", *sys.argv[1:]],
            env={**os.environ, "KOERS_VAR_DIR": var},
            check=True,
            capture_output=True,
            text=True,
        ).stdout
    r = json.loads(out.strip().splitlines()[-1])
    print(
        f"pdf_worst_case {r['input']}: {r['seconds']} s, peak {r['peak_rss_mb']} MB RSS "
        f"({r['rss_before_pdf_mb']} MB before the PDF), {r['pdf_kb']} kB"
    )


if __name__ == "__main__":
    main()
