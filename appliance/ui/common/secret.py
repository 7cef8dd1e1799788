"""A masked secret (a credential's password, a license key) with reveal and copy buttons, the
same on the ticket screen's client panel and on the client card.

Both buttons go through ``services.secrets.reveal_secret``: the right is read again in the store
and the audit row is committed before the secret reaches this browser. A revealed secret is
masked again after ``REVEAL_SECONDS``; those without the right see a lock.
"""

from __future__ import annotations

from nicegui import ui

from appliance.domain.errors import AppError
from appliance.services.secrets import Purpose, SecretKind, reveal_secret
from appliance.ui.common.errors import notify_error
from appliance.ui.common.session import Session

MASK = "••••••••"
REVEAL_SECONDS = 30


def masked_secret(
    session: Session,
    *,
    kind: SecretKind,
    object_id: int,
    title: str,
    may_reveal: bool,
    value_marker: str,
    button_prefix: str,
    ticket_id: int | None = None,
) -> None:
    """The secret's masked value and its two buttons (markers ``value_marker`` and
    ``<button_prefix>reveal-<id>`` / ``<button_prefix>copy-<id>``); ``ticket_id`` names the
    ticket a reveal is made for, in the audit row."""
    s = session
    value = ui.label(MASK).classes("font-mono text-body2 select-all").mark(value_marker)
    if not may_reveal:
        ui.icon("lock", size="xs", color="grey-6").tooltip(s.t("ticket_screen.reveal_refused"))
        return
    # Where the one-shot "mask again" timers live; each reveal starts its own, and only the
    # latest may mask (an older one must not cut a newer reveal short).
    timers = ui.element("span").classes("hidden")
    reveals = [0]

    def mask_later() -> None:
        reveals[0] += 1
        mine = reveals[0]

        def mask() -> None:
            if reveals[0] == mine:
                value.set_text(MASK)

        with timers:
            ui.timer(REVEAL_SECONDS, mask, once=True)

    async def fetch(purpose: Purpose) -> str | None:
        # The service reads the user's right again inside the audited write.
        try:
            return await reveal_secret(
                s.store,
                s.actor,
                kind=kind,
                object_id=object_id,
                purpose=purpose,
                ticket_id=ticket_id,
            )
        except AppError as error:
            notify_error(s, error)
        return None

    async def show() -> None:
        if value.text != MASK:
            value.set_text(MASK)
            return
        secret = await fetch("reveal")
        if secret is not None:
            value.set_text(secret)
            mask_later()

    async def copy() -> None:
        secret = await fetch("copy")
        if secret is not None:
            ui.clipboard.write(secret)
            ui.notify(s.t("ticket_screen.secret_copied"), type="info", timeout=1500)

    for icon, handler, label_key, name in (
        ("visibility", show, "ticket_screen.reveal", "reveal"),
        ("content_copy", copy, "ticket_screen.copy_secret", "copy"),
    ):
        button = (
            ui.button(icon=icon, on_click=handler)
            .props("flat dense round size=sm")
            .tooltip(s.t(label_key))
            .mark(f"{button_prefix}{name}-{object_id}")
        )
        # Set as a value, never parsed as a props string: the title is user text.
        button.props["aria-label"] = f"{s.t(label_key)}: {title}"
