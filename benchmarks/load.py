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
period.

The population (weights) and what each person does between two requests, from what people do
with Koers (`--pace people`, the default):

- Project leaders (5) open one of their projects and read it (10-40 s: stage, team, the scan's
  result, the actions), or open their scan's form, answer for one to three minutes (about forty
  statements, each read and weighed) and save a draft, then move on (5-15 s).
- Coordinators (2) look at My tasks (5-20 s), study the dashboard (20-60 s: the funnel, the
  stalled projects, a row of scores per project, the trend) or the cross-case analysis
  (30-90 s: paths and their reading).
- PDF readers (1) take a report of a project of their own organisation to a meeting and read it
  for two to five minutes before the next: 12 to 30 an hour, within the download limit of 20
  per five minutes, which exists against scraping and must not bite a reader.
- API readers (1): an information manager's BI tool refreshing every 45-75 s: the
  organisation's project list (every page, 100 a page) and the details of three projects.
  Only when the REST API is installed (`koers.api`).

A person at this pace makes a request every 20-30 s on average: 50 people offer roughly 2-3
requests a second, 200 about 10. `--pace stress` keeps the old pace (1 to 3 s after every
request, whatever it was; the scan form saved at once), which offers 20-25 requests a second
from 50 people: not what people do, but it finds the server's capacity (throughput at
saturation) and shows where the CPU goes; there a PDF reader downloading every few seconds is
refused by the download limit, as a scraper is, and those refusals are counted apart.
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
    # Each coordinator's own organisation's projects with a scan: the PDFs they take along.
    with_scan: dict[int, list[int]] = {}
    for owner_id, pk in Project.objects.filter(
        owner_id__in=[c["organisation_id"] for c in coordinators],
        last_scan__isnull=False,
        archived_at=None,
    ).values_list("owner_id", "pk"):
        with_scan.setdefault(owner_id, []).append(pk)
    for person in coordinators:
        person["projects"] = with_scan.get(person["organisation_id"], [])[:200]
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
                "list": f"/api/v1/projects?organisation={organisation.slug}&pageSize=100",
                "detail": "/api/v1/projects/{id}",
                "projects": list(projects[:200]),
            }
        )
    return readers


LOCUSTFILE = r"""
import json, os, random, re
import gevent
from locust import HttpUser, events, task

PLAN = json.loads(open(os.environ["KOERS_LOAD_PLAN"]).read())
MAX_REQUESTS = int(os.environ["KOERS_LOAD_MAX_REQUESTS"])
STRESS = os.environ["KOERS_LOAD_PACE"] == "stress"
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


def seconds(low, high):
    # How long a person spends on what they just opened (see the docstring of load.py);
    # --pace stress: 1 to 3 s whatever it is, to find the server's capacity.
    return random.uniform(1, 3) if STRESS else random.uniform(low, high)


class Person(HttpUser):
    abstract = True
    think = 1.0

    def wait_time(self):
        return self.think

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
        self.think = seconds(10, 40)  # the page: stage, team, scan result, actions

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
        gevent.sleep(seconds(60, 180))  # reading statements and choosing, then saving
        self.client.post(f"/scans/{scan}/answer/", data, name="scan answer save (draft)")
        self.think = seconds(5, 15)


class Coordinator(Person):
    weight = 2

    def on_start(self):
        self.me = random.choice(PLAN["coordinators"])
        self.signed_in(self.me)

    @task(2)
    def portfolio(self):
        self.client.get("/", name="portfolio (home)")
        self.think = seconds(5, 20)  # my tasks: what is new, then on

    @task(3)
    def dashboard(self):
        self.client.get(f"/dashboard/{self.me['slug']}/", name="dashboard")
        self.think = seconds(20, 60)  # figures, tables and charts of the portfolio

    @task(1)
    def analysis(self):
        self.client.get(f"/dashboard/{self.me['slug']}/analysis/", name="analysis")
        self.think = seconds(30, 90)  # the paths to success and their reading


class PdfReader(Person):
    # Someone taking a project's report to a meeting: a project of their own organisation,
    # read for minutes before the next. The download limit (against scraping) never bites.
    weight = 1

    def on_start(self):
        self.me = random.choice([c for c in PLAN["coordinators"] if c["projects"]])
        self.signed_in(self.me)

    @task
    def pdf(self):
        project = random.choice(self.me["projects"])
        url = f"/projects/{project}/report.pdf"
        with self.client.get(url, name="project PDF", catch_response=True) as r:
            if STRESS and r.status_code == 429:
                # At 1-3 s a reader is a scraper, and the limit refuses it as it should:
                # counted apart, not as an error of the server.
                r.request_meta["name"] = "project PDF refused (download limit, stress)"
                r.success()
        self.think = seconds(120, 300)


class ApiReader(HttpUser):
    # A BI tool's refresh: every minute or so the organisation's project list (all pages,
    # 100 a page), then the details of a few projects.
    weight = 1

    def wait_time(self):
        return seconds(45, 75)

    def on_start(self):
        self.me = random.choice(PLAN["api"])
        self.client.headers["Authorization"] = f"Token {self.me['token']}"

    @task
    def refresh(self):
        url = self.me["list"]
        for _page in range(50):  # bounded, whatever the API answers
            r = self.client.get(url, name="API: project list")
            if r.status_code != 200:
                return
            url = ((r.json().get("_links") or {}).get("next") or {}).get("href")
            if not url:
                break
        for _ in range(3):
            detail = self.me["detail"].format(id=random.choice(self.me["projects"]))
            self.client.get(detail, name="API: project")


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


def report(prefix: str, users: str, seconds: float, database: str) -> None:
    rows = list(csv.DictReader(Path(f"{prefix}_stats.csv").read_text().splitlines()))
    print(f"\n{database}, {users}, {seconds:.0f} s")
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
    parser.add_argument(
        "--pace",
        choices=("people", "stress"),
        default="people",
        help="people: the think times of the docstring; stress: 1 to 3 s after every request",
    )
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
                "KOERS_LOAD_PACE": args.pace,
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
    report(str(work / "load"), f"{args.users} users at the pace of {args.pace}", seconds, engine)
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
