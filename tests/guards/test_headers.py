"""Responses for a signed-in person (pages, PDFs, exports, redirects) tell browsers and
proxies to keep no copy."""

from django.test import Client
from django.urls import reverse

from tests.insights.test_dashboard import portfolio  # noqa: F401 (fixture)


def test_signed_in_responses_are_not_stored(portfolio):  # noqa: F811
    client = Client()
    client.force_login(portfolio.coordinator)
    slug, pk = portfolio.a.slug, portfolio.project.pk
    for url in (
        reverse("web:home"),
        reverse("web:project", args=[pk]),
        reverse("web:dashboard", args=[slug]),
        reverse("web:project_report", args=[pk]),
        reverse("web:portfolio_report", args=[slug]),
        reverse("web:portfolio_export", args=[slug, "actions", "csv"]),
        reverse("web:portfolio_export", args=[slug, "all", "xlsx"]),
        reverse("web:dashboard_home"),  # a redirect
    ):
        response = client.get(url)
        assert response.status_code in (200, 302), url
        assert "no-store" in response["Cache-Control"], url
        assert "private" in response["Cache-Control"], url
