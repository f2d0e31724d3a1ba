"""Evidence beside opinion in the browser, on the demo portfolio with a step, a session and
a done action pointing at its step: the scan page, the project page, the action's form with
its records to choose from, the dashboard's coverage and the analysis with an evidence
condition, at 1280 and 320 px, in Dutch and English, reflowing and passing axe-core (the
checks of test_reflow). With KOERS_SCREENSHOTS=1 the pages are saved under
test-artifacts/reflow/evidence-*.png."""

import datetime

import pytest
from django.urls import reverse

from koers.actions.models import ActionStatus
from koers.actions.services import action_update
from koers.evidence.models import EndUserSession, Step

from .test_reflow import COORDINATOR, LEADER, TODAY, demo_world, log_in, look_at

pytestmark = pytest.mark.e2e


def test_evidence_pages_reflow_and_pass_axe(live_server, browser, transactional_db):
    w = demo_world()
    leader = w.users[LEADER]
    day = TODAY - datetime.timedelta(days=20)
    step = Step.objects.create(
        project=w.project,
        goal="Voorspelmodel op één wijk uitproberen met de wijkteams",
        started_on=day - datetime.timedelta(days=14),
        planned_end=day,
        ended_on=day,
        result="worked",
    )
    EndUserSession.objects.create(project=w.project, kind="test", held_on=day, participants=6)
    w.action.refresh_from_db()
    action_update(
        action=w.action,
        by=leader,
        expected_version=w.action.version,
        status=ActionStatus.DONE,
        evidence=step,
    )
    base = live_server.url
    slug = w.organisation.slug
    pages = [
        (LEADER, "scan", reverse("web:scan", args=[w.scan.pk]), "h-beside"),
        (LEADER, "project", reverse("web:project", args=[w.project.pk]), "h-beside"),
        (LEADER, "action-edit", reverse("web:action_edit", args=[w.action.pk]), "id_evidence"),
        (COORDINATOR, "dashboard", reverse("web:dashboard", args=[slug]), "h-coverage"),
        (
            COORDINATOR,
            "analysis",
            reverse("web:analysis", args=[slug]) + "?evidence=ev_end_users&evidence=ev_recent_step",
            "id_evidence_0",
        ),
    ]
    problems: list[str] = []
    for language in ("nl", "en"):
        context = browser.new_context(bypass_csp=True, viewport={"width": 1280, "height": 900})
        context.add_cookies([{"name": "django_language", "value": language, "url": base}])
        for role in (LEADER, COORDINATOR):
            page = log_in(context, base, role)
            for who, key, url, marker in pages:
                if who != role:
                    continue
                response = page.goto(base + url)
                assert response.status == 200, (key, response.status)
                assert page.locator(f"#{marker}").count() == 1, (language, key, marker)
                for width in (1280, 320):
                    problems += look_at(page, f"evidence-{language}-{key}", width, True)
            page.close()
            context.clear_cookies()  # the next person logs in afresh
            context.add_cookies([{"name": "django_language", "value": language, "url": base}])
        context.close()
    assert not problems, f"{len(problems)} problems:\n" + "\n".join(problems)
