"""Messages in Dutch by default, in English for a program that asks with Accept-Language;
the browser's language choice (the pages' cookie) wins over the header."""

import pytest

NOT_FOUND_NL = "Niet gevonden, of niet zichtbaar voor u."
NOT_FOUND_EN = "Not found, or not visible to you."


@pytest.mark.parametrize(
    "header,cookie,detail,language",
    [
        (None, None, NOT_FOUND_NL, "nl"),
        ("en", None, NOT_FOUND_EN, "en"),
        ("en-GB,en;q=0.9", None, NOT_FOUND_EN, "en"),
        ("fr, en;q=0.5", None, NOT_FOUND_EN, "en"),
        ("fr", None, NOT_FOUND_NL, "nl"),
        ("en", "nl", NOT_FOUND_NL, "nl"),
        (None, "en", NOT_FOUND_EN, "en"),
    ],
)
def test_problem_details_in_the_asked_language(world, org_reader, header, cookie, detail, language):
    if cookie:
        org_reader.cookies["django_language"] = cookie
    headers = {"HTTP_ACCEPT_LANGUAGE": header} if header else {}
    response = org_reader.get("/api/v1/questions/999999", **headers)
    assert response.status_code == 404
    assert response.json()["detail"] == detail
    assert response["Content-Language"] == language
