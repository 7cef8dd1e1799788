"""A masked secret on the client card (a credential's password, a license key) with reveal and
copy buttons.

The same control as the ticket screen's client panel (``ui.common.secret.masked_secret``): both
buttons go through ``services.secrets.reveal_secret``, audited before the secret reaches the
browser.

Test markers: ``<prefix>secret-<id>``, ``<prefix>reveal-<id>``, ``<prefix>copy-<id>`` with
prefix ``card-`` (credentials) or ``card-license-`` (license keys).
"""

from __future__ import annotations

from nicegui import ui

from appliance.services.secrets import SecretKind
from appliance.ui.clients.card import Card
from appliance.ui.common.secret import masked_secret


def secret_controls(
    card: Card, *, kind: SecretKind, object_id: int, present: bool, title: str
) -> None:
    prefix = "card-license-" if kind == "license" else "card-"
    if not present:
        empty = "cards.lic.no_key" if kind == "license" else "ticket_screen.no_secret"
        ui.label(card.t(empty)).classes("text-grey-5 text-body2")
        return
    masked_secret(
        card.session,
        kind=kind,
        object_id=object_id,
        title=title,
        may_reveal=card.may_reveal,
        value_marker=f"{prefix}secret-{object_id}",
        button_prefix=prefix,
    )
