"""The background sender: drains the outbox to the appliance and pulls the feed.

Delivery of one item: upload each of its blobs not yet acknowledged (PUT, idempotent by hash),
then POST the ticket with the payload stored at Send time, byte for byte. Only the appliance's
success for the ticket (201 first time, 200 on a repeat: both carry the number) removes the
item, in the same local transaction that records the number.

Order. Items go oldest first, one at a time, and a drain stops at the first item that could not
be delivered, so a later request never reaches the appliance before an earlier one and numbers
follow submission order per device. Several drains at once (the window's quick try beside the
running agent) keep that property: each sends an item only after the previous one succeeded.

What each answer means for the item:
    201/200                         delivered: complete (delete, remember the number)
    422 missing_blobs               the appliance lost or never got a blob: upload again, retry
    409, other 4xx (not 401/429)    will never succeed as it is: rejected, with the reason
    401/403                         token unknown: stop; items wait for a new enrolment
    429                             stop; wait at least Retry-After
    5xx, no connection, timeout     stop; retry with backoff
    certificate changed             stop before anything is sent; nothing deleted
"""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Callable
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass, field

import httpx
import watchfiles
from pydantic import ValidationError

from client.config import Enrolment
from client.errors import (
    CertificateChanged,
    LiveViewerError,
    RateLimited,
    ServerError,
    Unauthorized,
)
from client.outbox import REJECTED, SIGNAL_FILE_NAME, Outbox, OutboxItem
from client.transport import DEFAULT_TIMEOUT, make_client, unreachable
from sync.backoff import Backoff
from sync.wire import (
    FAQ_SOLVED_PATH,
    FEED_PATH,
    TICKETS_PATH,
    ErrorBody,
    ErrorCode,
    FeedPage,
    TicketAccepted,
    blob_path,
)

log = logging.getLogger("liveviewer.agent")

FEED_INTERVAL_SECONDS = 30.0
# Items whose screenshots upload while the current ticket is posted.
UPLOAD_AHEAD = 2
WATCH_START_SECONDS = 5.0
MAX_FEED_PAGES_PER_PULL = 50


@dataclass
class DrainReport:
    """What one drain did. ``error`` is why it stopped early (None: the outbox is drained or
    the deadline passed); ``retry_after`` is the appliance's Retry-After, if it sent one."""

    delivered: list[tuple[str, int]] = field(default_factory=list)
    rejected: list[tuple[str, str]] = field(default_factory=list)
    remaining: int = 0
    error: LiveViewerError | None = None
    retry_after: float | None = None

    @property
    def ok(self) -> bool:
        return self.error is None


class _Stop(Exception):
    """Stop the drain here; the item stays queued."""

    def __init__(self, error: LiveViewerError, retry_after: float | None = None) -> None:
        super().__init__(str(error))
        self.error = error
        self.retry_after = retry_after


class _Rejected(Exception):
    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


class _BlobsMissing(Exception):
    def __init__(self, hashes: list[str]) -> None:
        super().__init__(", ".join(hashes))
        self.hashes = hashes


def _error_body(response: httpx.Response) -> ErrorBody | None:
    try:
        return ErrorBody.model_validate_json(response.content)
    except ValidationError:
        return None


def _retry_after(response: httpx.Response, body: ErrorBody | None) -> float | None:
    value = response.headers.get("Retry-After")
    if value is not None:
        try:
            return max(0.0, float(value))
        except ValueError:
            pass
    if body is not None and body.retry_after is not None:
        return float(body.retry_after)
    return None


def _reason(response: httpx.Response, body: ErrorBody | None) -> str:
    if body is not None:
        return f"{response.status_code} {body.error}: {body.message}"
    text = response.text.strip().splitlines()[0][:200] if response.text.strip() else ""
    return f"{response.status_code} {text}".strip()


class Agent:
    """Sends what the outbox holds through ``http`` (an ``httpx.Client`` whose base URL is the
    appliance, with the device's bearer token and the pinned TLS context: see
    ``client.transport.make_client``)."""

    def __init__(
        self,
        http: httpx.Client,
        outbox: Outbox,
        *,
        backoff: Backoff | None = None,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self.http = http
        self.outbox = outbox
        self.backoff = backoff or Backoff()
        self._clock = clock

    # -- one request -------------------------------------------------------------------------

    def _call(self, method: str, url: str, **kwargs: object) -> httpx.Response:
        try:
            return self.http.request(method, url, **kwargs)  # type: ignore[arg-type]
        except CertificateChanged as exc:
            raise _Stop(exc) from None
        except httpx.TransportError as exc:
            raise _Stop(unreachable(str(self.http.base_url), exc)) from None

    def _check_common(self, response: httpx.Response) -> ErrorBody | None:
        """Raise _Stop for answers that stop the drain whatever the request was."""
        if response.is_success:
            return None
        body = _error_body(response)
        status = response.status_code
        if status in (401, 403):
            raise _Stop(Unauthorized())
        if status == 429:
            wait = _retry_after(response, body)
            raise _Stop(RateLimited(seconds=round(wait or 1)), retry_after=wait)
        if status >= 500 or status == 408:
            raise _Stop(
                ServerError(status=status, message=_reason(response, body)),
                retry_after=_retry_after(response, body),
            )
        return body

    def _upload_blob(self, item: OutboxItem, sha256: str, media_type: str) -> None:
        data = self.outbox.blob_data(item.uuid, sha256)
        response = self._call(
            "PUT", blob_path(sha256), content=data, headers={"Content-Type": media_type}
        )
        body = self._check_common(response)
        if response.status_code not in (200, 201):
            raise _Rejected(_reason(response, body))
        self.outbox.mark_blob_uploaded(item.uuid, sha256)

    def _post_ticket(self, item: OutboxItem) -> TicketAccepted:
        response = self._call(
            "POST",
            TICKETS_PATH,
            content=item.payload.encode("utf-8"),
            headers={"Content-Type": "application/json"},
        )
        body = self._check_common(response)
        if response.status_code in (200, 201):
            try:
                return TicketAccepted.model_validate_json(response.content)
            except ValidationError:
                raise _Stop(
                    ServerError(status=response.status_code, message="unreadable answer")
                ) from None
        if body is not None and body.error == ErrorCode.MISSING_BLOBS:
            raise _BlobsMissing(list(body.missing))
        raise _Rejected(_reason(response, body))

    def _upload_blobs(self, item: OutboxItem) -> None:
        for blob in item.blobs:
            if not blob.uploaded:
                self._upload_blob(item, blob.sha256, blob.media_type)

    def _deliver(self, item: OutboxItem, uploads: Future[None] | None = None) -> TicketAccepted:
        """Deliver one item or raise; its local state is updated as each step succeeds.
        ``uploads``: its blobs' upload, already started ahead (else done here)."""
        if uploads is not None:
            uploads.result()
        else:
            self._upload_blobs(item)
        current = item
        for attempt in range(2):
            try:
                return self._post_ticket(current)
            except _BlobsMissing as missing:
                # Our "uploaded" mark is older than the appliance's memory (restored from a
                # backup, or the blob was never committed): upload again, once.
                self.outbox.mark_blobs_missing(current.uuid, missing.hashes)
                refreshed = self.outbox.get(current.uuid)
                if refreshed is None or attempt == 1:
                    break
                current = refreshed
                self._upload_blobs(current)
        raise _Stop(ServerError(status=422, message="the appliance keeps missing the screenshot"))

    # -- the drain ---------------------------------------------------------------------------

    def drain_once(self, *, deadline: float | None = None) -> DrainReport:
        """Send queued items oldest first until the outbox is empty, an item cannot be
        delivered now, or ``deadline`` (a ``clock()`` time) passes.

        The screenshots of the next few items upload while the current ticket is posted
        (``UPLOAD_AHEAD``): blobs are content-addressed and idempotent, so sending them early
        changes nothing the appliance numbers; tickets themselves go strictly one by one.
        """
        report = DrainReport()
        items = self.outbox.pending()
        uploads: dict[str, Future[None]] = {}
        with ThreadPoolExecutor(
            max_workers=max(1, UPLOAD_AHEAD), thread_name_prefix="upload"
        ) as pool:

            def start_uploads(position: int) -> None:
                for ahead in items[position + 1 : position + 1 + UPLOAD_AHEAD]:
                    if ahead.uuid not in uploads and any(not b.uploaded for b in ahead.blobs):
                        uploads[ahead.uuid] = pool.submit(self._upload_blobs, ahead)

            try:
                for position, item in enumerate(items):
                    if deadline is not None and self._clock() >= deadline:
                        break
                    if self.outbox.get(item.uuid) is None:
                        continue  # another drainer delivered it meanwhile
                    start_uploads(position)
                    if not self._deliver_one(item, uploads.get(item.uuid), report):
                        break
            finally:
                for pending in uploads.values():
                    pending.cancel()
        report.remaining = self.outbox.counts()["queued"]
        return report

    def _deliver_one(
        self, item: OutboxItem, uploads: Future[None] | None, report: DrainReport
    ) -> bool:
        """Deliver ``item``, record the outcome in ``report``; False means stop the drain."""
        try:
            accepted = self._deliver(item, uploads)
        except _Rejected as rejected:
            log.warning("request %s rejected by the appliance: %s", item.uuid, rejected.reason)
            self.outbox.reject(item.uuid, rejected.reason)
            report.rejected.append((item.uuid, rejected.reason))
            return True
        except _Stop as stop:
            if not isinstance(stop.error, CertificateChanged):
                self.outbox.note_failure(item.uuid, str(stop.error))
            report.error = stop.error
            report.retry_after = stop.retry_after
            return False
        self.outbox.complete(item.uuid, number=accepted.number, status=accepted.status)
        report.delivered.append((item.uuid, accepted.number))
        return True

    # -- "this solved it" --------------------------------------------------------------------

    def send_solved(self) -> int:
        """Tell the appliance which cached articles solved an employee's problem (queued by the
        window); return how many left the queue. Each goes with the uuid chosen when it was
        queued, so an answer lost on the way and a resend still count once. A 4xx other than
        the common ones (an article id the appliance refuses) drops the item: it can never
        succeed as it is."""
        sent = 0
        for uuid, article_id in self.outbox.pending_solved():
            try:
                response = self._call(
                    "POST", FAQ_SOLVED_PATH, json={"uuid": uuid, "article_id": article_id}
                )
                self._check_common(response)
            except _Stop as stop:
                raise stop.error from None
            if response.status_code in (200, 201) or 400 <= response.status_code < 500:
                self.outbox.solved_delivered(uuid)
                sent += 1
        return sent

    # -- the feed ----------------------------------------------------------------------------

    def pull_feed(self) -> int:
        """Fetch the device's ticket events (and the FAQ when it changed); return how many
        events were applied. Raises ``LiveViewerError`` when the appliance cannot be asked."""
        applied = 0
        for _ in range(MAX_FEED_PAGES_PER_PULL):
            params = {"since": self.outbox.feed_cursor()}
            faq_version = self.outbox.faq_version()
            if faq_version:
                params["faq_version"] = faq_version  # type: ignore[assignment]
            try:
                response = self._call("GET", FEED_PATH, params=params)
                self._check_common(response)
            except _Stop as stop:
                raise stop.error from None
            if response.status_code != 200:
                raise ServerError(status=response.status_code, message=_reason(response, None))
            try:
                page = FeedPage.model_validate_json(response.content)
            except ValidationError:
                raise ServerError(status=200, message="unreadable feed") from None
            self.outbox.apply_feed(page)
            applied += len(page.events)
            if not page.more:
                break
        return applied

    def sync_once(self, *, patience: float = 0.0) -> DrainReport:
        """Drain, then (when the appliance answered) pull the feed.

        ``patience``: seconds this call may spend waiting out the appliance's rate limit
        (Retry-After) and going on, so that ``agent --once`` empties a long queue."""
        report = self.drain_once()
        waited = 0.0
        while isinstance(report.error, RateLimited) and report.retry_after is not None:
            if waited + report.retry_after > patience:
                break
            time.sleep(report.retry_after)
            waited += report.retry_after
            later = self.drain_once()
            later.delivered[:0] = report.delivered
            later.rejected[:0] = report.rejected
            report = later
        if report.ok:
            try:
                self.send_solved()
                self.pull_feed()
            except LiveViewerError as exc:
                report.error = exc
        return report

    # -- forever -----------------------------------------------------------------------------

    def run_forever(
        self, stop: threading.Event, *, feed_interval: float = FEED_INTERVAL_SECONDS
    ) -> None:
        """Sync, then sleep until a new item is written, the feed interval passes, or the
        backoff delay after a failure ends; until ``stop`` is set."""
        wake = threading.Event()
        watching = threading.Event()
        watcher = threading.Thread(
            target=self._watch, args=(wake, watching, stop), name="outbox-watch", daemon=True
        )
        watcher.start()
        # An item written before the watch is in place would not wake us: start syncing only
        # once it is (the first sync then sees every such item).
        watching.wait(timeout=WATCH_START_SECONDS)
        while not stop.is_set():
            wake.clear()
            delay = self.step(feed_interval=feed_interval)
            self._sleep_until_woken(wake, stop, delay)
        wake.set()
        watcher.join(timeout=5)

    def step(self, *, feed_interval: float = FEED_INTERVAL_SECONDS) -> float:
        """One round of ``run_forever``: sync, then return how long to sleep (the feed interval
        after a success, which also resets the backoff; else the next backoff delay, never
        shorter than the appliance's Retry-After)."""
        report = self.sync_once()
        if report.delivered:
            log.info("delivered %d request(s)", len(report.delivered))
        if report.error is None:
            self.backoff.reset()
            return feed_interval
        delay = self.backoff.next_delay(at_least=report.retry_after or 0.0)
        log.warning("%s; next try in %.1f s", report.error.message("en"), delay)
        return delay

    @staticmethod
    def _sleep_until_woken(wake: threading.Event, stop: threading.Event, delay: float) -> None:
        end = time.monotonic() + delay
        while not stop.is_set() and not wake.is_set():
            left = end - time.monotonic()
            if left <= 0:
                return
            wake.wait(min(left, 0.5))

    def _watch(
        self, wake: threading.Event, watching: threading.Event, stop: threading.Event
    ) -> None:
        directory = self.outbox.signal_path.parent

        def is_signal(_change: watchfiles.Change, path: str) -> bool:
            return path.endswith(SIGNAL_FILE_NAME)

        try:
            # yield_on_timeout: the first (empty) yield says the watch is registered.
            for changes in watchfiles.watch(
                directory,
                watch_filter=is_signal,
                stop_event=stop,
                debounce=50,
                rust_timeout=250,
                yield_on_timeout=True,
            ):
                watching.set()
                if changes:
                    wake.set()
        except Exception:  # a watcher failure only costs latency: the feed interval still wakes us
            log.exception("watching %s failed; relying on the periodic wake-up", directory)
        finally:
            watching.set()


# -- wiring --------------------------------------------------------------------------------------

QUICK_BUDGET_SECONDS = 2.0


def open_agent(
    enrolment: Enrolment, outbox: Outbox, *, timeout: httpx.Timeout = DEFAULT_TIMEOUT
) -> Agent:
    """An agent talking to the enrolled appliance (pinned when it is https). The caller closes
    ``agent.http``."""
    http = make_client(
        enrolment.server_url,
        fingerprint=enrolment.server_fingerprint if enrolment.uses_tls else None,
        token=enrolment.token,
        timeout=timeout,
    )
    return Agent(http, outbox)


@dataclass(frozen=True)
class QuickResult:
    """The outcome of trying to deliver a just-queued request at once."""

    number: int | None
    error: LiveViewerError | None
    rejected_reason: str | None = None


def try_deliver_now(
    enrolment: Enrolment | None,
    outbox: Outbox,
    request_uuid: str,
    *,
    budget: float = QUICK_BUDGET_SECONDS,
) -> QuickResult:
    """Drain for at most about ``budget`` seconds; report the request's number if it got one.

    Earlier queued requests go first (order), so after a long outage the new one may well stay
    queued: then the running agent (or the next ``agent --once``) takes it.
    """
    if enrolment is None:
        return QuickResult(None, None)
    agent = open_agent(enrolment, outbox, timeout=httpx.Timeout(budget, connect=min(budget, 1.0)))
    try:
        report = agent.drain_once(deadline=time.monotonic() + budget)
    finally:
        agent.http.close()
    ticket = outbox.ticket(request_uuid)
    if ticket is not None and ticket.status == REJECTED:
        return QuickResult(None, None, rejected_reason=ticket.reason)
    number = ticket.number if ticket is not None else None
    return QuickResult(number, None if number is not None else report.error)
