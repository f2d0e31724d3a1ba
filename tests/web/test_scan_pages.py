"""The scan pages as a respondent meets them: progress and an index of factors, the scale's
anchors on every statement, a refused submission that keeps the draft and names what is
missing, the result kept until one's own submission, and closing and reopening."""

from django.test import Client
from django.urls import reverse

from koers.assessments.models import Answer, Response
from koers.assessments.services import response_save, scan_indicators


def client_for(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def submit_all(scan, user, value=4):
    response = Response.objects.get(scan=scan, respondent=user)
    response_save(
        response=response,
        by=user,
        answers={i.pk: value for i in scan_indicators(scan)},
        notes={},
        expected_version=response.version,
        submit=True,
    )


def test_the_answer_page_shows_progress_an_index_and_the_anchors(world, scan):
    indicators = scan_indicators(scan)
    Answer.objects.create(
        response=Response.objects.get(scan=scan, respondent=world.member),
        indicator=indicators[0],
        value=3,
    )
    body = client_for(world.member).get(reverse("web:scan_answer", args=[scan.pk]))
    body = body.content.decode()
    assert "<span data-answered>1</span> van 18 stellingen beantwoord" in body
    assert 'max="18" value="1"' in body
    for n in range(1, 10):
        assert f'href="#factor-{n}"' in body and f'id="factor-{n}"' in body
    # every statement carries both anchors, and "not applicable" apart from "don't know"
    assert body.count("1 helemaal niet waar") == 18 and body.count("5 helemaal waar") == 18
    assert body.count('value="na"') == 18 and body.count('value="dk"') == 18
    assert body.count("Niet van toepassing") == 18 and body.count("Weet ik niet") == 18


def test_a_submission_below_the_minimum_is_refused_and_kept_as_a_draft(world, scan):
    first = scan_indicators(scan)[0]
    response = client_for(world.member).post(
        reverse("web:scan_answer", args=[scan.pk]),
        {"version": 1, "submit": "", f"i{first.pk}": "na"},
    )
    assert response.status_code == 200
    body = response.content.decode()
    assert "Nog open:" in body and 'href="#factor-2"' in body
    assert "koers-factorindex__missing" in body
    saved = Response.objects.get(scan=scan, respondent=world.member)
    assert saved.submitted_at is None and saved.version == 2  # kept as a draft
    assert Answer.objects.get(response=saved).not_applicable
    assert 'name="version" value="2"' in body  # the next save goes through
    assert "<span data-answered>1</span> van 18" in body


def test_the_result_waits_for_ones_own_submission(world, scan):
    submit_all(scan, world.member)
    other = client_for(world.other_member)
    for url in (
        reverse("web:scan", args=[scan.pk]),
        reverse("web:project", args=[world.project.pk]),
    ):
        body = other.get(url).content.decode()
        assert "koers-radar" not in body and "Zwakste factoren" not in body, url
        assert "nadat je je eigen antwoorden hebt ingediend" in body, url
    assert (
        "Mijn antwoorden invullen"
        in other.get(reverse("web:scan", args=[scan.pk])).content.decode()
    )
    # a coordinator who was not invited sees the result at once
    body = client_for(world.coordinator).get(reverse("web:scan", args=[scan.pk])).content.decode()
    assert "koers-radar" in body
    submit_all(scan, world.other_member, 2)
    assert "koers-radar" in other.get(reverse("web:scan", args=[scan.pk])).content.decode()


def test_close_and_reopen_through_the_pages(world, scan):
    submit_all(scan, world.member)
    leader = client_for(world.member)
    url = reverse("web:scan", args=[scan.pk])
    assert (
        client_for(world.other_member).post(reverse("web:scan_close", args=[scan.pk])).status_code
        == 403
    )
    leader.post(reverse("web:scan_close", args=[scan.pk]))
    body = client_for(world.other_member).get(url).content.decode()
    assert "het resultaat is definitief" in body and "koers-radar" in body
    assert "Mijn antwoorden invullen" not in body
    answer = client_for(world.other_member).get(reverse("web:scan_answer", args=[scan.pk]))
    assert answer.status_code == 302 and answer["Location"] == url
    leader.post(reverse("web:scan_reopen", args=[scan.pk]), {"reason": ""})
    assert "het resultaat is definitief" in leader.get(url).content.decode()  # still closed
    leader.post(reverse("web:scan_reopen", args=[scan.pk]), {"reason": "Ali was met verlof"})
    body = leader.get(url).content.decode()
    assert "heropende de scan: “Ali was met verlof”" in body and "sloot de scan" in body


def test_the_result_page_shows_the_evidence_notes(world, scan):
    factor = scan_indicators(scan)[0].factor
    response = Response.objects.get(scan=scan, respondent=world.member)
    response_save(
        response=response,
        by=world.member,
        answers={i.pk: 3 for i in scan_indicators(scan)},
        notes={factor.pk: "Zie het verslag van de stuurgroep"},
        expected_version=1,
        submit=True,
    )
    body = client_for(world.coordinator).get(reverse("web:scan", args=[scan.pk])).content.decode()
    assert "Onderbouwing naast het oordeel" in body and "Zie het verslag van de stuurgroep" in body
