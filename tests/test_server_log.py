"""The net under every real-server test: an exception in the server's output is found."""

from tests.server_log import logged_exceptions

SEEN = """Tiketnitsa serving on http://127.0.0.1:56435
The parent element this slot belongs to has been deleted.
Traceback (most recent call last):
  File "nicegui/background_tasks.py", line 203, in _await_in_context
RuntimeError: The parent element this slot belongs to has been deleted.
"""


def test_a_traceback_or_an_error_line_is_found_and_a_clean_log_passes() -> None:
    assert len(logged_exceptions(SEEN)) == 1
    assert logged_exceptions("ERROR:    Exception in ASGI application\n")
    assert logged_exceptions("2026-11-30 nicegui ERROR something broke\n")
    assert logged_exceptions("Tiketnitsa serving on http://127.0.0.1:1\nINFO: GET / 200\n") == []
