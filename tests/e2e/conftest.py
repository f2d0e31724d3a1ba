"""Browser tests: Debian's Chromium driven by Playwright, with axe-core on every page."""

import os
from pathlib import Path

import pytest

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-quic",
    "--no-first-run",
]
AXE = Path(__file__).resolve().parents[2] / "node_modules" / "axe-core" / "axe.min.js"
ARTIFACTS = Path(__file__).resolve().parents[2] / "test-artifacts"

# Playwright's sync API runs an event loop in this thread; the ORM calls in the tests are
# ordinary blocking calls made between browser steps, not from inside the loop.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")


@pytest.fixture(scope="session")
def browser():
    from playwright.sync_api import sync_playwright

    # A missing browser is a failure, never a skip.
    assert Path(CHROMIUM).exists(), f"{CHROMIUM} is missing: apt-get install chromium"
    assert AXE.exists(), f"{AXE} is missing: run npm ci"
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@pytest.fixture
def page(browser):
    # axe-core is injected as a script; the app's CSP (script-src 'self') would refuse it.
    context = browser.new_context(
        bypass_csp=True, viewport={"width": 1280, "height": 900}, locale="nl-NL"
    )
    page = context.new_page()
    yield page
    context.close()


def check_accessibility(page, name: str) -> None:
    """Run axe-core (WCAG 2.1 A and AA rules) on the current page; fail on any violation."""
    page.add_script_tag(path=str(AXE))
    result = page.evaluate(
        "async () => await axe.run(document, {runOnly: {type: 'tag', values: "
        "['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']}})"
    )
    violations = [
        f"{v['id']} ({v['impact']}): {v['help']} — {[n['target'] for n in v['nodes']][:3]}"
        for v in result["violations"]
    ]
    if os.environ.get("KOERS_SCREENSHOTS"):
        ARTIFACTS.mkdir(exist_ok=True)
        page.screenshot(path=str(ARTIFACTS / f"{name}.png"), full_page=True)
    assert not violations, f"axe-core on {name} ({page.url}):\n" + "\n".join(violations)


def log_in(page, base: str, username: str) -> None:
    """Log in through the login page (checked by axe) with the factories' password."""
    page.goto(f"{base}/accounts/login/")
    check_accessibility(page, "login")
    page.fill("#id_username", username)
    page.fill("#id_password", "secret-pass-123")
    page.click("button[type=submit]")
    page.wait_for_url(f"{base}/")
