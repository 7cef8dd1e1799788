"""What a server's output says about exceptions: a test that used a page or called the API fails
when the appliance logged an exception meanwhile (a traceback, or an ERROR/CRITICAL line), even
when the person at the page saw nothing wrong."""

from __future__ import annotations

import re

# uvicorn: "ERROR:    Exception in ASGI application"; NiceGUI/logging: "... ERROR ..." records;
# any "Traceback (most recent call last):" block, whatever logged it.
_ERROR_LINE = re.compile(r"^(?:ERROR|CRITICAL)\b|\b(?:ERROR|CRITICAL)\b[: -]", re.MULTILINE)
TRACEBACK = "Traceback (most recent call last)"


def logged_exceptions(output: str) -> list[str]:
    """The lines of ``output`` that report an exception or an error, with a little context."""
    lines = output.splitlines()
    found: list[str] = []
    for index, line in enumerate(lines):
        if TRACEBACK in line or _ERROR_LINE.search(line):
            found.append("\n".join(lines[index : index + 12]))
    return found


def assert_no_exceptions(output: str, what: str = "the appliance") -> None:
    found = logged_exceptions(output)
    assert not found, f"{what} logged {len(found)} exception(s)/error(s):\n" + "\n---\n".join(
        found[:3]
    )
