"""The OpenAPI document: valid OpenAPI 3, served as committed (`make openapi` renews it)."""

import json
from pathlib import Path

from openapi_spec_validator import validate

COMMITTED = Path(__file__).resolve().parents[2] / "docs" / "openapi.json"


def test_served_document_is_valid_openapi_3_and_the_committed_one(client, db):
    response = client.get("/api/v1/openapi.json")
    assert response.status_code == 200
    assert response["API-Version"] == "1.0.0"
    served = json.loads(response.content)
    assert served["openapi"].startswith("3.")
    validate(served)
    assert served == json.loads(COMMITTED.read_text()), "run `make openapi` and commit it"


def test_the_document_is_the_same_in_dutch(client, db):
    client.cookies["django_language"] = "nl"
    dutch = client.get("/api/v1/openapi.json", HTTP_ACCEPT_LANGUAGE="nl")
    assert json.loads(dutch.content) == json.loads(COMMITTED.read_text())


def test_every_operation_documents_its_problems():
    document = json.loads(COMMITTED.read_text())
    for path, operations in document["paths"].items():
        assert path.startswith("/api/v1/") and not path.endswith("/")
        for operation in operations.values():
            for code in ("400", "401", "404", "429"):
                content = operation["responses"][code]["content"]
                assert list(content) == ["application/problem+json"]
