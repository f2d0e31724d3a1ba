"""Expensive downloads (PDF reports, XLSX and CSV exports) are limited per user: requests
beyond the limit within a window get a clear 429 page in the user's language. The count
lives in Django's cache, which the settings make a database table that every app process
shares. The window's clock is fixed in these tests."""

import pytest
from django.core.cache.backends.db import DatabaseCache
from django.core.management import call_command
from django.test import Client
from django.urls import reverse

from koers.guards import ratelimit
from tests.insights.test_dashboard import portfolio  # noqa: F401 (fixture)


@pytest.fixture
def clock(monkeypatch, settings):
    settings.KOERS_RATE_LIMITS = {"downloads": (3, 300)}
    moment = {"now": 1_000_000.0 * 300}
    monkeypatch.setattr(ratelimit, "now", lambda: moment["now"])
    return moment


def test_downloads_beyond_the_limit_get_a_429_page_in_dutch(portfolio, clock):  # noqa: F811
    client = Client()
    client.force_login(portfolio.coordinator)
    slug = portfolio.a.slug
    urls = [
        reverse("web:project_report", args=[portfolio.project.pk]),
        reverse("web:portfolio_export", args=[slug, "actions", "csv"]),
        reverse("web:portfolio_export", args=[slug, "all", "xlsx"]),
        reverse("web:portfolio_report", args=[slug]),
    ]
    assert [client.get(url).status_code for url in urls] == [200, 200, 200, 429]
    refused = client.get(urls[0])
    assert refused.status_code == 429
    assert "Te veel downloads" in refused.content.decode()
    assert refused["Retry-After"] == "300"
    assert "no-store" in refused["Cache-Control"]
    # Someone else counts apart; pages are not downloads.
    other = Client()
    other.force_login(portfolio.member)
    assert other.get(urls[0]).status_code == 200
    assert client.get(reverse("web:home")).status_code == 200
    # The next window starts afresh.
    clock["now"] += 300
    assert client.get(urls[1]).status_code == 200


def test_the_count_is_shared_through_a_database_cache(db, settings, clock, monkeypatch):
    """Two cache objects on the same table, as two app processes have: requests counted
    through one count in the other."""
    settings.CACHES = {
        "default": {"BACKEND": "django.core.cache.backends.db.DatabaseCache", "LOCATION": "t"}
    }
    call_command("createcachetable", verbosity=0)
    monkeypatch.setattr(ratelimit, "cache", DatabaseCache("t", {}))
    assert [ratelimit.allow("downloads", 7)[0] for _ in range(3)] == [True, True, True]
    monkeypatch.setattr(ratelimit, "cache", DatabaseCache("t", {}))  # another process
    assert ratelimit.allow("downloads", 7) == (False, 300)
    assert ratelimit.allow("downloads", 8)[0]  # another user
