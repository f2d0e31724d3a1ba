"""The OpenAPI document: every operation says what it answers on error, as problem+json, and
that every answer carries API-Version."""

from typing import Any

from drf_spectacular.extensions import OpenApiAuthenticationExtension

PROBLEM = {
    "type": "object",
    "description": "RFC 9457 problem details.",
    "required": ["type", "title", "status"],
    "properties": {
        "type": {"type": "string"},
        "title": {"type": "string"},
        "status": {"type": "integer"},
        "detail": {"type": "string"},
        "instance": {"type": "string"},
        "invalid-params": {
            "type": "array",
            "items": {
                "type": "object",
                "required": ["name", "reason"],
                "properties": {"name": {"type": "string"}, "reason": {"type": "string"}},
            },
        },
    },
}
ERRORS = {
    "400": "Unknown query parameter or invalid value.",
    "401": "No valid token, and not signed in.",
    "403": "Not allowed with this token or role.",
    "404": "Not found, or not visible to you.",
    "406": "Only JSON is offered.",
    "429": "Too many requests for this token; see Retry-After.",
}
WRITE_ERRORS = {
    "412": "The record changed since you read it (If-Match).",
    "415": "Send JSON.",
    "428": "If-Match is required.",
}
API_VERSION_HEADER = {
    "API-Version": {
        "description": "The version of the API that answered.",
        "schema": {"type": "string", "example": "1.0.0"},
    }
}


def problems_and_version(result: dict[str, Any], generator: Any, request: Any, public: bool):
    components = result.setdefault("components", {})
    components.setdefault("schemas", {})["Problem"] = PROBLEM
    ref = {"$ref": "#/components/schemas/Problem"}
    for path in result.get("paths", {}).values():
        for method, operation in path.items():
            errors = dict(ERRORS)
            if method in {"post", "put", "patch", "delete"}:
                errors.update(WRITE_ERRORS)
            responses = operation.setdefault("responses", {})
            for code, description in errors.items():
                responses.setdefault(
                    code,
                    {
                        "description": description,
                        "content": {"application/problem+json": {"schema": ref}},
                    },
                )
            for response in responses.values():
                response.setdefault("headers", {}).update(API_VERSION_HEADER)
    return result


class TokenScheme(OpenApiAuthenticationExtension):
    target_class = "koers.api.authentication.TokenAuthentication"
    name = "tokenAuth"

    def get_security_definition(self, auto_schema: Any) -> dict[str, str]:
        return {
            "type": "apiKey",
            "in": "header",
            "name": "Authorization",
            "description": "`Token <token>`: a personal or organisation token (docs/api.md).",
        }


class SessionScheme(OpenApiAuthenticationExtension):
    target_class = "koers.api.authentication.SessionAuthentication"
    name = "cookieAuth"

    def get_security_definition(self, auto_schema: Any) -> dict[str, str]:
        return {"type": "apiKey", "in": "cookie", "name": "sessionid"}
