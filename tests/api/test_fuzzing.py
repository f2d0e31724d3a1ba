"""schemathesis against the running API (Django's live server thread on loopback), over
every operation in the published document: no server error, every answer as documented.

Bounded and repeatable: MAX_EXAMPLES per operation and token, derandomized generation. The
figures (operations, requests, failures) are printed (`pytest -s`) and written to
test-artifacts/schemathesis.txt."""

import json
from pathlib import Path

import pytest
import schemathesis
from hypothesis import HealthCheck, given, settings
from schemathesis import checks

from koers.api.services import api_token_create
from tests.factories import make_project

MAX_EXAMPLES = 25
COMMITTED = Path(__file__).resolve().parents[2] / "docs" / "openapi.json"
ARTIFACT = Path(__file__).resolve().parents[2] / "test-artifacts" / "schemathesis.txt"


@pytest.fixture
def fuzz_world(transactional_db, world):
    """Some data to find: projects of both organisations in every visibility."""
    for visibility in ("team", "organisation", "network", "public"):
        make_project(world.a, world.member, visibility=visibility)
        make_project(world.b, world.b_member, visibility=visibility)
    return world


def fuzz(operation, base_url: str, headers: dict, excluded: list, sent: list[int]) -> None:
    """Run one operation's generated cases, counting requests in `sent`; raises a failure."""

    @settings(
        max_examples=MAX_EXAMPLES,
        derandomize=True,
        database=None,
        deadline=None,
        suppress_health_check=list(HealthCheck),
    )
    @given(case=operation.as_strategy())
    def run(case):
        sent[0] += 1
        # Its check that a wrong token is refused sends requests of its own.
        case.call_and_validate(base_url=base_url, headers=headers, excluded_checks=excluded)

    run()


def test_every_operation_answers_as_documented(live_server, fuzz_world):
    tokens = {
        scope: api_token_create(by=None, organisation=fuzz_world.a, scope=scope, name=scope)[1]
        for scope in ("read", "write")
    }
    schema = schemathesis.openapi.from_url(f"{live_server.url}/api/v1/openapi.json")
    operations = [result.ok() for result in schema.get_all_operations()]
    requests = [0]
    failures: list[str] = []
    for operation in operations:
        # A write names the version it read in If-Match; a generated one cannot know it,
        # so 412 is the right answer there, not a rejection of valid data.
        writes = {"patch", "post"}
        excluded = [checks.positive_data_acceptance] if operation.method in writes else []
        for scope, secret in tokens.items():
            headers = {"Authorization": f"Token {secret}"}
            try:
                fuzz(operation, live_server.url, headers, excluded, requests)
            # schemathesis raises its failures as a BaseExceptionGroup; listed, not raised
            except (Exception, BaseExceptionGroup) as error:
                failures.append(f"{operation.label} [{scope}]: {error}")

    figures = (
        f"schemathesis {schemathesis.SCHEMATHESIS_VERSION}: {len(operations)} operations, "
        f"{requests[0]} requests, {len(failures)} failures"
    )
    print(figures)
    ARTIFACT.parent.mkdir(exist_ok=True)
    ARTIFACT.write_text(figures + "\n" + "\n".join(failures) + "\n")
    committed = json.loads(COMMITTED.read_text())
    assert len(operations) == sum(len(ops) for ops in committed["paths"].values())
    assert not failures, "\n\n".join(failures)
