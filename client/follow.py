"""The background agent follows the user's enrolment: a re-enrolment (``liveviewer enroll`` in
another window, or a new ``liveviewer.toml`` pushed by the administrator) is picked up by the
running agent within about a second, without a restart or a new logon.

Each round: enrol from the deployment file if needed (client/deploy.py), run the agent for the
enrolment in force, and stop it when the enrolment file or a deployment file changes. With no
enrolment yet (the appliance unreachable at the first logon), retry with a backoff.
"""

from __future__ import annotations

import logging
import threading
from pathlib import Path

from client.agent import FEED_INTERVAL_SECONDS, open_agent
from client.config import ENROLMENT_FILE_NAME
from client.deploy import config_stamp, ensure_enrolled
from client.errors import LiveViewerError
from client.outbox import Outbox
from sync.backoff import Backoff

log = logging.getLogger(__name__)

POLL_SECONDS = 1.0
# Not enrolled yet: try again after at most this long (and at once when a file changes).
ENROL_RETRY_CAP_SECONDS = 300.0

Stamp = tuple[object, ...]


def _file_stamp(path: Path) -> tuple[int, int] | None:
    try:
        info = path.stat()
    except OSError:
        return None
    return info.st_mtime_ns, info.st_size


def enrolment_stamp(home: Path, environ: dict[str, str] | None = None) -> Stamp:
    return (_file_stamp(home / ENROLMENT_FILE_NAME), config_stamp(environ))


def _wait_for_change(
    home: Path,
    environ: dict[str, str] | None,
    stamp: Stamp,
    stop: threading.Event,
    changed: threading.Event,
    timeout: float | None,
    poll: float,
) -> None:
    """Return when ``stop`` is set, a file changed (then set ``changed``), or after ``timeout``."""
    waited = 0.0
    while not stop.wait(poll):
        if enrolment_stamp(home, environ) != stamp:
            changed.set()
            return
        waited += poll
        if timeout is not None and waited >= timeout:
            return


def run_following_enrolment(
    home: Path,
    outbox: Outbox,
    stop: threading.Event,
    *,
    environ: dict[str, str] | None = None,
    feed_interval: float = FEED_INTERVAL_SECONDS,
    poll: float = POLL_SECONDS,
) -> None:
    backoff = Backoff(cap=ENROL_RETRY_CAP_SECONDS)
    while not stop.is_set():
        try:
            enrolment = ensure_enrolled(home, environ=environ)
        except LiveViewerError as exc:
            log.warning("not enrolled yet: %s", exc.message("en"))
            enrolment = None
        stamp = enrolment_stamp(home, environ)
        changed = threading.Event()
        if enrolment is None:
            delay = backoff.next_delay(at_least=poll)
            _wait_for_change(home, environ, stamp, stop, changed, delay, poll)
            continue
        backoff.reset()
        log.info("sending to %s as device %d", enrolment.server_url, enrolment.device_id)
        agent = open_agent(enrolment, outbox)
        round_over = threading.Event()

        def watch(
            stamp: Stamp = stamp,
            round_over: threading.Event = round_over,
            changed: threading.Event = changed,
        ) -> None:
            while not round_over.is_set() and not stop.wait(poll):
                if enrolment_stamp(home, environ) != stamp:
                    changed.set()
                    break
            round_over.set()

        watcher = threading.Thread(target=watch, name="enrolment-watch", daemon=True)
        watcher.start()
        try:
            agent.run_forever(round_over, feed_interval=feed_interval)
        finally:
            round_over.set()
            watcher.join(timeout=5)
            agent.http.close()
        if changed.is_set():
            log.info("the enrolment changed: reconnecting")
