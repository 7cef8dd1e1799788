"""How LiveViewer shows times and long texts: the appliance's formats (``dd.mm.yyyy hh:mm`` in
this machine's zone), and a first line cut with an ellipsis so a cut is visible."""

from __future__ import annotations

from datetime import UTC, datetime

TIME_FORMAT = "%d.%m.%Y %H:%M"
ELLIPSIS = "…"


def local_time(iso: str) -> str:
    """An ISO timestamp (UTC from the appliance or this machine) in this machine's time zone."""
    try:
        moment = datetime.fromisoformat(iso)
    except ValueError:
        return iso
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=UTC)
    return moment.astimezone().strftime(TIME_FORMAT)


def first_line(text: str, limit: int) -> str:
    """The first non-empty line, at most ``limit`` characters; "…" says that more follows."""
    lines = [line.strip() for line in text.strip().splitlines() if line.strip()]
    if not lines:
        return ""
    line = lines[0]
    if len(line) > limit:
        return line[: limit - 1].rstrip() + ELLIPSIS
    return line + ELLIPSIS if len(lines) > 1 else line
