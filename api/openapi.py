"""The OpenAPI document, with what every route may answer besides its success.

FastAPI documents 422 as a list of field errors; our own validation errors (a file's rows, a statistics
dimension) carry one plain message instead, so `detail` is documented as either. Every route behind
the sign-in may also answer 401/403, and any route 503 when Neo4j is down.
"""

from __future__ import annotations

from typing import Any

from fastapi import FastAPI
from fastapi.openapi.utils import get_openapi

ERROR_SCHEMA = {
    "type": "object",
    "properties": {"detail": {"type": "string"}, "error": {"type": "string"}},
    "required": ["detail"],
}
COMMON = {
    "400": "malformed request body",
    "401": "sign-in required, or the token is invalid or expired",
    "403": "this role may not do this",
    "404": "no such record",
    "409": "conflicts with the current state",
    "503": "the graph database is not reachable right now",
}
PUBLIC = {"/health", "/api/v1/auth/token"}


def install(app: FastAPI) -> None:
    def build() -> dict[str, Any]:
        if app.openapi_schema:
            return app.openapi_schema
        spec = get_openapi(title=app.title, version=app.version, summary=app.summary, routes=app.routes)
        schemas = spec.setdefault("components", {}).setdefault("schemas", {})
        schemas["Error"] = ERROR_SCHEMA
        if "HTTPValidationError" in schemas:
            detail = schemas["HTTPValidationError"]["properties"]["detail"]
            schemas["HTTPValidationError"]["properties"]["detail"] = {
                "anyOf": [detail, {"type": "string"}],
                "title": "Detail",
            }
            schemas["HTTPValidationError"]["properties"]["error"] = {"type": "string"}
        for path, operations in spec.get("paths", {}).items():
            for operation in operations.values():
                responses = operation.setdefault("responses", {})
                for code, text in COMMON.items():
                    if code in ("401", "403") and path in PUBLIC:
                        continue
                    responses.setdefault(
                        code,
                        {
                            "description": text,
                            "content": {
                                "application/json": {"schema": {"$ref": "#/components/schemas/Error"}}
                            },
                        },
                    )
                responses.setdefault(
                    "422",
                    {
                        "description": "Validation Error",
                        "content": {
                            "application/json": {
                                "schema": {"$ref": "#/components/schemas/HTTPValidationError"}
                            }
                        },
                    },
                )
        app.openapi_schema = spec
        return spec

    app.openapi = build  # type: ignore[method-assign]
