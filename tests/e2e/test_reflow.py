"""Every page as project leader, team member, coordinator and viewer, in Dutch and English, at
1280 px and at 320 px (a phone, and 1280 px at 400 % zoom), on the demo portfolio:

- nothing is wider than the window (WCAG 1.4.10, reflow); data tables and the trend chart
  scroll inside their own labelled region (role="region", a label, tabindex="0");
- the main navigation is whole, headings keep their words inside their box;
- no text of a chart falls outside its drawing, and every swatch of a chart's key sits with
  its label;
- no form field is in error style before anyone typed;
- axe-core finds no WCAG 2.1 A/AA violation.

Pages are a table: a new page is one row in PAGES (and `test_every_page_is_in_the_table`
says when one is missing). With KOERS_SCREENSHOTS=1 every page is saved at both widths under
test-artifacts/reflow/.
"""

import datetime
import os
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from types import SimpleNamespace
from typing import Any

import pytest
from django.contrib.auth import get_user_model
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from koers.actions.models import Action
from koers.assessments.models import Response, Scan
from koers.demo.generator import DEMO_PASSWORD, generate
from koers.framework.services import DEFAULT_FRAMEWORK_FILE, framework_load
from koers.library.models import ReferenceCase
from koers.library.services import reference_cases_load
from koers.projects.models import Project, TeamRole, Visibility

from . import evidence_records, reflow_accounts, reflow_imports
from .conftest import ARTIFACTS, AXE

pytestmark = pytest.mark.e2e

LEADER, MEMBER, COORDINATOR, VIEWER = "projectleider", "teamlid", "coordinator", "kijker"
EVERYONE = (LEADER, MEMBER, COORDINATOR, VIEWER)
# The organisation's administrator visits only the pages that are theirs alone.
ADMIN = "beheerder"
EDITORS = (LEADER, MEMBER, COORDINATOR)
# Every page at these widths; 375 px (a common phone) checks the layout only. axe-core runs
# once per page, language and width (roles differ only in the buttons they are offered, which
# the checks above cover): at both widths in Dutch, at 320 px in English, where only the words
# change.
WIDTHS = {"nl": (1280, 375, 320), "en": (1280, 320)}
AXE_WIDTHS = {"nl": (1280, 320), "en": (320,)}
TODAY = datetime.date(2026, 6, 15)  # the demo portfolio as of one fixed day


def none(w: SimpleNamespace, user: Any) -> list[Any]:
    return []


def project(w: SimpleNamespace, user: Any) -> list[Any]:
    return [w.project.pk]


def org(w: SimpleNamespace, user: Any) -> list[Any]:
    return [w.organisation.slug]


def own_response(w: SimpleNamespace, user: Any) -> list[Any] | None:
    response = Response.objects.filter(respondent=user).order_by("-scan__opened_on").first()
    return [response.scan_id] if response else None


def register_record(w: SimpleNamespace, user: Any) -> list[Any]:
    """The project with a register record, so that the form shows its completeness."""
    from koers.register.services import algorithm_record_create

    algorithm_record_create(project=w.project, by=w.users[LEADER])
    return [w.project.pk]


def question_link(w: SimpleNamespace) -> Any:
    """A question of the organisation that the chosen project answers (linked here when the
    demo did not link one to it)."""
    from koers.questions.models import Question, QuestionLink
    from koers.questions.services import question_take_up

    if not hasattr(w, "question_link"):
        link = QuestionLink.objects.filter(project=w.project).first()
        if link is None:
            waiting = Question.objects.filter(
                organisation=w.organisation, status__in=["new", "considering"]
            ).order_by("pk")
            question = waiting.filter(domain=w.project.domain).first() or waiting.first()
            link = question_take_up(question=question, project=w.project, by=w.users[COORDINATOR])
        w.question_link = link
    return w.question_link


def question(w: SimpleNamespace, user: Any) -> list[Any]:
    return [question_link(w).question_id]


def record_pages() -> list["Page"]:
    """Adding and changing a partner, a budget line and a mandate of the chosen project."""
    from .record_rows import record_pages as rows

    return rows(Page, project, EDITORS)


@dataclass(frozen=True)
class Page:
    key: str  # names the screenshots
    url: str  # a URL name for reverse(), or a path
    args: Callable[[SimpleNamespace, Any], list[Any] | None] = none  # None: not for this person
    roles: tuple[str, ...] = EVERYONE
    status: int = 200


PAGES = [
    Page("home", "web:home"),
    Page("project-create", "web:project_create", roles=EDITORS),
    Page("project", "web:project", project),
    Page("project-edit", "web:project_edit", project, roles=EDITORS),
    Page("project-stage", "web:project_stage", project, roles=EDITORS),
    Page("project-team", "web:project_team", project, roles=EDITORS),
    Page("scan-start", "web:scan_start", project, roles=EDITORS),
    Page("scan", "web:scan", lambda w, u: [w.scan.pk]),
    Page("scan-answer", "web:scan_answer", own_response, roles=EDITORS),
    Page("action-create", "web:action_create", project, roles=EDITORS),
    Page("action-edit", "web:action_edit", lambda w, u: [w.action.pk], roles=EDITORS),
    Page("register-edit", "web:register_edit", register_record, roles=EDITORS),
    Page("register-organisation", "web:register_organisation", org, roles=(COORDINATOR,)),
    Page("step-create", "web:step_create", project, roles=EDITORS),
    Page("step-edit", "web:step_edit", evidence_records.step, roles=EDITORS),
    Page("session-create", "web:end_user_session_create", project, roles=EDITORS),
    Page("session-edit", "web:end_user_session_edit", evidence_records.session, roles=EDITORS),
    Page("learning-create", "web:learning_event_create", project, roles=EDITORS),
    Page("learning-edit", "web:learning_event_edit", evidence_records.learning, roles=EDITORS),
    Page("lessons", "web:lessons"),
    Page("dashboard", "web:dashboard", org, roles=(COORDINATOR,)),
    Page("analysis", "web:analysis", org, roles=(COORDINATOR,)),
    Page("library", "web:library"),
    Page("study-case", "web:study_case", lambda w, u: [w.case.key]),
    Page("shared-project", "web:shared_project", lambda w, u: [w.shared.pk]),
    Page("projects", "web:projects"),
    Page("project-history", "web:project_history", project),
    Page("project-invite", "web:project_invite", project, roles=EDITORS),
    Page("notices", "web:notices"),
    Page("notice-preferences", "web:notice_preferences"),
    Page("org-members", "web:org_members", org, roles=(COORDINATOR,)),
    Page("org-invitations", "web:org_invitations", org, roles=(COORDINATOR,)),
    Page("org-invite-bulk", "web:org_invite_bulk", org, roles=(COORDINATOR,)),
    Page("import", "web:import_start", org, roles=(COORDINATOR,)),
    Page("import-columns", "web:import_columns", reflow_imports.upload, roles=(COORDINATOR,)),
    Page("import-check", "web:import_check", reflow_imports.upload, roles=(COORDINATOR,)),
    Page("import-status", "web:import_status", reflow_imports.failed, roles=(COORDINATOR,)),
    Page("account-security", "account_security"),
    Page("password-change", "password_change"),
    Page("password-change-done", "password_change_done"),
    Page("api-tokens", "web:api_tokens"),
    Page("two-factor-setup", "two_factor_setup", roles=(MEMBER,)),
    Page("help", "web:help"),
    Page("accessibility", "web:accessibility"),
    Page("privacy", "web:privacy"),
    Page("questions", "web:questions"),
    Page("my-questions", "web:my_questions"),
    Page("question-create", "web:question_create"),
    Page("question", "web:question", question),
    Page("question-edit", "web:question_edit", question, roles=(COORDINATOR,)),
    Page("question-triage", "web:question_triage", question, roles=(COORDINATOR,)),
    Page("question-take-up", "web:question_take_up", question, roles=(COORDINATOR,)),
    Page("question-project", "web:question_start_project", question, roles=(COORDINATOR,)),
    Page("question-same-need", "web:question_same_need", question, roles=(COORDINATOR,)),
    Page(
        "question-feedback",
        "web:question_feedback",
        lambda w, u: [question_link(w).pk],
        roles=EDITORS,
    ),
    *record_pages(),
    # Refusals and errors look like the site too.
    Page("org-settings", "web:org_settings", org, roles=(ADMIN,)),
    Page("org-identity-groups", "web:org_identity_groups", org, roles=(ADMIN,)),
    Page("refused-settings", "web:org_settings", org, roles=(COORDINATOR,), status=403),
    Page("refused-edit", "web:project_edit", project, roles=(VIEWER,), status=403),
    Page("refused-import", "web:import_start", org, roles=(MEMBER,), status=403),
    Page("not-found", "/projects/999999/", roles=(MEMBER,), status=404),
]
# Pages before logging in.
ANONYMOUS = [
    "login",
    "password_reset",
    "password_reset_done",
    "password_reset_complete",
    "oidc_refused",
]
# Pages before logging in that a link in a mail opens: URL name, the link's arguments.
ANONYMOUS_LINKS = [
    ("password_reset_confirm", lambda w: reflow_accounts.password_reset_link(w, w.users[VIEWER])),
    ("invitation_accept", lambda w: reflow_accounts.invitation_link(w, w.users[COORDINATOR])),
]
# URL names that are no page of their own: downloads, and forms that only accept a POST.
NOT_PAGES = {
    "web:dashboard_home": "redirects to the coordinator's own dashboard",
    "web:project_report": "a PDF download",
    "web:portfolio_report": "a PDF download",
    "web:portfolio_export": "an XLSX or CSV download",
    "web:import_template": "an XLSX or CSV download",
    "web:import_apply": "POST only",
    "web:project_team_remove": "POST only",
    "web:action_adopt_option": "POST only",
    "web:adopt_study_case": "POST only",
    "web:adopt_shared_project": "POST only",
    "web:organisations": "redirects to the members of the one organisation coordinated",
    "web:notice_open": "redirects to what the notice is about",
    "web:notices_read": "POST only",
    "web:org_member_role": "POST only",
    "web:org_member_remove": "POST only",
    "web:org_member_unlock": "POST only",
    "web:invitation_resend": "POST only",
    "web:invitation_revoke": "POST only",
    "web:scan_close": "POST only",
    "web:scan_reopen": "POST only",
    "web:project_archive": "POST only",
    "web:action_delete": "POST only",
    "web:register_delete": "POST only",
    "web:register_download": "a JSON or CSV download",
    "web:register_organisation_download": "a JSON or CSV download",
    "web:step_delete": "POST only",
    "web:end_user_session_delete": "POST only",
    "web:learning_event_delete": "POST only",
    "web:api_token_revoke": "POST only",
    "web:question_unlink": "POST only",
    "web:question_same_need_remove": "POST only",
    "web:partner_remove": "POST only",
    "web:budget_remove": "POST only",
    "web:mandate_remove": "POST only",
    "web:org_identity_group_remove": "POST only",
    "oidc_authentication_init": "redirects to the identity provider",
    "oidc_authentication_callback": "the identity provider's answer",
    "oidc_logout": "POST only",
    "two_factor_disable": "POST only",
    "two_factor_verify": "redirects unless two-factor sign-in is on",
    "logout": "POST only",
    "set_language": "POST only",
}


def url_names(resolver: URLResolver | None = None, prefix: str = "") -> set[str]:
    names = set()
    for entry in (resolver or get_resolver()).url_patterns:
        if isinstance(entry, URLResolver):
            if entry.app_name in {"admin", "api"} or entry.urlconf_name == "django.conf.urls.i18n":
                continue
            space = f"{entry.namespace}:" if entry.namespace else ""
            names |= url_names(entry, prefix + space)
        elif isinstance(entry, URLPattern) and entry.name:
            names.add(prefix + entry.name)
    return names


def test_every_page_is_in_the_table():
    """A new URL gets a row in PAGES (or a reason in NOT_PAGES), so it is checked too."""
    covered = {p.url for p in PAGES} | set(NOT_PAGES) | set(ANONYMOUS)
    covered |= {name for name, _ in ANONYMOUS_LINKS}
    missing = sorted(url_names() - covered)
    assert not missing, f"add these to PAGES or NOT_PAGES in {__file__}: {missing}"


def demo_world() -> SimpleNamespace:
    framework_load(raw=DEFAULT_FRAMEWORK_FILE.read_bytes())
    reference_cases_load()
    generate(today=TODAY)
    User = get_user_model()
    users = {name: User.objects.get(username=name) for name in (*EVERYONE, ADMIN)}
    # The project leader's project with the team member on it, visible to the organisation,
    # with the most scans (a radar against the previous scan) and actions.
    led = (
        Project.objects.filter(
            team__user=users[LEADER],
            team__team_role=TeamRole.PROJECT_LEADER,
            visibility__in=[Visibility.ORGANISATION, Visibility.NETWORK],
        )
        .filter(team__user=users[MEMBER])
        .exclude(last_scan=None)
    )
    chosen = max(led, key=lambda p: (p.scans.count(), p.actions.count(), -p.pk))
    organisation = chosen.owner
    return SimpleNamespace(
        users=users,
        project=chosen,
        organisation=organisation,
        scan=Scan.objects.get(pk=chosen.last_scan_id),
        action=Action.objects.filter(project=chosen).first()
        or Action.objects.create(project=chosen, title="Leg de tijd van de projectleider vast"),
        case=ReferenceCase.objects.order_by("key").first(),
        shared=Project.objects.filter(visibility=Visibility.NETWORK)
        .exclude(owner=organisation)
        .order_by("pk")
        .first(),
    )


CHECKS = (Path(__file__).parent / "reflow_checks.js").read_text()

AXE_RUN = (
    "async () => (await axe.run(document, {runOnly: {type: 'tag', values: "
    "['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']}, resultTypes: ['violations']})).violations.map("
    "(v) => `${v.id}: ${v.help} ${JSON.stringify(v.nodes.slice(0, 3).map((n) => n.target))}`)"
)


def look_at(page, name: str, width: int, with_axe: bool) -> list[str]:
    page.set_viewport_size({"width": width, "height": 900})
    problems = page.evaluate(CHECKS)
    if with_axe:
        if not page.evaluate("typeof axe !== 'undefined'"):
            page.add_script_tag(path=str(AXE))
        problems += [f"axe {v}" for v in page.evaluate(AXE_RUN)]
    if os.environ.get("KOERS_SCREENSHOTS") and width != 375:
        (ARTIFACTS / "reflow").mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(ARTIFACTS / "reflow" / f"{name}-{width}.png"), full_page=True)
    return [f"{name} at {width} px: {p}" for p in problems]


def log_in(context, base: str, username: str):
    page = context.new_page()
    page.goto(f"{base}/accounts/login/")
    page.fill("#id_username", username)
    page.fill("#id_password", DEMO_PASSWORD)
    page.click("button[type=submit]")
    page.wait_for_url(f"{base}/")
    return page


def test_every_page_reflows_and_passes_axe(live_server, browser, transactional_db):
    w = demo_world()
    base = live_server.url
    problems: list[str] = []
    visited = 0
    axed: set[tuple[str, str, int]] = set()
    anonymous_pages = [(name, reverse(name)) for name in ANONYMOUS]
    anonymous_pages += [(name, reverse(name, args=args(w))) for name, args in ANONYMOUS_LINKS]
    for language in ("nl", "en"):
        context = browser.new_context(bypass_csp=True, viewport={"width": 1280, "height": 900})
        context.add_cookies([{"name": "django_language", "value": language, "url": base}])
        anonymous = context.new_page()
        for name, url in anonymous_pages:
            anonymous.goto(base + url)
            for width in WIDTHS[language]:
                axe = width in AXE_WIDTHS[language]
                problems += look_at(anonymous, f"{language}-{name}", width, axe)
        anonymous.close()
        for role in (*EVERYONE, ADMIN):
            page = log_in(context, base, role)
            user = w.users[role]
            for p in PAGES:
                args = p.args(w, user) if role in p.roles else None
                if args is None:
                    continue
                url = p.url if p.url.startswith("/") else reverse(p.url, args=args)
                response = page.goto(base + url)
                name = f"{language}-{role}-{p.key}"
                if response.status != p.status:
                    problems.append(f"{name}: status {response.status}, expected {p.status}")
                    continue
                assert page.locator("html").get_attribute("lang") == language, name
                for width in WIDTHS[language]:
                    axe = width in AXE_WIDTHS[language] and (language, p.key, width) not in axed
                    axed.add((language, p.key, width))
                    problems += look_at(page, name, width, axe)
                visited += 1
            page.close()
            context.clear_cookies()
            context.add_cookies([{"name": "django_language", "value": language, "url": base}])
        context.close()
    assert visited >= 2 * 30  # the table's pages were reached, not skipped for want of data
    assert not problems, f"{len(problems)} problems:\n" + "\n".join(problems)


def test_the_skip_link_is_readable_when_it_gets_focus(live_server, page, transactional_db):
    """The first Tab shows 'Skip to content' inside the window, dark on light (≥ 4.5:1)."""
    page.set_viewport_size({"width": 320, "height": 700})
    page.goto(f"{live_server.url}/accounts/login/")
    page.keyboard.press("Tab")
    found = page.evaluate((Path(__file__).parent / "focused_contrast.js").read_text())
    assert "koers-skip" in found["cls"] and found["text"] == "Naar de inhoud"
    assert found["opaque"] and found["inside"]
    assert found["contrast"] >= 4.5, found
    page.keyboard.press("Enter")
    assert page.evaluate("document.activeElement.id") == "main"
