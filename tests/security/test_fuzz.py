"""L1: schemathesis with a VALID device token on every operation of the client API, data that
fits the schema and data that does not: no answer is a server error, every answer keeps to the
schema. Plus the integers that used to overflow."""

from __future__ import annotations

import pytest
import schemathesis
from hypothesis import HealthCheck, given, settings
from hypothesis.errors import Unsatisfiable
from schemathesis.generation import GenerationMode

from tests.api.conftest import Device, Server

pytestmark = pytest.mark.slow

EXAMPLES = 40


@pytest.mark.parametrize("mode", [GenerationMode.POSITIVE, GenerationMode.NEGATIVE])
def test_no_operation_answers_a_server_error(
    api: Server, device: Device, mode: GenerationMode
) -> None:
    schema = schemathesis.openapi.from_url(api.base_url + "/api/v1/openapi.json")
    auth = {"Authorization": f"Bearer {device.token}", "Accept-Language": "en"}
    operations = 0
    without_inputs: list[str] = []
    for result in schema.get_all_operations():
        operation = result.ok()

        @given(case=operation.as_strategy(generation_mode=mode))
        @settings(
            max_examples=EXAMPLES,
            deadline=None,
            database=None,
            derandomize=True,
            suppress_health_check=list(HealthCheck),
        )
        def check(case) -> None:
            response = case.call(headers=auth)
            assert response.status_code < 500, (case.method, case.path, response.text)
            if mode is GenerationMode.POSITIVE:
                # A blob's name must be its body's hash and attachments must exist: no schema
                # can say that, so valid-looking data may still be refused (never with a 5xx).
                case.validate_response(
                    response, excluded_checks=[schemathesis.checks.positive_data_acceptance]
                )

        try:
            check()
        except Unsatisfiable:
            # Nothing to get wrong in an operation without inputs (GET /health).
            assert mode is GenerationMode.NEGATIVE, operation.path
            without_inputs.append(operation.path)
            continue
        operations += 1
    assert operations == (6 if mode is GenerationMode.POSITIVE else 5), without_inputs


@pytest.mark.parametrize(
    "query", ["since=99999999999999999999999999999999", "since=9223372036854775808", "since=-1"]
)
def test_an_integer_out_of_range_is_a_422(api: Server, device: Device, query: str) -> None:
    with api.client(device.token) as client:
        answer = client.get(f"/api/v1/feed?{query}")
    assert answer.status_code == 422, answer.text
    assert answer.json()["field"] == "since"


def test_the_largest_cursor_is_fine(api: Server, device: Device) -> None:
    with api.client(device.token) as client:
        answer = client.get(f"/api/v1/feed?since={2**63 - 1}")
    assert answer.status_code == 200, answer.text
    assert answer.json()["events"] == []


def test_the_schema_uses_standard_formats_and_bounds_every_integer(api: Server) -> None:
    with api.client() as client:
        schema = client.get("/api/v1/openapi.json").json()
    formats: list[str] = []
    unbounded: list[str] = []

    def walk(node: object, where: str, request_side: bool) -> None:
        if isinstance(node, dict):
            if "format" in node:
                formats.append(node["format"])
            if request_side and node.get("type") == "integer" and "maximum" not in node:
                unbounded.append(where)
            for key, value in node.items():
                walk(value, f"{where}/{key}", request_side)
        elif isinstance(node, list):
            for index, value in enumerate(node):
                walk(value, f"{where}/{index}", request_side)

    for path, item in schema["paths"].items():
        for method, operation in item.items():
            walk(operation.get("parameters", []), f"{method} {path}", True)
    for name in ("TicketSubmission", "MachineFacts", "Screen", "EnrollRequest"):
        walk(schema["components"]["schemas"][name], name, True)
    walk(schema, "", False)
    assert "uuid4" not in formats and "uuid" in formats
    assert unbounded == []
