"""Dashboard, reports and exports at national scale, through Django's test client.

    .venv/bin/python benchmarks/portfolio.py                      # 350 x 60 + one org of 500
    .venv/bin/python benchmarks/portfolio.py --organisations 50   # smaller network
    DATABASE_URL=postgres://... .venv/bin/python benchmarks/portfolio.py

Builds a fresh database (SQLite in a temporary directory unless DATABASE_URL is set), fills it
with the demo generator, then measures each request repeatedly and prints median and p95.
Targets (issue 5): dashboard p95 < 300 ms, project PDF < 2 s, portfolio PDF of 500 projects
< 15 s, exports of 500 projects < 5 s.
"""

import argparse
import os
import statistics
import tempfile
import time


def measure(client, url: str, repeat: int, cold: bool = False) -> tuple[float, float, int]:
    """Median and p95 seconds, and the first request's queries; `cold` empties the cache
    (the network's figures) before every request."""
    from django.core.cache import cache
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    times = []
    queries = 0
    for i in range(repeat):
        if cold:
            cache.clear()
        with CaptureQueriesContext(connection) as ctx:
            started = time.perf_counter()
            response = client.get(url)
            times.append(time.perf_counter() - started)
        assert response.status_code == 200, (url, response.status_code)
        if i == 0:
            queries = len(ctx.captured_queries)
    times.sort()
    p95 = times[min(len(times) - 1, round(0.95 * (len(times) - 1)))]
    return statistics.median(times), p95, queries


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--organisations", type=int, default=350)
    parser.add_argument("--projects-per-org", type=int, default=60)
    parser.add_argument(
        "--big", type=int, default=500, help="projects of the measured organisation"
    )
    parser.add_argument("--repeat", type=int, default=20)
    args = parser.parse_args()

    # KOERS_VAR_DIR=DIR keeps the database there: a second run measures again without
    # generating the data anew.
    os.environ.setdefault("KOERS_VAR_DIR", tempfile.mkdtemp(prefix="koers-bench-"))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "koers.conf.dev")
    os.environ["KOERS_DEBUG"] = "0"
    import django

    django.setup()
    from django.conf import settings
    from django.core.management import call_command
    from django.test import Client

    settings.ALLOWED_HOSTS = ["testserver"]
    from koers.demo.generator import generate
    from koers.framework.services import DEFAULT_FRAMEWORK_FILE, framework_load
    from koers.organisations.models import Organisation
    from koers.projects.models import Project

    call_command("migrate", verbosity=0)
    started = time.perf_counter()
    if not Project.objects.exists():
        framework_load(raw=DEFAULT_FRAMEWORK_FILE.read_bytes())
        generate(seed=1, organisations=1, projects_per_org=args.big)  # the one we measure
        generate(
            seed=2, organisations=args.organisations - 1, projects_per_org=args.projects_per_org
        )
    print(
        f"data: {Project.objects.count()} projects in {Organisation.objects.count()} organisations "
        f"({time.perf_counter() - started:.0f} s to generate or reuse)"
    )

    big = Organisation.objects.order_by("id").first()
    client = Client()
    client.login(username="coordinator", password="koers-demo")
    project = Project.objects.filter(owner=big, last_scan__isnull=False).order_by("id").first()
    pdf_repeat = max(3, args.repeat // 4)
    rows = [
        ("dashboard", f"/dashboard/{big.slug}/", args.repeat, 0.3),
        ("dashboard, network uncached", f"/dashboard/{big.slug}/", args.repeat, None),
        ("portfolio page", "/", args.repeat, None),
        ("project page", f"/projects/{project.pk}/", args.repeat, None),
        ("project PDF", f"/projects/{project.pk}/report.pdf", pdf_repeat, 2.0),
        ("portfolio PDF", f"/dashboard/{big.slug}/report.pdf", 3, 15.0),
        ("export XLSX (all tables)", f"/dashboard/{big.slug}/export/all.xlsx", 3, 5.0),
        ("export CSV (scan answers)", f"/dashboard/{big.slug}/export/scans.csv", 3, 5.0),
    ]
    print(f"{'request':28} {'median':>9} {'p95':>9} {'queries':>8}  target")
    for name, url, repeat, target in rows:
        median, p95, queries = measure(client, url, repeat, cold="uncached" in name)
        verdict = (
            ""
            if target is None
            else (f"p95 < {target:g} s " + ("met" if p95 < target else "MISSED"))
        )
        print(f"{name:28} {median * 1000:7.0f}ms {p95 * 1000:7.0f}ms {queries:8d}  {verdict}")


if __name__ == "__main__":
    main()
