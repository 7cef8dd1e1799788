"""The ``liveviewer`` command.

    liveviewer                      open the request window
    liveviewer enroll URL CODE      join this computer to the help desk's appliance
    liveviewer submit --text T [--phone P] [--urgent] [--no-screenshot]
                                    queue a request, try to deliver it once, print its number
                                    or, in the user's language, that it is queued
    liveviewer agent [--once]       deliver queued requests and pull replies (forever, or once)
    liveviewer status [--json]      enrolment, queue and my requests (never the token)

With a liveviewer.toml beside the program or in the system configuration directory
(client/deploy.py), every command but ``enroll`` first enrols the user silently.

Exit codes:
    0   done (submit: accepted or safely queued; agent --once: nothing left queued)
    1   an error, explained in one line on stderr (not enrolled, bad URL, wrong code, server
        unreachable during enrolment, certificate changed, token revoked, invalid text)
    2   bad usage (argparse)
    3   agent --once: requests are still queued afterwards (appliance unreachable or refusing)
    130 interrupted
"""

from __future__ import annotations

import argparse
import json
import logging
import os
import signal
import sys
import threading
from dataclasses import asdict
from pathlib import Path

from client import __version__
from client.agent import open_agent, try_deliver_now
from client.capture import CaptureError, capture_screenshot
from client.compose import InvalidRequest, check_input, queue_request
from client.config import (
    OUTBOX_FILE_NAME,
    Enrolment,
    EnrolmentFileError,
    home_dir,
    load_enrolment,
)
from client.errors import (
    CertificateChanged,
    EnrolmentDamaged,
    LiveViewerError,
    NotEnrolled,
    Unauthorized,
)
from client.format import first_line
from client.i18n import detect_language, status_label, t
from client.outbox import Outbox

EXIT_OK = 0
EXIT_ERROR = 1
EXIT_STILL_QUEUED = 3
# `agent --once` waits out the appliance's rate limit for this long before giving up.
ONCE_PATIENCE_SECONDS = 120.0


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="liveviewer",
        description="LiveViewer: send a request with a screenshot to your help desk.",
    )
    parser.add_argument("--version", action="version", version=f"liveviewer {__version__}")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")

    enroll = sub.add_parser("enroll", help="join this computer to the help desk's appliance")
    enroll.add_argument("url", help="the appliance's address, e.g. https://helpdesk.local:8443")
    enroll.add_argument("code", help="the enrolment code from your administrator")

    submit = sub.add_parser("submit", help="queue a request without the window")
    submit.add_argument("--text", required=True, help="what is wrong")
    submit.add_argument("--phone", default="", help="a phone number to call back")
    submit.add_argument("--urgent", action="store_true", help="mark the request urgent")
    submit.add_argument("--no-screenshot", action="store_true", help="do not attach a screenshot")

    agent = sub.add_parser("agent", help="deliver queued requests and pull replies")
    agent.add_argument(
        "--once", action="store_true", help="drain the outbox and the feed once, then exit"
    )

    status = sub.add_parser("status", help="show enrolment, queue and my requests")
    status.add_argument("--json", action="store_true", help="machine-readable output")
    return parser


def _enrolment(home: Path) -> Enrolment | None:
    try:
        return load_enrolment(home)
    except EnrolmentFileError as exc:
        raise EnrolmentDamaged(path=str(exc.path)) from None


def _require_enrolment(home: Path) -> Enrolment:
    enrolment = _enrolment(home)
    if enrolment is None:
        raise NotEnrolled()
    return enrolment


# -- commands ---------------------------------------------------------------------------------


def cmd_enroll(args: argparse.Namespace, home: Path, lang: str) -> int:
    from client.enroll import enroll

    enrolment = enroll(args.url, args.code, home)
    print(
        t(
            "cli.enrolled",
            lang,
            org=enrolment.org_name,
            url=enrolment.server_url,
            device=enrolment.device_id,
        )
    )
    return EXIT_OK


def cmd_submit(args: argparse.Namespace, home: Path, lang: str) -> int:
    enrolment = _enrolment(home)
    try:
        check_input(args.text, args.phone)  # before the screenshot: no capture for nothing
    except InvalidRequest as exc:
        print(f"liveviewer: {t(exc.key, lang, **exc.values)}", file=sys.stderr)
        return EXIT_ERROR
    screenshot = None
    if not args.no_screenshot:
        try:
            screenshot = capture_screenshot()
        except CaptureError as exc:
            print(f"liveviewer: {t('cli.capture_failed', lang, reason=str(exc))}", file=sys.stderr)
    with Outbox(home / OUTBOX_FILE_NAME) as outbox:
        try:
            queued = queue_request(
                outbox,
                description=args.text,
                phone=args.phone,
                urgent=args.urgent,
                screenshot=screenshot,
                home=home,
            )
        except InvalidRequest as exc:
            print(f"liveviewer: {t(exc.key, lang, **exc.values)}", file=sys.stderr)
            return EXIT_ERROR
        result = try_deliver_now(enrolment, outbox, queued.uuid)
    if result.number is not None:
        print(result.number)
        return EXIT_OK
    if result.rejected_reason is not None:
        print(
            f"liveviewer: {t('cli.rejected', lang, reason=result.rejected_reason)}", file=sys.stderr
        )
        return EXIT_ERROR
    print(t("cli.queued", lang))
    if enrolment is None:
        print(f"liveviewer: {NotEnrolled().message(lang)}", file=sys.stderr)
    elif isinstance(result.error, CertificateChanged | Unauthorized):
        print(f"liveviewer: {result.error.message(lang)}", file=sys.stderr)
        return EXIT_ERROR
    return EXIT_OK


def cmd_agent(args: argparse.Namespace, home: Path, lang: str) -> int:
    if not args.once:
        # Forever: enrols from liveviewer.toml when it can, and follows re-enrolments.
        from client.follow import run_following_enrolment

        with Outbox(home / OUTBOX_FILE_NAME) as outbox:
            stop = threading.Event()
            _stop_on_sigterm(stop)
            run_following_enrolment(home, outbox, stop)
        return EXIT_OK
    enrolment = _require_enrolment(home)
    with Outbox(home / OUTBOX_FILE_NAME) as outbox:
        agent = open_agent(enrolment, outbox)
        try:
            report = agent.sync_once(patience=ONCE_PATIENCE_SECONDS)
            print(
                t(
                    "cli.agent_once",
                    lang,
                    delivered=len(report.delivered),
                    rejected=len(report.rejected),
                    remaining=report.remaining,
                )
            )
            if report.error is not None:
                print(f"liveviewer: {report.error.message(lang)}", file=sys.stderr)
                if isinstance(report.error, CertificateChanged | Unauthorized):
                    return EXIT_ERROR
            return EXIT_OK if report.remaining == 0 else EXIT_STILL_QUEUED
        finally:
            agent.http.close()


def _stop_on_sigterm(stop: threading.Event) -> None:
    if threading.current_thread() is threading.main_thread():
        signal.signal(signal.SIGTERM, lambda *_: stop.set())


def status_document(home: Path) -> dict[str, object]:
    """What ``status --json`` prints: no token, ever."""
    enrolment = _enrolment(home)
    with Outbox(home / OUTBOX_FILE_NAME) as outbox:
        counts = outbox.counts()
        tickets = outbox.my_tickets()
        rejected = {item.uuid: item.rejected_reason for item in outbox.rejected()}
    return {
        "version": __version__,
        "home": str(home),
        "enrolled": enrolment is not None,
        "server_url": enrolment.server_url if enrolment else None,
        "device_id": enrolment.device_id if enrolment else None,
        "org_name": enrolment.org_name if enrolment else None,
        "server_fingerprint": enrolment.server_fingerprint if enrolment else None,
        "queued": counts["queued"],
        "rejected": counts["rejected"],
        "tickets": [
            {
                "uuid": ticket.uuid,
                "number": ticket.number,
                "status": ticket.status,
                "description": ticket.description,
                "submitted_at": ticket.submitted_at,
                "reason": rejected.get(ticket.uuid, ticket.reason) or None,
                "replies": [asdict(reply) for reply in ticket.replies],
            }
            for ticket in tickets
        ],
    }


def cmd_status(args: argparse.Namespace, home: Path, lang: str) -> int:
    doc = status_document(home)
    if args.json:
        print(json.dumps(doc, ensure_ascii=False, indent=2))
        return EXIT_OK
    print(t("cli.status_home", lang, home=doc["home"]))
    if doc["enrolled"]:
        print(
            t(
                "cli.status_enrolled",
                lang,
                url=doc["server_url"],
                device=doc["device_id"],
                org=doc["org_name"],
            )
        )
    else:
        print(t("cli.not_enrolled", lang))
    tickets: list[dict[str, object]] = doc["tickets"]  # type: ignore[assignment]
    print(
        t(
            "cli.status_queue",
            lang,
            queued=doc["queued"],
            rejected=doc["rejected"],
            tickets=len(tickets),
        )
    )
    for ticket in tickets:
        number = t("cli.number", lang, number=ticket["number"]) if ticket["number"] else "—"
        status = status_label(str(ticket["status"]), lang)
        description = first_line(str(ticket["description"]), 60)
        print(f"  {number:>8}  {status:<20}  {description}")
    return EXIT_OK


def cmd_window(args: argparse.Namespace, home: Path, lang: str) -> int:
    if os.name == "posix" and sys.platform != "darwin" and not os.environ.get("DISPLAY"):
        print(f"liveviewer: {t('cli.no_display', lang)}", file=sys.stderr)
        return EXIT_ERROR
    from client.window import run_window

    return run_window(home, lang)


def _enrol_from_deployment(home: Path, lang: str) -> None:
    """First start with a liveviewer.toml: enrol silently. A failure (appliance unreachable)
    is one line on stderr and the command goes on: a request is queued, not lost."""
    from client.deploy import ensure_enrolled

    try:
        ensure_enrolled(home)
    except LiveViewerError as exc:
        print(f"liveviewer: {exc.message(lang)}", file=sys.stderr)


COMMANDS = {
    "enroll": cmd_enroll,
    "submit": cmd_submit,
    "agent": cmd_agent,
    "status": cmd_status,
    None: cmd_window,
}


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    lang = detect_language()
    logging.basicConfig(
        level=logging.INFO if args.command == "agent" and not args.once else logging.WARNING,
        format="%(asctime)s liveviewer %(levelname)s %(message)s",
    )
    # httpx logs every request at INFO; the agent's own lines say what matters.
    logging.getLogger("httpx").setLevel(logging.WARNING)
    logging.getLogger("watchfiles").setLevel(logging.WARNING)
    try:
        home = home_dir()
        if args.command is None:
            # The window opens at once; it reads the enrolment again when the user sends.
            threading.Thread(
                target=_enrol_from_deployment, args=(home, lang), name="enrol", daemon=True
            ).start()
        elif args.command not in ("enroll", "agent") or getattr(args, "once", False):
            _enrol_from_deployment(home, lang)
        return COMMANDS[args.command](args, home, lang)
    except LiveViewerError as exc:
        print(f"liveviewer: {exc.message(lang)}", file=sys.stderr)
        return EXIT_ERROR
    except OSError as exc:
        print(f"liveviewer: {exc}", file=sys.stderr)
        return EXIT_ERROR
    except KeyboardInterrupt:
        return 130


if __name__ == "__main__":
    sys.exit(main())
