"""The error answers routes declare in the OpenAPI schema (all ``ErrorBody``)."""

from __future__ import annotations

from typing import Any

from sync.wire import ErrorBody

_MEANINGS = {
    401: "Missing, unknown or revoked device token.",
    403: "The enrolment code is not known.",
    404: "Not found.",
    409: "The uuid is known with other content.",
    410: "The enrolment code has expired, was revoked or is used up.",
    413: "The body is larger than the limit.",
    415: "The body is not a PNG, WebP or JPEG image.",
    422: "Invalid request (the message names the field; missing blobs are listed).",
    429: "Rate limit; retry after the Retry-After header's seconds.",
    507: "The appliance is out of disk space: nothing was stored; retry later.",
}


def errors(*statuses: int, **extra: dict[str, Any]) -> dict[int | str, dict[str, Any]]:
    """The given error statuses, plus ``extra`` answers keyed by status text (``ok_200=...``)."""
    answers: dict[int | str, dict[str, Any]] = {
        s: {"model": ErrorBody, "description": _MEANINGS[s]} for s in statuses
    }
    for key, answer in extra.items():
        answers[int(key.rsplit("_", 1)[1])] = answer
    return answers
