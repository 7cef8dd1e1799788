"""Every error of the client API is JSON (``sync.wire.ErrorBody``) with a sentence for people.

Services raise ``appliance.domain.errors.AppError`` kinds, mapped here once to a status
(``KIND_STATUS``); routes raise ``ApiError`` (an ``AppError`` with its own status and code) for
what only HTTP knows (401, 413, 429...). ``install_error_handlers`` turns both, FastAPI's
validation errors, Starlette's 404/405 and anything unexpected into that shape. Sentences come
from the i18n catalogue in the language the client asks for (Accept-Language), else the
appliance's default.
"""

from __future__ import annotations

import logging
from typing import Any

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from starlette.exceptions import HTTPException as StarletteHTTPException

from appliance.domain.errors import AppError
from appliance.i18n import LANGUAGES, t
from sync.wire import ErrorBody, ErrorCode

log = logging.getLogger("tiketnitsa.api")


# Each kind of AppError raised by a service, as HTTP.
KIND_STATUS: dict[str, tuple[int, ErrorCode]] = {
    "invalid_input": (422, ErrorCode.INVALID_REQUEST),
    "not_found": (404, ErrorCode.NOT_FOUND),
    "forbidden": (403, ErrorCode.FORBIDDEN),
    "conflict": (409, ErrorCode.CONFLICT),
    "stale": (409, ErrorCode.CONFLICT),
    "unavailable": (503, ErrorCode.UNAVAILABLE),
    "disk_full": (507, ErrorCode.DISK_FULL),
}


class ApiError(AppError):
    """An answer other than success with a status of its own. ``key`` and ``values`` make the
    message."""

    def __init__(
        self,
        status: int,
        code: ErrorCode,
        key: str,
        *,
        field: str | None = None,
        missing: list[str] | None = None,
        retry_after: int | None = None,
        **values: object,
    ) -> None:
        super().__init__(key, **values)
        self.status = status
        self.code = code
        self.field = field
        self.missing = missing or []
        self.retry_after = retry_after


def from_app_error(error: AppError) -> ApiError:
    if isinstance(error, ApiError):
        return error
    status, code = KIND_STATUS.get(error.kind, (500, ErrorCode.INTERNAL))
    answer = ApiError(status, code, error.key)
    answer.values = dict(error.values)
    return answer


def language_of(request: Request) -> str:
    """The first of our languages the client accepts (q-values honoured), else the default."""
    header = request.headers.get("accept-language", "")
    choices: list[tuple[float, int, str]] = []
    for index, part in enumerate(header.split(",")):
        tag, _, params = part.strip().partition(";")
        quality = 1.0
        if params.strip().startswith("q="):
            try:
                quality = float(params.strip()[2:])
            except ValueError:
                quality = 0.0
        primary = tag.strip().lower().split("-")[0]
        if primary in LANGUAGES and quality > 0:
            choices.append((-quality, index, primary))
    if choices:
        return min(choices)[2]
    ctx = getattr(request.app.state, "api", None)
    return ctx.default_lang if ctx is not None else "en"


def error_response(request: Request, error: ApiError) -> JSONResponse:
    values = dict(error.values)
    if error.field is not None:
        values.setdefault("field", error.field)
    body = ErrorBody(
        error=error.code.value,
        message=t(error.key, language_of(request), **values),
        field=error.field,
        missing=error.missing,
        retry_after=error.retry_after,
    )
    headers: dict[str, str] = {}
    if error.retry_after is not None:
        headers["Retry-After"] = str(error.retry_after)
    if error.status == 401:
        headers["WWW-Authenticate"] = "Bearer"
    return JSONResponse(
        body.model_dump(exclude_defaults=True, mode="json"),
        status_code=error.status,
        headers=headers,
    )


def _field_name(loc: tuple[Any, ...]) -> str:
    # ('body', 'machine_facts', 'screens', 0, 'width') -> 'machine_facts.screens.0.width'
    parts = [str(p) for p in loc]
    if parts and parts[0] in ("body", "query", "path", "header"):
        parts = parts[1:]
    return ".".join(parts)


def validation_error(exc: RequestValidationError) -> ApiError:
    """The first problem of a validation failure, as one sentence naming the field."""
    errors = exc.errors()
    first = errors[0] if errors else {"type": "", "loc": (), "msg": "invalid"}
    kind = first.get("type", "")
    field = _field_name(tuple(first.get("loc", ())))
    detail = str(first.get("msg", "")).rstrip(".")
    if kind == "json_invalid":
        context = first.get("ctx")
        reason = context.get("error", detail) if isinstance(context, dict) else detail
        return ApiError(422, ErrorCode.INVALID_REQUEST, "api.invalid_json", detail=reason)
    if not field:
        if kind == "missing":
            return ApiError(422, ErrorCode.INVALID_REQUEST, "api.body_missing")
        return ApiError(422, ErrorCode.INVALID_REQUEST, "api.invalid_body", detail=detail)
    if kind == "extra_forbidden":
        return ApiError(422, ErrorCode.INVALID_REQUEST, "api.unknown_field", field=field)
    if kind == "missing":
        return ApiError(422, ErrorCode.INVALID_REQUEST, "api.missing_field", field=field)
    return ApiError(422, ErrorCode.INVALID_REQUEST, "api.invalid_field", field=field, detail=detail)


def _http_error(request: Request, exc: StarletteHTTPException) -> ApiError:
    if exc.status_code == 404:
        return ApiError(404, ErrorCode.NOT_FOUND, "api.not_found", path=request.url.path)
    if exc.status_code == 405:
        return ApiError(
            405,
            ErrorCode.METHOD_NOT_ALLOWED,
            "api.method_not_allowed",
            method=request.method,
            path=request.url.path,
        )
    if exc.status_code == 400:
        # Starlette's and FastAPI's own 400s (a body that cannot be parsed, a malformed
        # form): say what they said, in a sentence, not just the status.
        detail = str(exc.detail or "").rstrip(".") or "HTTP 400"
        return ApiError(400, ErrorCode.INVALID_REQUEST, "api.bad_request", detail=detail)
    code = ErrorCode.INVALID_REQUEST if exc.status_code < 500 else ErrorCode.INTERNAL
    return ApiError(exc.status_code, code, "api.http_error", http_status=exc.status_code)


def install_error_handlers(app: FastAPI) -> None:
    async def on_app_error(request: Request, exc: Exception) -> JSONResponse:
        assert isinstance(exc, AppError)
        return error_response(request, from_app_error(exc))

    async def on_validation(request: Request, exc: Exception) -> JSONResponse:
        assert isinstance(exc, RequestValidationError)
        return error_response(request, validation_error(exc))

    async def on_http(request: Request, exc: Exception) -> JSONResponse:
        assert isinstance(exc, StarletteHTTPException)
        response = error_response(request, _http_error(request, exc))
        for name, value in (exc.headers or {}).items():
            response.headers.setdefault(name, value)
        return response

    async def on_crash(request: Request, exc: Exception) -> JSONResponse:
        log.error("API %s %s failed", request.method, request.url.path, exc_info=exc)
        return error_response(request, ApiError(500, ErrorCode.INTERNAL, "api.internal"))

    app.add_exception_handler(AppError, on_app_error)
    app.add_exception_handler(RequestValidationError, on_validation)
    app.add_exception_handler(StarletteHTTPException, on_http)
    app.add_exception_handler(Exception, on_crash)
