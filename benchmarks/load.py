"""Load through a real server: gunicorn + the production settings, driven by locust (headless).

    pip install locust==2.47.0            # in a separate virtualenv is fine (LOCUST=path)
    DATABASE_URL=postgres://... .venv/bin/python benchmarks/load.py --users 50 --minutes 5
    DATABASE_URL=sqlite:////path/koers.sqlite3 .venv/bin/python benchmarks/load.py --users 50

The database must already hold a portfolio (e.g. `benchmarks/portfolio.py`'s national one:
350 organisations x 60 projects + one of 500, made by the demo generator). This script
migrates it, starts gunicorn on 127.0.0.1 (loopback only), runs a mixed population for a
bounded time and number of requests, stops the server and prints throughput, p50/p95/p99 per
page and errors. Figures are reset once every user has signed in (--reset-stats): signing in
is a deliberately slow password hash, done once a day, not once a page. Population
(weights): project leaders open their projects and save scan answers (5), coordinators open
the portfolio, the dashboard and the analysis (2), someone downloads a project PDF (1).
"""

import argparse
import csv
import json
import os
import random
import secrets
import signal
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

HERE = Path(__file__).resolve().parent
VENV_BIN = Path(sys.executable).parent


def plan(people: int) -> dict:
    """Who logs in and what they open, read from the database before the run."""
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "koers.conf.production")
    import django

    django.setup()
    from koers.assessments.models import Response
    from koers.organisations.models import Membership, Role
    from koers.projects.models import Project, ProjectMember, TeamRole

    rng = random.Random(1)
    leaders = []
    open_answers = Response.objects.filter(
        submitted_at__isnull=True, scan__closed_at__isnull=True, respondent__is_active=True
    ).values_list("respondent__username", "scan_id")
    scans_of: dict[str, list[int]] = {}
    for username, scan_id in open_answers[:5000]:
        scans_of.setdefault(username, []).append(scan_id)
    team = ProjectMember.objects.filter(team_role=TeamRole.PROJECT_LEADER).values_list(
        "user__username", "project_id"
    )
    projects_of: dict[str, list[int]] = {}
    for username, project_id in team.iterator():
        projects_of.setdefault(username, []).append(project_id)
    names = sorted(projects_of)
    rng.shuffle(names)
    for username in names[:people]:
        leaders.append(
            {
                "username": username,
                "projects": projects_of[username],
                "scans": scans_of.get(username, []),
            }
        )
    coordinators = [
        {"username": u, "slug": s}
        for u, s in Membership.objects.filter(role=Role.COORDINATOR)
        .order_by("organisation_id")
        .values_list("user__username", "organisation__slug")[:people]
    ]
    with_scan = list(
        Project.objects.filter(last_scan__isnull=False).values_list("pk", flat=True)[:2000]
    )
    return {"leaders": leaders, "coordinators": coordinators, "pdf_projects": with_scan}


LOCUSTFILE = r"""
import json, os, random, re
from locust import HttpUser, between, events, task

PLAN = json.loads(open(os.environ["KOERS_LOAD_PLAN"]).read())
PASSWORD = os.environ.get("KOERS_LOAD_PASSWORD", "koers-demo")
MAX_REQUESTS = int(os.environ["KOERS_LOAD_MAX_REQUESTS"])
CSRF = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')
FIELD = re.compile(r'name="(i\d+)"')
VERSION = re.compile(r'name="version" value="(\d+)"')
count = 0


@events.request.add_listener
def stop_at_bound(**kwargs):
    global count
    count += 1
    if count >= MAX_REQUESTS:
        runner = kwargs.get("context", {}).get("runner") or ENV.runner
        runner.quit()


@events.init.add_listener
def keep_env(environment, **kwargs):
    global ENV
    ENV = environment


class Person(HttpUser):
    abstract = True
    wait_time = between(1, 3)  # people read a page before opening the next

    def login(self, username):
        page = self.client.get("/accounts/login/", name="login form")
        token = CSRF.search(page.text).group(1)
        self.client.post(
            "/accounts/login/",
            {"username": username, "password": PASSWORD, "csrfmiddlewaretoken": token},
            name="login",
        )


class ProjectLeader(Person):
    weight = 5

    def on_start(self):
        self.me = random.choice(PLAN["leaders"])
        self.login(self.me["username"])

    @task(4)
    def project(self):
        self.client.get(f"/projects/{random.choice(self.me['projects'])}/", name="project page")

    @task(2)
    def answer(self):
        if not self.me["scans"]:
            return self.project()
        scan = random.choice(self.me["scans"])
        page = self.client.get(f"/scans/{scan}/answer/", name="scan answer form")
        if page.status_code != 200 or "csrfmiddlewaretoken" not in page.text:
            return
        data = {"csrfmiddlewaretoken": CSRF.search(page.text).group(1)}
        data["version"] = VERSION.search(page.text).group(1)
        for name in set(FIELD.findall(page.text)):
            data[name] = str(random.randint(1, 5))
        self.client.post(f"/scans/{scan}/answer/", data, name="scan answer save (draft)")


class Coordinator(Person):
    weight = 2

    def on_start(self):
        self.me = random.choice(PLAN["coordinators"])
        self.login(self.me["username"])

    @task(2)
    def portfolio(self):
        self.client.get("/", name="portfolio (home)")

    @task(3)
    def dashboard(self):
        self.client.get(f"/dashboard/{self.me['slug']}/", name="dashboard")

    @task(1)
    def analysis(self):
        self.client.get(f"/dashboard/{self.me['slug']}/analysis/", name="analysis")


class PdfReader(Person):
    weight = 1

    def on_start(self):
        self.login(random.choice(PLAN["coordinators"])["username"])

    @task
    def pdf(self):
        project = random.choice(PLAN["pdf_projects"])
        with self.client.get(
            f"/projects/{project}/report.pdf", name="project PDF", catch_response=True
        ) as r:
            if r.status_code == 404:  # not visible to this coordinator: not a failure
                r.success()
"""


def koers(*args: str, env: dict) -> None:
    subprocess.run([str(VENV_BIN / "koers"), *args], env=env, check=True, capture_output=True)


def wait_ready(url: str) -> None:
    for _ in range(600):
        try:
            with urllib.request.urlopen(url + "/readyz", timeout=2) as r:
                if r.status == 200:
                    return
        except OSError:
            pass
        time.sleep(0.5)
    raise SystemExit("gunicorn did not become ready")


def report(prefix: str, users: int, seconds: float, database: str) -> None:
    rows = list(csv.DictReader(Path(f"{prefix}_stats.csv").read_text().splitlines()))
    print(f"\n{database}, {users} users, {seconds:.0f} s")
    print(
        f"{'page':30} {'requests':>8} {'errors':>6} {'p50 ms':>7} {'p95 ms':>7} "
        f"{'p99 ms':>7} {'req/s':>6}"
    )
    for r in rows:
        name = "TOTAL" if r["Name"] == "Aggregated" else r["Name"]
        print(
            f"{name:30} {r['Request Count']:>8} {r['Failure Count']:>6} {r['50%']:>7} "
            f"{r['95%']:>7} {r['99%']:>7} {float(r['Requests/s']):6.1f}"
        )
    failures = Path(f"{prefix}_failures.csv")
    if failures.exists():
        for r in list(csv.DictReader(failures.read_text().splitlines()))[:10]:
            print(f"  error: {r['Name']}: {r['Error']} ({r['Occurrences']}x)")


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--users", type=int, default=50)
    parser.add_argument("--minutes", type=float, default=5)
    parser.add_argument("--max-requests", type=int, default=200_000)
    parser.add_argument("--workers", type=int, default=5, help="gunicorn worker processes")
    parser.add_argument("--port", type=int, default=8631)
    parser.add_argument("--locust", default=os.environ.get("LOCUST", str(VENV_BIN / "locust")))
    args = parser.parse_args()
    if not os.environ.get("DATABASE_URL"):
        raise SystemExit("Set DATABASE_URL to the database holding the portfolio.")
    work = Path(tempfile.mkdtemp(prefix="koers-load-"))
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "koers.conf.production",
        "KOERS_SECRET_KEY": os.environ.get("KOERS_SECRET_KEY") or secrets.token_urlsafe(60),
        "KOERS_ALLOWED_HOSTS": "127.0.0.1",
        "KOERS_SSL_REDIRECT": "0",
        "KOERS_VAR_DIR": str(work),
        "KOERS_ACCESS_LOG": "WARNING",  # no line per request: it would cost the server time
    }
    os.environ.update(env)
    koers("migrate", "--noinput", env=env)
    koers("createcachetable", env=env)
    koers("collectstatic", "--noinput", env=env)
    plan_file = work / "plan.json"
    plan_file.write_text(json.dumps(plan(max(args.users, 50))))
    (work / "locustfile.py").write_text(LOCUSTFILE)
    # Session cookies are Secure in production; over loopback HTTP the client would not send
    # them back, so the server runs the production settings with that one change.
    (work / "koers_load_settings.py").write_text(
        "from koers.conf.production import *  # noqa\n"
        "SESSION_COOKIE_SECURE = CSRF_COOKIE_SECURE = False\n"
    )
    server_env = {**env, "DJANGO_SETTINGS_MODULE": "koers_load_settings", "PYTHONPATH": str(work)}
    url = f"http://127.0.0.1:{args.port}"
    server_log = open(work / "gunicorn.log", "w")  # noqa: SIM115 (open while the server runs)
    server = subprocess.Popen(
        [
            str(VENV_BIN / "gunicorn"),
            "koers.wsgi:application",
            "--bind",
            f"127.0.0.1:{args.port}",
            "--workers",
            str(args.workers),
            "--timeout",
            "120",
        ],
        env=server_env,
        stdout=server_log,
        stderr=subprocess.STDOUT,
    )
    try:
        wait_ready(url)
        started = time.perf_counter()
        subprocess.run(
            [
                args.locust,
                "-f",
                str(work / "locustfile.py"),
                "--headless",
                "--host",
                url,
                "-u",
                str(args.users),
                "-r",
                str(max(1, args.users // 10)),
                "--run-time",
                f"{int(args.minutes * 60)}s",
                "--stop-timeout",
                "10",
                "--csv",
                str(work / "load"),
                "--only-summary",
                "--reset-stats",
                "--loglevel",
                "WARNING",
            ],
            env={
                **env,
                "KOERS_LOAD_PLAN": str(plan_file),
                "KOERS_LOAD_MAX_REQUESTS": str(args.max_requests),
            },
            check=False,
            stdout=subprocess.DEVNULL,
        )
        seconds = time.perf_counter() - started
    finally:
        server.send_signal(signal.SIGTERM)
        server.wait(timeout=60)
        server_log.close()
    engine = "PostgreSQL" if os.environ["DATABASE_URL"].startswith("postgres") else "SQLite"
    report(str(work / "load"), args.users, seconds, engine)
    log = (work / "gunicorn.log").read_text().splitlines()
    errors = [line for line in log if '"level": "ERROR"' in line]
    print(f"server errors logged: {len(errors)}; files in {work}")


if __name__ == "__main__":
    main()
