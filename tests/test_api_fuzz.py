"""Schemathesis over the whole OpenAPI spec: no 5xx, and every response matches its schema.

Bounded: a few examples per operation (FUZZ_EXAMPLES), so it fits in `make test`. It runs as an
admin, so every operation is reachable; role checks have their own tests (test_auth.py).
"""

from __future__ import annotations

import pytest
import schemathesis
from hypothesis import HealthCheck, settings
from schemathesis import Case
from schemathesis.specs.openapi import checks

from api.app import create_app
from graph.connection import Graph
from tests.conftest import api_client

FUZZ_EXAMPLES = 12


@pytest.fixture
def admin_headers(demo_graph: Graph) -> dict[str, str]:
    with api_client(demo_graph, "admin") as client:
        return {"Authorization": str(client.headers["Authorization"])}


@pytest.fixture
def api_schema(demo_graph: Graph) -> schemathesis.BaseSchema:
    return schemathesis.openapi.from_asgi("/openapi.json", create_app(demo_graph))


schema = schemathesis.pytest.from_fixture("api_schema")


@schema.parametrize()
@settings(max_examples=FUZZ_EXAMPLES, deadline=None, suppress_health_check=list(HealthCheck))
def test_no_server_errors_and_responses_match_the_spec(case: Case, admin_headers: dict[str, str]) -> None:
    # Two checks are left out, each for a reason of its own:
    # - allow_header_conformance / unsupported_method: Starlette lists only the matched route's methods
    #   in a 405's Allow header when two routes share a path (GET and POST /users are two routes);
    # - positive_data_acceptance: a string the schema allows may still name no sector, field or
    #   dimension of the graph, and a 422 naming the parameter is the right answer, not a failure.
    # Every 5xx, every undocumented status or content type and every response that does not match
    # its schema still fails.
    case.call_and_validate(
        headers=admin_headers,
        excluded_checks=[
            checks.allow_header_conformance,
            checks.unsupported_method,
            checks.positive_data_acceptance,
        ],
    )
