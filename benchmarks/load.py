"""Load through a real server: gunicorn + the production settings + the background worker,
driven by locust (headless). locust is pinned in the dev dependencies (`make install`).

    DATABASE_URL=postgres://... .venv/bin/python benchmarks/load.py --users 50 --minutes 5
    DATABASE_URL=sqlite:////path/koers.sqlite3 .venv/bin/python benchmarks/load.py --users 50
    DATABASE_URL=postgres://... .venv/bin/python benchmarks/load.py --generate   # fill it first

The database must already hold a portfolio: `--generate` fills an empty one with the demo
generator at national scale (350 organisations: one of 500 projects and 349 of 60) and says how
long that took. This script migrates it, starts gunicorn and one `koers db_worker` on
127.0.0.1 (loopback only), computes the analyses the population will read (as the worker
would have after the last change), runs a mixed population for a bounded time and number of
requests, stops both and prints throughput, p50/p95/p99 per page and errors.

Signing in is a deliberately slow password hash, done once a day, not once a page: every
simulated person gets a session made before the run, so no sign-in falls in the measured
period. Population (weights): project leaders open their projects and save scan answers (5),
coordinators open the portfolio, the dashboard and the analysis (2), someone downloads a
project PDF (1), and an information manager's script reads the REST API (1, when the API is
installed: `koers.api`).
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


def setup_django() -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "koers.conf.production")
    import django

    django.setup()


def plan(people: int) -> dict:
    """Who is signed in and what they open, read from the database before the run."""
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
    open_scans(leaders)
    coordinators = [
        {"username": u, "slug": s, "organisation_id": o}
        for u, s, o in Membership.objects.filter(role=Role.COORDINATOR, user__is_active=True)
        .order_by("organisation_id")
        .values_list("user__username", "organisation__slug", "organisation_id")[:people]
    ]
    with_scan = list(
        Project.objects.filter(last_scan__isnull=False).values_list("pk", flat=True)[:2000]
    )
    organisations = set(
        Project.objects.filter(
            pk__in=[pk for person in leaders for pk in person["projects"]]
        ).values_list("owner_id", flat=True)
    ) | {c["organisation_id"] for c in coordinators}
    sessions = signed_in({p["username"] for p in leaders + coordinators})
    for person in leaders + coordinators:
        person["session"] = sessions[person["username"]]
    return {
        "leaders": leaders,
        "coordinators": coordinators,
        "pdf_projects": with_scan,
        "api": api_tokens(coordinators),
        "organisations": sorted(organisations),
    }


def open_scans(leaders: list[dict]) -> None:
    """A scan to answer for every project leader who has none open: the generator's scans are
    all submitted. Made once; later runs find them open (the same people are chosen)."""
    from django.contrib.auth import get_user_model
    from django.core.exceptions import PermissionDenied, ValidationError

    from koers.assessments.services import scan_start
    from koers.projects.models import Project

    users = get_user_model().objects.in_bulk(
        [p["username"] for p in leaders if not p["scans"]], field_name="username"
    )
    for person in leaders:
        if person["scans"]:
            continue
        user = users[person["username"]]
        for project in Project.objects.filter(pk__in=person["projects"], archived_at=None):
            try:
                scan = scan_start(project=project, by=user, respondents=[user])
            except (PermissionDenied, ValidationError):
                continue
            person["scans"] = [scan.pk]
            break


def analyses_kept(organisation_ids: list[int]) -> float:
    """What the worker keeps after the last change: the analyses the population reads. Seconds."""
    from koers.insights.kept import DEFAULT_KEY, compute_and_keep

    started = time.perf_counter()
    for organisation_id in organisation_ids:
        compute_and_keep(organisation_id=organisation_id, key=DEFAULT_KEY)
    return time.perf_counter() - started


def generate_national() -> None:
    """Fill an empty database with the national portfolio (demo generator) and say how long."""
    from koers.demo.generator import generate
    from koers.framework.services import DEFAULT_FRAMEWORK_FILE, framework_load
    from koers.organisations.models import Organisation
    from koers.projects.models import Project

    if Project.objects.exists():
        raise SystemExit("The database holds projects already; --generate fills an empty one.")
    started = time.perf_counter()
    framework_load(raw=DEFAULT_FRAMEWORK_FILE.read_bytes())
    generate(seed=1, organisations=1, projects_per_org=500)
    generate(seed=2, organisations=349, projects_per_org=60, log=print)
    print(
        f"{Project.objects.count()} projects in {Organisation.objects.count()} organisations, "
        f"generated in {time.perf_counter() - started:.0f} s"
    )


def signed_in(usernames: set[str]) -> dict[str, str]:
    """A session per person, made before the run: what signing in leaves behind."""
    from importlib import import_module

    from django.conf import settings
    from django.contrib.auth import (
        BACKEND_SESSION_KEY,
        HASH_SESSION_KEY,
        SESSION_KEY,
        get_user_model,
    )

    store = import_module(settings.SESSION_ENGINE).SessionStore
    keys = {}
    for user in get_user_model().objects.filter(username__in=usernames):
        session = store()
        session[SESSION_KEY] = str(user.pk)
        session[BACKEND_SESSION_KEY] = "django.contrib.auth.backends.ModelBackend"
        session[HASH_SESSION_KEY] = user.get_session_auth_hash()
        session.create()
        keys[user.username] = session.session_key
    return keys


def api_tokens(coordinators: list[dict]) -> list[dict]:
    """Read tokens for a few coordinators' scripts, when the REST API is installed."""
    try:
        from koers.api.services import api_token_create
    except ImportError:
        return []
    from django.contrib.auth import get_user_model

    from koers.organisations.models import Organisation
    from koers.projects.models import Project

    readers = []
    for person in coordinators[:20]:
        organisation = Organisation.objects.get(pk=person["organisation_id"])
        try:
            _token, secret = api_token_create(
                by=None,  # as the operator on the command line
                organisation=organisation,
                scope="read",
                name="load test (benchmarks/load.py)",
                user=get_user_model().objects.get(username=person["username"]),
            )
        except Exception as exc:  # an API this script does not know yet: run without it
            print(f"no API readers: the token could not be made ({exc!r})")
            return []
        projects = Project.objects.filter(owner=organisation).values_list("pk", flat=True)
        readers.append(
            {
                "token": secret,
                "list": f"/api/v1/projects?organisation={organisation.slug}",
                "detail": "/api/v1/projects/{id}",
                "projects": list(projects[:200]),
            }
        )
    return readers


LOCUSTFILE = r"""
import json, os, random, re
from locust import HttpUser, between, events, task

PLAN = json.loads(open(os.environ["KOERS_LOAD_PLAN"]).read())
MAX_REQUESTS = int(os.environ["KOERS_LOAD_MAX_REQUESTS"])
CSRF = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')
FIELD = re.compile(r'name="(i\d+)"')
VERSION = re.compile(r'name="version" value="(\d+)"')
COMPUTING = "data-koers-refresh"  # the page says the analysis is being computed
count = 0
computing: dict[str, int] = {}


@events.request.add_listener
def stop_at_bound(name, response=None, **kwargs):
    global count
    count += 1
    if response is not None and COMPUTING in getattr(response, "text", ""):
        computing[name] = computing.get(name, 0) + 1
    if count >= MAX_REQUESTS:
        ENV.runner.quit()


@events.init.add_listener
def keep_env(environment, **kwargs):
    global ENV
    ENV = environment


@events.quitting.add_listener
def tell_computing(environment, **kwargs):
    with open(os.environ["KOERS_LOAD_COMPUTING"], "w") as out:
        json.dump(computing, out)


class Person(HttpUser):
    abstract = True
    wait_time = between(1, 3)  # people read a page before opening the next

    def signed_in(self, person):
        # Signed in before the run (load.py): no password hash in the measured period.
        self.client.cookies.set("sessionid", person["session"], domain="127.0.0.1")


class ProjectLeader(Person):
    weight = 5

    def on_start(self):
        self.me = random.choice(PLAN["leaders"])
        self.signed_in(self.me)

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
        self.signed_in(self.me)

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
        self.me = random.choice(PLAN["coordinators"])
        self.signed_in(self.me)

    @task
    def pdf(self):
        project = random.choice(PLAN["pdf_projects"])
        with self.client.get(
            f"/projects/{project}/report.pdf", name="project PDF", catch_response=True
        ) as r:
            if r.status_code == 404:  # not visible to this coordinator: not a failure
                r.success()


class ApiReader(HttpUser):
    # An information manager's script: reads the organisation's projects through the API.
    weight = 1
    wait_time = between(1, 3)

    def on_start(self):
        self.me = random.choice(PLAN["api"])
        self.client.headers["Authorization"] = f"Token {self.me['token']}"

    @task(3)
    def projects(self):
        self.client.get(self.me["list"], name="API: project list")

    @task(2)
    def project(self):
        url = self.me["detail"].format(id=random.choice(self.me["projects"]))
        self.client.get(url, name="API: project")


if not PLAN["api"]:  # no REST API in this installation
    del ApiReader
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
            f"{r['95%']:>7} {r['99%']:>7} {float(r['Requests/s']):6.2f}"
        )
    failures = Path(f"{prefix}_failures.csv")
    if failures.exists():
        for r in list(csv.DictReader(failures.read_text().splitlines()))[:10]:
            print(f"  error: {r['Name']}: {r['Error']} ({r['Occurrences']}x)")


def start(command: list[str], env: dict, log: Path) -> subprocess.Popen:
    with open(log, "w") as out:  # the child keeps its own copy of the descriptor
        return subprocess.Popen(command, env=env, stdout=out, stderr=subprocess.STDOUT)


def stop(process: subprocess.Popen) -> None:
    process.send_signal(signal.SIGTERM)
    try:
        process.wait(timeout=60)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait()


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--users", type=int, default=50)
    parser.add_argument("--minutes", type=float, default=5)
    parser.add_argument("--max-requests", type=int, default=200_000)
    parser.add_argument("--workers", type=int, default=5, help="gunicorn worker processes")
    parser.add_argument("--port", type=int, default=8631)
    parser.add_argument("--locust", default=os.environ.get("LOCUST", str(VENV_BIN / "locust")))
    parser.add_argument(
        "--generate", action="store_true", help="fill the empty database at national scale, stop"
    )
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
    setup_django()
    if args.generate:
        generate_national()
        return
    koers("createcachetable", env=env)
    koers("collectstatic", "--noinput", env=env)
    people = plan(max(args.users, 50))
    print(f"analyses kept for {len(people['organisations'])} organisations in ", end="")
    print(f"{analyses_kept(people['organisations']):.0f} s")
    plan_file = work / "plan.json"
    plan_file.write_text(json.dumps(people))
    (work / "locustfile.py").write_text(LOCUSTFILE)
    # Session cookies are Secure in production; over loopback HTTP the client would not send
    # them back, so the server runs the production settings with that one change.
    (work / "koers_load_settings.py").write_text(
        "from koers.conf.production import *  # noqa\n"
        "SESSION_COOKIE_SECURE = CSRF_COOKIE_SECURE = False\n"
    )
    server_env = {**env, "DJANGO_SETTINGS_MODULE": "koers_load_settings", "PYTHONPATH": str(work)}
    url = f"http://127.0.0.1:{args.port}"
    gunicorn = [str(VENV_BIN / "gunicorn"), "koers.wsgi:application"]
    gunicorn += ["--bind", f"127.0.0.1:{args.port}", "--workers", str(args.workers)]
    server = start([*gunicorn, "--timeout", "120"], server_env, work / "gunicorn.log")
    worker = start(
        [str(VENV_BIN / "koers"), "db_worker", "--interval", "1", "--no-startup-delay"],
        server_env,
        work / "worker.log",
    )
    load_before = os.getloadavg()
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
                "--reset-stats",  # the figures start once every user has started
                "--loglevel",
                "WARNING",
            ],
            env={
                **env,
                "KOERS_LOAD_PLAN": str(plan_file),
                "KOERS_LOAD_MAX_REQUESTS": str(args.max_requests),
                "KOERS_LOAD_COMPUTING": str(work / "computing.json"),
            },
            check=False,
            stdout=subprocess.DEVNULL,
            stderr=open(work / "locust.log", "w"),  # noqa: SIM115 (closed when locust ends)
            timeout=args.minutes * 60 + 120,
        )
        seconds = time.perf_counter() - started
    finally:
        load_after = os.getloadavg()
        stop(server)
        stop(worker)
    engine = "PostgreSQL" if os.environ["DATABASE_URL"].startswith("postgres") else "SQLite"
    report(str(work / "load"), args.users, seconds, engine)
    computing = work / "computing.json"
    if computing.exists() and json.loads(computing.read_text()):
        print(f"pages that said 'being computed': {computing.read_text()}")
    print(
        f"load average (1 min) {load_before[0]:.1f} at the start, {load_after[0]:.1f} at the "
        f"end, on {os.cpu_count()} cores"
    )
    log = (work / "gunicorn.log").read_text().splitlines()
    errors = [line for line in log if '"level": "ERROR"' in line]
    print(f"server errors logged: {len(errors)}; files in {work}")


if __name__ == "__main__":
    main()
