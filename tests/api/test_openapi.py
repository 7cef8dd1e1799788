"""The OpenAPI schema at /api/v1/openapi.json: only the API, every operation described, and the
server behaving as it says (a short schemathesis run)."""

from __future__ import annotations

import schemathesis
from hypothesis import HealthCheck, given, settings

from tests.api.conftest import Device, Server

OPERATIONS = {
    ("/health", "get"),
    ("/enroll", "post"),
    ("/blobs/{sha256}", "put"),
    ("/tickets", "post"),
    ("/feed", "get"),
    ("/faq/solved", "post"),
}


def test_the_schema_holds_the_api_and_nothing_else(api: Server) -> None:
    with api.client() as client:
        answer = client.get("/api/v1/openapi.json")
    assert answer.status_code == 200
    schema = answer.json()
    assert schema["servers"] == [{"url": "/api/v1"}]
    found = {(path, method) for path, item in schema["paths"].items() for method in item}
    assert found == OPERATIONS
    for path, method in OPERATIONS:
        operation = schema["paths"][path][method]
        assert operation["description"].strip(), (path, method)
        if path != "/health":
            codes = operation["responses"]
            assert "422" in codes or "401" in codes
            error = (codes.get("422") or codes["401"])["content"]["application/json"]["schema"]
            assert error == {"$ref": "#/components/schemas/ErrorBody"}
    submission = schema["components"]["schemas"]["TicketSubmission"]
    assert submission["additionalProperties"] is False


def test_the_server_keeps_to_its_schema(api: Server, device: Device) -> None:
    # schemathesis's own pytest integration (from_fixture) does not run under pytest 9, so the
    # operations are driven here with Hypothesis directly: a few examples each, derandomised.
    schema = schemathesis.openapi.from_url(api.base_url + "/api/v1/openapi.json")
    auth = {"Authorization": f"Bearer {device.token}", "Accept-Language": "en"}
    tested = set()
    for result in schema.get_all_operations():
        operation = result.ok()
        tested.add((operation.path, operation.method.lower()))

        @given(case=operation.as_strategy())
        @settings(
            max_examples=10,
            deadline=None,
            database=None,
            derandomize=True,
            suppress_health_check=list(HealthCheck),
        )
        def check(case) -> None:
            # "Schema-valid data must be accepted" cannot hold here: a blob's name must be the
            # hash of its body and a ticket's attachments must exist, which no schema can say.
            case.call_and_validate(
                headers=auth, excluded_checks=[schemathesis.checks.positive_data_acceptance]
            )

        check()
    assert tested == OPERATIONS
