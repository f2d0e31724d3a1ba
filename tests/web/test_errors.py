"""Error pages (400, 403, 404, 500, and a failed CSRF check) with DEBUG off: the site's look,
the user's language, the reason where it is safe, and a way back."""

import pytest
from django.test import Client
from django.urls import reverse

from koers.web.views import home


def client_for(user, language: str = "nl") -> Client:
    client = Client(raise_request_exception=False)
    client.force_login(user)
    client.cookies["django_language"] = language
    return client


def looks_like_the_site(html: str) -> None:
    assert 'class="koers-header"' in html and "web/koers.css" in html
    assert 'href="/"' in html  # a way back to the overview


# (language, who is refused, the reason they read)
REFUSALS = [
    ("nl", "viewer", "Je mag dit project bekijken, maar niet wijzigen."),
    ("en", "viewer", "You may view this project but not change it."),
]


@pytest.mark.parametrize(("language", "who", "reason"), REFUSALS)
def test_a_refusal_gives_the_reason(settings, world, language, who, reason):
    settings.DEBUG = False
    url = reverse("web:project_edit", args=[world.project.pk])
    response = client_for(getattr(world, who), language).get(
        url, HTTP_REFERER=f"http://testserver/projects/{world.project.pk}/"
    )
    html = response.content.decode()
    assert response.status_code == 403
    looks_like_the_site(html)
    assert f'<html lang="{language}"' in html and reason in html
    assert f'href="http://testserver/projects/{world.project.pk}/"' in html  # back where it came


def test_a_missing_page_in_dutch(settings, world):
    settings.DEBUG = False
    response = client_for(world.member).get("/projects/999999/")
    html = response.content.decode()
    assert response.status_code == 404
    looks_like_the_site(html)
    assert "Pagina niet gevonden" in html and "matches the given query" not in html


def test_a_foreign_referer_is_no_way_back(settings, world):
    settings.DEBUG = False
    html = client_for(world.member).get("/nope/", HTTP_REFERER="https://evil.example/").content
    assert b"evil.example" not in html


def test_a_server_error_in_english(settings, world, monkeypatch):
    settings.DEBUG = False

    def broken(**kwargs):
        raise RuntimeError("boom")

    monkeypatch.setattr(home, "portfolio", broken)
    response = client_for(world.member, "en").get(reverse("web:projects"))
    html = response.content.decode()
    assert response.status_code == 500
    looks_like_the_site(html)
    assert "Something went wrong on our side" in html and "boom" not in html


def test_a_bad_request(settings, db):
    settings.DEBUG = False
    response = Client(raise_request_exception=False).get("/", HTTP_HOST="evil.example")
    html = response.content.decode()
    assert response.status_code == 400
    assert "Dit verzoek kon niet worden verwerkt" in html and 'class="koers-header"' in html


def test_a_failed_csrf_check_says_what_to_do(settings, world):
    settings.DEBUG = False
    client = Client(enforce_csrf_checks=True)
    client.force_login(world.member)
    response = client.post(reverse("web:project_create"), {"title": "x"})
    html = response.content.decode()
    assert response.status_code == 403
    looks_like_the_site(html)
    assert "Laad de pagina opnieuw" in html
