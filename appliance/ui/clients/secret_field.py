"""A masked secret on the client card (a credential's password, a license key) with reveal and
copy buttons.

Both go through ``services.secrets.reveal_secret``, the path the ticket screen's client panel
uses: the right is read again in the store and the audit row is committed before the secret
reaches this browser. A revealed secret is masked again after ``REVEAL_SECONDS``. Those without
the right see a lock.

Test markers: ``<prefix>secret-<id>``, ``<prefix>reveal-<id>``, ``<prefix>copy-<id>`` with
prefix ``card-`` (credentials) or ``card-license-`` (license keys).
"""

from __future__ import annotations

from nicegui import ui

from appliance.domain.errors import AppError
from appliance.services.secrets import Purpose, SecretKind, reveal_secret
from appliance.ui.clients.card import Card
from appliance.ui.common.errors import notify_error

MASK = "••••••••"
REVEAL_SECONDS = 30


def secret_controls(
    card: Card, *, kind: SecretKind, object_id: int, present: bool, title: str
) -> None:
    s = card.session
    prefix = "card-license-" if kind == "license" else "card-"
    if not present:
        empty = "cards.lic.no_key" if kind == "license" else "ticket_screen.no_secret"
        ui.label(card.t(empty)).classes("text-grey-5 text-body2")
        return
    value = (
        ui.label(MASK)
        .classes("font-mono text-body2 select-all")
        .mark(f"{prefix}secret-{object_id}")
    )
    if not card.may_reveal:
        ui.icon("lock", size="xs", color="grey-6").tooltip(card.t("ticket_screen.reveal_refused"))
        return
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
        try:
            return await reveal_secret(
                s.store, s.actor, kind=kind, object_id=object_id, purpose=purpose
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
            ui.notify(card.t("ticket_screen.secret_copied"), type="info", timeout=1500)

    for icon, handler, label_key, name in (
        ("visibility", show, "ticket_screen.reveal", "reveal"),
        ("content_copy", copy, "ticket_screen.copy_secret", "copy"),
    ):
        button = (
            ui.button(icon=icon, on_click=handler)
            .props("flat dense round size=sm")
            .tooltip(card.t(label_key))
            .mark(f"{prefix}{name}-{object_id}")
        )
        button.props["aria-label"] = f"{card.t(label_key)}: {title}"
