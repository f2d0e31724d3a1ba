"""Offer only what the role may do: every link and form a page offers a person is one the
services let them use (never a 403), and a refusal says the real reason.

The crawl starts from the pages every role reaches and follows each offered same-site link
once; each offered POST form is sent (with the values it shows) inside a savepoint that is
rolled back, so the permission check runs and nothing stays changed."""

from html.parser import HTMLParser
from urllib.parse import urljoin, urlsplit

import pytest
from django.db import transaction
from django.test import Client
from django.urls import reverse

from koers.actions.services import action_create
from koers.assessments.services import scan_start
from koers.projects.models import Visibility
from tests.factories import make_project


class Offers(HTMLParser):
    """The links (GET) and forms (POST, with their field values) on a page."""

    def __init__(self) -> None:
        super().__init__()
        self.links: set[str] = set()
        self.forms: list[tuple[str, dict[str, str]]] = []
        self._form: tuple[str, dict[str, str]] | None = None

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "a" and a.get("href"):
            self.links.add(a["href"])
        elif tag == "form" and (a.get("method") or "get").lower() == "post":
            self._form = (a.get("action") or "", {})
            self.forms.append(self._form)
        elif self._form and tag in ("input", "button", "select") and a.get("name"):
            kind = a.get("type", "")
            if kind in ("checkbox", "radio") and "checked" not in a:
                return
            self._form[1].setdefault(a["name"], a.get("value") or "")

    def handle_endtag(self, tag):
        if tag == "form":
            self._form = None


# Offered but not the site's own pages: the switch of language, logging out, downloads.
SKIP = ("/i18n/", "/accounts/logout/", ".pdf", ".csv", ".xlsx", "/admin/", "#", "mailto:")


def crawl(user, start: list[str]) -> tuple[list[str], int]:
    client = Client()
    client.force_login(user)
    seen, queue, refused, followed = set(), list(start), [], 0
    while queue:
        url = queue.pop()
        path = urlsplit(url).path + (f"?{urlsplit(url).query}" if urlsplit(url).query else "")
        if path in seen or any(s in url for s in SKIP) or urlsplit(url).netloc:
            continue
        seen.add(path)
        response = client.get(path)
        followed += 1
        if response.status_code == 403:
            refused.append(f"GET {path}")
            continue
        if response.status_code != 200 or "text/html" not in response.get("Content-Type", ""):
            continue
        offers = Offers()
        offers.feed(response.content.decode())
        # Only pages inside the project or organisation under test, so the crawl stays small.
        queue += [urljoin(path, h) for h in offers.links if h.startswith(("/", "?"))]
        for action, data in offers.forms:
            target = urljoin(path, action) if action else path
            if any(s in target for s in SKIP):
                continue
            sid = transaction.savepoint()
            status = client.post(target, data).status_code
            transaction.savepoint_rollback(sid)
            if status == 403:
                refused.append(f"POST {target} (offered on {path})")
    return refused, followed


@pytest.fixture
def site(world):
    world.project.visibility = Visibility.ORGANISATION
    world.project.save()
    scan_start(project=world.project, by=world.member, respondents=[world.member])
    action_create(project=world.project, by=world.member, title="Eerste actie")
    make_project(world.b, world.b_member, visibility=Visibility.NETWORK, title="Gedeeld")
    return world


@pytest.mark.parametrize(
    "who", ["viewer", "member", "other_member", "coordinator", "admin", "b_member"]
)
def test_every_offer_is_allowed(site, who):
    start = [reverse("web:home"), reverse("web:projects"), reverse("web:library")]
    if who != "b_member":
        start.append(reverse("web:project", args=[site.project.pk]))
    refused, followed = crawl(getattr(site, who), start)
    assert followed > 5
    assert not refused, f"{who} is offered what is then refused:\n" + "\n".join(refused)


def test_a_viewer_is_not_offered_a_new_project_and_is_told_why(site):
    client = Client()
    client.force_login(site.viewer)
    html = client.get(reverse("web:projects")).content.decode()
    assert reverse("web:project_create") not in html
    response = client.get(reverse("web:project_create"))
    assert response.status_code == 403
    body = response.content.decode()
    assert site.a.name in body and "kijker" in body.lower()
    assert "lid van een organisatie" not in body  # the old, untrue reason


def test_someone_without_an_organisation_is_told_so(db):
    from tests.factories import UserFactory

    client = Client()
    client.force_login(UserFactory())
    response = client.get(reverse("web:project_create"))
    assert response.status_code == 403
    assert "nog geen lid van een organisatie" in response.content.decode()


def test_members_are_offered_a_new_project(site):
    client = Client()
    client.force_login(site.member)
    assert reverse("web:project_create") in client.get(reverse("web:projects")).content.decode()
    assert client.get(reverse("web:project_create")).status_code == 200
