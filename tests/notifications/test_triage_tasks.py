"""My tasks for a coordinator: the questions of their organisations that wait for a decision
(new or under consideration), the longest waiting first with how long, linking to each; the
other roles and other organisations' coordinators do not see them, and the page costs the
same number of queries for one question or many."""

import re

from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from koers.questions.services import question_take_up, question_triage
from tests.questions.conftest import ask


def client_for(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def triage_section(page: str) -> str:
    found = re.search(
        r'<section class="koers-section" aria-labelledby="h-triage">.*?</section>', page, re.S
    )
    return found.group(0) if found else ""


def test_coordinator_sees_waiting_questions_oldest_first_with_their_age(clock, world):
    clock.advance(days=-30)
    oldest = ask(world.a, world.viewer, "Waar staan de meeste klachten?")
    clock.advance(days=20)
    considered = ask(world.a, world.member, "Welke bruggen moeten eerst onderhoud?")
    question_triage(question=considered, by=world.coordinator, expected_version=1, to="considering")
    taken = ask(world.a, world.member, "Wie komt er voor schuldhulp in aanmerking?")
    question_take_up(question=taken, project=world.project, by=world.coordinator)
    clock.advance(days=10)
    newest = ask(world.a, world.viewer, "Hoeveel fietsen staan er bij het station?")
    ask(world.b, world.b_member, "Een vraag van Beedorp")

    section = triage_section(
        client_for(world.coordinator).get(reverse("web:home")).content.decode()
    )

    assert "Vragen die op je besluit wachten" in section
    links = re.findall(r'href="/questions/(\d+)/"', section)
    assert links == [str(q.pk) for q in (oldest, considered, newest)]  # taken up: decided
    assert "gesteld op 7 november 2026, 30 dagen geleden" in section
    assert "In behandeling · gesteld op 27 november 2026, 10 dagen geleden" in section
    assert "gesteld op 7 december 2026, 0 dagen geleden" in section
    assert "Beedorp" not in section  # another organisation's question


def test_only_coordinators_get_the_queue(clock, world):
    ask(world.a, world.viewer)
    for person in (world.viewer, world.member):
        page = client_for(person).get(reverse("web:home")).content.decode()
        assert 'id="h-triage"' not in page
    # B's coordinator coordinates no organisation with a waiting question.
    page = client_for(world.b_coordinator).get(reverse("web:home")).content.decode()
    assert "Er wacht geen vraag op je besluit." in triage_section(page)


def test_the_queue_in_english_and_how_many_wait_beyond_the_shown(clock, world, monkeypatch):
    monkeypatch.setattr("koers.notifications.tasks.SHOWN", 2)
    for n in range(3):
        clock.advance(days=1)
        ask(world.a, world.viewer, f"Vraag {n}")
    client = client_for(world.coordinator)
    client.post(reverse("set_language"), {"language": "en", "next": "/"})
    section = triage_section(client.get(reverse("web:home")).content.decode())
    assert "Questions waiting for your decision" in section
    assert section.count('<li class="koers-task') == 2
    assert "Vraag 0" in section and "Vraag 2" not in section
    assert "3 questions wait in all." in section
    assert "New · asked 8 December 2026, 2 days ago" in section


def test_my_tasks_costs_the_same_queries_for_one_waiting_question_or_many(clock, world):
    client = client_for(world.coordinator)
    ask(world.a, world.viewer, "De eerste vraag")
    client.get(reverse("web:home"))  # warm up the session and caches
    with CaptureQueriesContext(connection) as one:
        client.get(reverse("web:home"))
    for n in range(12):
        ask(world.a, world.member, f"Nog een vraag {n}")
    with CaptureQueriesContext(connection) as many:
        page = client.get(reverse("web:home")).content.decode()
    assert triage_section(page).count('<li class="koers-task') == 13
    assert len(many) == len(one), [q["sql"] for q in many.captured_queries]
