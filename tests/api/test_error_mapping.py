"""How framework errors become ``ErrorBody`` answers (the cases a live server rarely produces)."""

from __future__ import annotations

import json

from fastapi import FastAPI
from starlette.exceptions import HTTPException
from starlette.requests import Request

from appliance.api.errors import _http_error, error_response, language_of


def request(headers: dict[str, str] | None = None) -> Request:
    return Request(
        {
            "type": "http",
            "method": "POST",
            "path": "/api/v1/tickets",
            "query_string": b"",
            "headers": [(k.lower().encode(), v.encode()) for k, v in (headers or {}).items()],
            "app": FastAPI(),
        }
    )


def test_any_other_http_error_is_a_sentence_with_its_status() -> None:
    answer = error_response(request(), _http_error(request(), HTTPException(418, "bad")))
    assert answer.status_code == 418
    assert json.loads(answer.body) == {
        "error": "invalid_request",
        "message": "The request failed (HTTP 418).",
    }
    answer = error_response(request(), _http_error(request(), HTTPException(503)))
    assert json.loads(answer.body)["error"] == "internal"


def test_a_framework_400_says_what_could_not_be_read() -> None:
    """Not "The request failed (HTTP 400)": the framework's reason, and what to check."""
    error = HTTPException(400, "There was an error parsing the body")
    answer = error_response(request(), _http_error(request(), error))
    assert answer.status_code == 400
    assert json.loads(answer.body) == {
        "error": "invalid_request",
        "message": "The request could not be read: There was an error parsing the body. "
        "Check its headers (Content-Type, Content-Length) and its body.",
    }


def test_language_choice_honours_quality_values() -> None:
    assert language_of(request({"Accept-Language": "de, en;q=0.5, ru;q=0.8"})) == "ru"
    assert language_of(request({"Accept-Language": "ru;q=0, en"})) == "en"
    assert language_of(request({"Accept-Language": "en-GB"})) == "en"
    assert language_of(request({"Accept-Language": "ru;q=abc, en;q=0.1"})) == "en"
    # Nothing we speak and no API state on this app: English.
    assert language_of(request({"Accept-Language": "fr"})) == "en"
