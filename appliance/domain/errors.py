"""The one error base of the appliance: an i18n key, the values that fill it, and a kind.

Every failure meant for a person (an admin in Settings, a technician on a ticket, an employee's
LiveViewer, a script calling the CLI) is an ``AppError``. Code that detects the failure raises
the kind that says what went wrong; it does not know who will read the message. Each boundary
maps the kind once:

    AppError(key, **values)          HTTP (api/errors.py)   UI (ui/common/errors.py)   CLI exit
    +-- InvalidInput                 422                    warning notification       2
    +-- NotFound                     404                    warning notification       3
    +-- Forbidden                    403                    negative notification      4
    +-- Conflict                     409                    warning notification       5
    |   +-- Stale                    409                    warning, then fresh data   5
    +-- Unavailable                  503                    negative notification      6
        +-- DiskFull                 507                    negative notification      6

The message is ``t(err.key, lang, **err.values)`` (``appliance.i18n``); ``str(err)`` is the key
and its values, for logs, and never a translated sentence. This module imports nothing of ours
(domain rule), so the kinds can be raised from any layer.
"""

from __future__ import annotations

from typing import ClassVar


class AppError(Exception):
    """A failure with a sentence for people: ``key`` names it in the i18n catalogue."""

    # Kind names shared by the three boundary mappings (HTTP status, UI colour, exit code).
    kind: ClassVar[str] = "error"

    def __init__(self, key: str, **values: object) -> None:
        self.key = key
        self.values: dict[str, object] = values
        detail = ", ".join(f"{name}={value!r}" for name, value in values.items())
        super().__init__(f"{key} ({detail})" if detail else key)


class InvalidInput(AppError):
    """What was given breaks a rule (a field, a format, a transition); nothing was written."""

    kind = "invalid_input"


class NotFound(AppError):
    """The thing named does not exist (deleted meanwhile, or a forged id)."""

    kind = "not_found"


class Forbidden(AppError):
    """The actor may not do this (role, grant, disabled account, revoked device)."""

    kind = "forbidden"


class Conflict(AppError):
    """The request clashes with what the store holds (a name taken, a uuid with other content)."""

    kind = "conflict"


class Stale(Conflict):
    """Someone else changed the thing after the caller read it; read again and retry."""

    kind = "stale"


class Unavailable(AppError):
    """The appliance cannot serve this now (store closed or unreadable, key missing, disk)."""

    kind = "unavailable"


class DiskFull(Unavailable):
    """The data directory's disk is full: nothing of this request was written (HTTP 507)."""

    kind = "disk_full"
