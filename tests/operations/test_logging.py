"""Every request leaves one JSON log line carrying its request id, and the response carries
the same id: the proxy's id when it sent a sane one, a fresh one otherwise."""

import contextlib
import io
import json
import logging

import pytest

from koers.operations.requestlog import JsonFormatter, RequestIdFilter


@contextlib.contextmanager
def json_lines(logger_name):
    """The lines `logger_name` writes, as production formats them, parsed back."""
    stream = io.StringIO()
    handler = logging.StreamHandler(stream)
    handler.addFilter(RequestIdFilter())
    handler.setFormatter(JsonFormatter())
    logger = logging.getLogger(logger_name)
    old_level = logger.level
    logger.addHandler(handler)
    logger.setLevel(logging.INFO)
    try:
        yield lambda: [json.loads(line) for line in stream.getvalue().splitlines()]
    finally:
        logger.removeHandler(handler)
        logger.setLevel(old_level)


@pytest.fixture
def lines():
    with json_lines("koers.request") as read:
        yield read


def test_the_proxys_request_id_is_logged_and_returned(client, world, lines):
    client.force_login(world.member)
    response = client.get(f"/projects/{world.project.pk}/", HTTP_X_REQUEST_ID="lb-7f3a.1")
    assert response["X-Request-ID"] == "lb-7f3a.1"
    (line,) = lines()
    assert line["request_id"] == "lb-7f3a.1"
    assert (line["method"], line["path"], line["status"]) == (
        "GET",
        f"/projects/{world.project.pk}/",
        200,
    )
    assert line["user_id"] == world.member.pk and line["level"] == "INFO"
    assert line["time"].endswith("+00:00") and line["duration_ms"] >= 0


@pytest.mark.parametrize("sent", ["", "<script>", "x" * 65, "a b"])
def test_a_missing_or_odd_request_id_is_replaced(client, db, lines, sent):
    response = client.get("/accounts/login/", HTTP_X_REQUEST_ID=sent)
    rid = response["X-Request-ID"]
    assert rid != sent and len(rid) == 32 and int(rid, 16) >= 0
    assert lines()[0]["request_id"] == rid


def test_django_s_own_line_about_a_missing_page_carries_the_id(client, db):
    with json_lines("django.request") as read:
        client.get("/no-such-page/", HTTP_X_REQUEST_ID="probe-404")
    line = read()[0]
    assert (line["level"], line["request_id"], line["status_code"]) == ("WARNING", "probe-404", 404)
