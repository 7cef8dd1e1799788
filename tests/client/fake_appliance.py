"""A scripted appliance for the agent's unit tests, behind ``httpx.MockTransport``.

It keeps the wire contract the real one keeps (blobs by hash, idempotent tickets by uuid, 409 on
other content, 422 missing_blobs, a feed), and lets a test make it fail on purpose: offline,
a status for the next N requests, slow answers. The real appliance is exercised end to end in
tests/e2e.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime

import httpx

from sync.hashing import content_hash
from sync.wire import TicketSubmission

Failure = Callable[[httpx.Request], httpx.Response | None]


@dataclass
class FakeAppliance:
    token: str = "secret-token"
    blobs: dict[str, bytes] = field(default_factory=dict)
    tickets: dict[str, dict[str, object]] = field(default_factory=dict)
    feed: list[dict[str, object]] = field(default_factory=list)
    requests: list[httpx.Request] = field(default_factory=list)
    offline: bool = False
    # Each failure is asked first; the first that answers wins. A test appends and removes them.
    failures: list[Failure] = field(default_factory=list)
    next_number: int = 1
    solved: dict[str, int] = field(default_factory=dict)  # uuid -> article id, counted once

    def transport(self) -> httpx.MockTransport:
        return httpx.MockTransport(self.handle)

    def client(self, base_url: str = "http://127.0.0.1:9") -> httpx.Client:
        return httpx.Client(
            base_url=base_url,
            transport=self.transport(),
            headers={"Authorization": f"Bearer {self.token}"},
            timeout=2.0,
        )

    # -- scripting ---------------------------------------------------------------------------

    def fail_next(
        self, status: int, times: int = 1, *, path_part: str = "", **body: object
    ) -> None:
        left = [times]

        def failure(request: httpx.Request) -> httpx.Response | None:
            if left[0] <= 0 or path_part not in request.url.path:
                return None
            left[0] -= 1
            headers = {}
            if "retry_after" in body:
                headers["Retry-After"] = str(body["retry_after"])
            payload = {"error": body.get("error", "internal"), "message": "scripted failure"}
            payload.update({k: v for k, v in body.items() if k != "error"})
            return httpx.Response(status, json=payload, headers=headers)

        self.failures.append(failure)

    def forget_blobs(self) -> None:
        self.blobs.clear()

    def ticket_requests(self) -> list[httpx.Request]:
        return [r for r in self.requests if r.url.path == "/api/v1/tickets"]

    # -- the contract ------------------------------------------------------------------------

    def handle(self, request: httpx.Request) -> httpx.Response:
        if self.offline:
            raise httpx.ConnectError("connection refused", request=request)
        self.requests.append(request)
        for failure in self.failures:
            answer = failure(request)
            if answer is not None:
                return answer
        if request.headers.get("Authorization") != f"Bearer {self.token}":
            return httpx.Response(401, json={"error": "unauthorized", "message": "who are you"})
        path = request.url.path
        if request.method == "PUT" and path.startswith("/api/v1/blobs/"):
            return self._put_blob(request, path.rsplit("/", 1)[1])
        if request.method == "POST" and path == "/api/v1/tickets":
            return self._post_ticket(request)
        if request.method == "GET" and path == "/api/v1/feed":
            return self._feed(request)
        if request.method == "POST" and path == "/api/v1/faq/solved":
            sent = json.loads(request.content)
            counted = sent["uuid"] not in self.solved
            self.solved.setdefault(sent["uuid"], sent["article_id"])
            return httpx.Response(201 if counted else 200, json={"counted": counted})
        return httpx.Response(404, json={"error": "not_found", "message": path})

    def _put_blob(self, request: httpx.Request, name: str) -> httpx.Response:
        data = request.read()
        if hashlib.sha256(data).hexdigest() != name:
            return httpx.Response(400, json={"error": "hash_mismatch", "message": "hash"})
        created = name not in self.blobs
        self.blobs[name] = data
        return httpx.Response(
            201 if created else 200,
            json={
                "sha256": name,
                "size": len(data),
                "media_type": request.headers["Content-Type"],
                "width": 1,
                "height": 1,
                "created": created,
            },
        )

    def _post_ticket(self, request: httpx.Request) -> httpx.Response:
        submission = TicketSubmission.model_validate_json(request.read())
        key = str(submission.uuid)
        digest = content_hash(submission)
        known = self.tickets.get(key)
        if known is not None:
            if known["hash"] != digest:
                return httpx.Response(
                    409,
                    json={"error": "conflict", "message": "this uuid was used for another request"},
                )
            return httpx.Response(200, json=self._accepted(known))
        missing = [h for h in submission.attachments if h not in self.blobs]
        if missing:
            return httpx.Response(
                422,
                json={"error": "missing_blobs", "message": "upload first", "missing": missing},
            )
        ticket = {
            "uuid": key,
            "number": self.next_number,
            "hash": digest,
            "submission": submission,
            "received_at": datetime.now(UTC).isoformat(),
        }
        self.next_number += 1
        self.tickets[key] = ticket
        self.feed.append(
            {
                "kind": "number",
                "ticket_uuid": key,
                "ticket_number": ticket["number"],
                "status": "new",
            }
        )
        return httpx.Response(201, json=self._accepted(ticket))

    @staticmethod
    def _accepted(ticket: dict[str, object]) -> dict[str, object]:
        return {
            "uuid": ticket["uuid"],
            "number": ticket["number"],
            "status": "new",
            "received_at": ticket["received_at"],
        }

    def _feed(self, request: httpx.Request) -> httpx.Response:
        since = int(request.url.params.get("since", "0"))
        page_size = 2
        events = [
            {"seq": i + 1, "at": datetime.now(UTC).isoformat(), **event}
            for i, event in enumerate(self.feed)
        ][since : since + page_size]
        next_seq = events[-1]["seq"] if events else since
        faq = None
        if request.url.params.get("faq_version") != "faq-1":
            faq = [
                {
                    "id": 1,
                    "title": "Printer",
                    "body": "Turn it off and on.",
                    "updated_at": datetime.now(UTC).isoformat(),
                }
            ]
        body = {
            "events": events,
            "next": next_seq,
            "more": next_seq < len(self.feed),
            "faq_version": "faq-1",
            "faq": faq,
        }
        return httpx.Response(200, content=json.dumps(body).encode())
