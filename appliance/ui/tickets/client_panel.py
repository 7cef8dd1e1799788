"""The client panel beside a ticket: everything about the client without another click.

Organisation and SLA plan; the person (phone and e-mail copy on click); the machine the ticket
came from and the person's other equipment; the organisation's network equipment; credentials
and license keys, masked; licenses with expiry; the last tickets of the same person and machine.

Secrets are not in the page until asked for. Reveal and copy each make a server round trip that
checks the right in the store and writes the audit row in the same transaction, and only after
that transaction is committed does the secret go to this browser (into the label, or straight to
the clipboard). A revealed secret is masked again after a while (``ui.common.secret``).

Test markers: ``client-panel``, ``panel-org``, ``panel-person``, ``person-phone``,
``person-email``, ``panel-workstations``, ``panel-network``, ``panel-credentials``,
``secret-<id>``, ``reveal-<id>``, ``copy-<id>``, ``panel-licenses``, ``license-<id>``,
``license-key-<id>``, ``license-reveal-<id>``, ``license-copy-<id>``, ``panel-person-tickets``,
``panel-machine-tickets``.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager

from nicegui import ui

from appliance.domain.clock import from_db
from appliance.services.secrets import SecretKind
from appliance.services.ticket_screen import (
    CredentialCard,
    EquipmentCard,
    LicenseCard,
    PastTicket,
)
from appliance.ui.common.format import day, when
from appliance.ui.common.secret import masked_secret
from appliance.ui.common.session import Session
from appliance.ui.tickets.body import section_title
from appliance.ui.tickets.screen_state import TicketScreen

KIND_ICONS = {
    "workstation": "desktop_windows",
    "laptop": "laptop",
    "server": "dns",
    "router": "router",
    "switch": "lan",
    "firewall": "security",
    "access_point": "wifi",
    "printer": "print",
    "nas": "storage",
    "ups": "battery_charging_full",
    "phone": "phone",
    "other": "devices_other",
}


def copyable(session: Session, text: str, *, marker: str, classes: str = "") -> ui.label:
    """A value that goes to the clipboard on click (contacts, IPs, logins: not secrets)."""

    def copy() -> None:
        ui.clipboard.write(text)
        ui.notify(session.t("ticket_screen.copied", value=text), type="info", timeout=1500)

    label = (
        ui.label(text)
        .classes(f"cursor-pointer text-primary hover:underline {classes}")
        .on("click", copy)
        .mark(marker)
    )
    label.tooltip(session.t("ticket_screen.click_to_copy"))
    return label


# A section with more entries than this starts folded (its title still counts them), so that
# thirty licences do not push the past tickets and the FAQ out of view.
FOLD_AFTER = 4


def client_panel(screen: TicketScreen) -> None:
    """Who asked, their machine and their past tickets: what a technician reads first."""
    _redrawn(screen, "client-panel", _draw)


def client_reference(screen: TicketScreen) -> None:
    """The organisation's network, credentials and licences: looked up, not read; long
    sections are folded with their counts in the titles."""
    _redrawn(screen, "client-reference", _draw_reference)


def _redrawn(screen: TicketScreen, marker: str, drawing: Callable[[TicketScreen], None]) -> None:
    box = ui.column().classes("w-full gap-3").mark(marker)

    def draw() -> None:
        box.clear()
        with box:
            drawing(screen)

    draw()
    screen.add_part(draw, shows=lambda d: (d.panel, d.may_reveal))


@contextmanager
def _folding(
    title: str, icon: str, marker: str, count: int, *, caption: str = ""
) -> Iterator[ui.column]:
    """A card-like section that folds; open when short, its title saying how many."""
    with (
        ui.expansion(f"{title} · {count}", icon=icon, caption=caption, value=count <= FOLD_AFTER)
        .props("dense header-class='text-subtitle2 text-grey-8 px-3'")
        .classes("w-full bg-white rounded-borders")
        .style("border: 1px solid rgba(0, 0, 0, 0.12)")
        .mark(marker),
        ui.column().classes("w-full gap-1 px-3 pb-2") as body,
    ):
        yield body


def _card(title: str, icon: str, marker: str) -> ui.card:
    card = ui.card().props("flat bordered").classes("w-full gap-1 px-4 py-3").mark(marker)
    with card:
        section_title(title, icon)
    return card


def _draw(screen: TicketScreen) -> None:
    panel, s = screen.data.panel, screen.session
    with _card(s.t("ticket_screen.panel.client"), "business", "panel-org"):
        if panel.org is None:
            ui.label(s.t("ticket_screen.unknown_client")).classes("text-body2 text-grey-7")
        else:
            org = panel.org
            # The whole card (people, equipment, network, devices) is one click away.
            ui.link(org.name, f"/clients/{org.id}").classes(
                "text-subtitle1 text-weight-medium leading-tight text-primary"
            ).mark("panel-org-link")
            plan = org.sla_plan_name or s.t("workflow.sla.no_plan")
            with ui.row().classes("gap-x-4 gap-y-0 text-body2 items-center"):
                ui.label(s.t("ticket_screen.sla_plan", plan=plan)).classes("text-grey-8")
                if org.phone:
                    copyable(s, org.phone, marker="org-phone")
                if org.email:
                    copyable(s, org.email, marker="org-email")
            if org.address:
                ui.label(org.address).classes("text-caption text-grey-8")
            if org.notes:
                ui.label(org.notes).classes("text-caption text-grey-7 whitespace-pre-wrap")
        person = panel.person
        if person is not None:
            ui.separator().classes("my-1")
            with ui.column().classes("gap-0").mark("panel-person"):
                with ui.row().classes("items-baseline gap-x-2 gap-y-0"):
                    ui.label(person.full_name).classes("text-subtitle1 text-weight-medium")
                    if person.position:
                        ui.label(person.position).classes("text-body2 text-grey-8")
                with ui.row().classes("gap-x-4 gap-y-0 text-body2 items-center"):
                    if person.phone:
                        with ui.row().classes("items-center gap-1 no-wrap"):
                            ui.icon("call", size="xs", color="grey-7")
                            copyable(s, person.phone, marker="person-phone")
                    if person.email:
                        with ui.row().classes("items-center gap-1 no-wrap"):
                            ui.icon("mail", size="xs", color="grey-7")
                            copyable(s, person.email, marker="person-email")
                if person.logins:
                    ui.label(s.t("ticket_screen.logins", logins=", ".join(person.logins))).classes(
                        "text-caption text-grey-7"
                    )
                if person.notes:
                    ui.label(person.notes).classes("text-caption text-grey-7 whitespace-pre-wrap")

    if panel.workstations:
        with _card(s.t("ticket_screen.panel.workstation"), "computer", "panel-workstations"):
            for card in panel.workstations:
                _workstation(s, card, this_machine=card.id == panel.this_machine_id)

    for tickets, key, marker in (
        (panel.person_tickets, "ticket_screen.panel.person_tickets", "panel-person-tickets"),
        (panel.machine_tickets, "ticket_screen.panel.machine_tickets", "panel-machine-tickets"),
    ):
        if tickets:
            with _card(s.t(key), "history", marker):
                _past_tickets(screen, tickets)


def _draw_reference(screen: TicketScreen) -> None:
    panel, s = screen.data.panel, screen.session
    if panel.network:
        title = s.t("ticket_screen.panel.network")
        with _folding(title, "lan", "panel-network", len(panel.network)):
            for card in panel.network:
                _network_row(s, card)

    if panel.credentials:
        title = s.t("ticket_screen.panel.credentials")
        with _folding(title, "key", "panel-credentials", len(panel.credentials)):
            for cred in panel.credentials:
                _credential(screen, cred)

    if panel.licenses:
        # Expired and expiring ones come first (the store orders them) and are named in the
        # folded title, so a problem is visible without unfolding.
        troubled = sum(1 for lic in panel.licenses if lic.state in ("expired", "expiring"))
        caption = s.t("ticket_screen.panel.licenses_troubled", n=troubled) if troubled else ""
        title = s.t("ticket_screen.panel.licenses")
        with _folding(title, "verified", "panel-licenses", len(panel.licenses), caption=caption):
            for lic in panel.licenses:
                _license(screen, lic)


def _kind(session: Session, kind: str) -> str:
    return session.t(f"ticket_screen.kind.{kind}")


def _workstation(session: Session, card: EquipmentCard, *, this_machine: bool) -> None:
    with ui.column().classes("w-full gap-0"):
        with ui.row().classes("items-center gap-2"):
            ui.icon(KIND_ICONS.get(card.kind, "devices_other"), size="xs", color="grey-8")
            ui.label(card.name).classes("text-body2 text-weight-medium")
            ui.label(_kind(session, card.kind)).classes("text-caption text-grey-7")
            if this_machine:
                ui.badge(session.t("ticket_screen.this_machine"), color="primary").props("outline")
        with ui.grid(columns="auto 1fr").classes("gap-x-3 gap-y-0 text-body2 pl-6"):
            for key, value in (
                ("hostname", card.hostname),
                ("ip", card.ip),
                ("mac", card.mac),
                ("model", card.model),
                ("serial", card.serial),
                ("location", card.location),
            ):
                if value:
                    ui.label(session.t(f"ticket_screen.eq.{key}")).classes("text-grey-7")
                    if key in ("hostname", "ip", "mac", "serial"):
                        copyable(session, value, marker=f"eq-{card.id}-{key}")
                    else:
                        ui.label(value)
            if card.notes:
                ui.label(session.t("ticket_screen.eq.notes")).classes("text-grey-7")
                ui.label(card.notes).classes("whitespace-pre-wrap")


def _network_row(session: Session, card: EquipmentCard) -> None:
    # The name takes what the address leaves and ends in "…" (whole on hover); a gap keeps
    # it from running into the address ("…системы192.168.15.10").
    with ui.row().classes("w-full items-center gap-3 no-wrap").mark(f"network-{card.id}"):
        ui.icon(KIND_ICONS.get(card.kind, "devices_other"), size="xs", color="grey-8").tooltip(
            _kind(session, card.kind)
        )
        with ui.column().classes("gap-0 grow min-w-0"):
            ui.label(card.name).classes("w-full text-body2 text-weight-medium ellipsis").tooltip(
                card.name
            )
            where = " · ".join(v for v in (card.location, card.model) if v)
            if where:
                ui.label(where).classes("text-caption text-grey-7 ellipsis").tooltip(where)
        if card.ip:
            copyable(session, card.ip, marker=f"eq-{card.id}-ip", classes="font-mono shrink-0 ml-1")


def _secret_controls(
    screen: TicketScreen,
    *,
    object_id: int,
    present: bool,
    kind: SecretKind,
    title: str,
) -> None:
    """A masked secret with reveal and copy buttons (or a lock for those who may not)."""
    s = screen.session
    if not present:
        ui.label(s.t("ticket_screen.no_secret")).classes("text-grey-5 text-body2")
        return
    marker = "license-key" if kind == "license" else "secret"
    masked_secret(
        s,
        kind=kind,
        object_id=object_id,
        title=title,
        may_reveal=screen.data.may_reveal,
        value_marker=f"{marker}-{object_id}",
        button_prefix="license-" if kind == "license" else "",
        ticket_id=screen.ticket_id,
    )


def _credential(screen: TicketScreen, cred: CredentialCard) -> None:
    s = screen.session
    with ui.column().classes("w-full gap-0 py-1").mark(f"credential-{cred.id}"):
        with ui.row().classes("w-full items-baseline gap-x-2 gap-y-0"):
            ui.label(cred.title).classes("text-body2 text-weight-medium")
            if cred.equipment_name:
                ui.label(cred.equipment_name).classes("text-caption text-grey-7")
        with ui.row().classes("w-full items-center gap-x-2 gap-y-0"):
            if cred.url:
                ui.label(cred.url).classes("text-caption text-grey-8 break-all select-all")
            if cred.login:
                ui.icon("person", size="xs", color="grey-7")
                copyable(s, cred.login, marker=f"login-{cred.id}", classes="font-mono text-body2")
            with ui.row().classes("items-center gap-1 no-wrap"):
                ui.icon("password", size="xs", color="grey-7")
                _secret_controls(
                    screen,
                    object_id=cred.id,
                    present=cred.has_secret,
                    kind="credential",
                    title=cred.title,
                )
        if cred.notes:
            ui.label(cred.notes).classes("text-caption text-grey-7 whitespace-pre-wrap")


_LICENSE_STYLE = {
    "expired": ("negative", "bg-red-1"),
    "expiring": ("orange-9", "bg-orange-1"),
    "valid": ("positive", ""),
    "perpetual": ("grey-7", ""),
}


def _license_state_text(session: Session, lic: LicenseCard) -> str:
    until = day(lic.valid_until)
    if lic.state == "expired":
        return session.t("ticket_screen.license.expired", day=until)
    if lic.state == "expiring":
        return session.t("ticket_screen.license.expiring", day=until, days=lic.days_left)
    if lic.state == "valid":
        return session.t("ticket_screen.license.valid", day=until)
    return session.t("ticket_screen.license.perpetual")


def _license(screen: TicketScreen, lic: LicenseCard) -> None:
    s = screen.session
    colour, background = _LICENSE_STYLE[lic.state]
    with (
        ui.column()
        .classes(f"w-full gap-0 px-2 py-1 rounded {background}")
        .mark(f"license-{lic.id}")
    ):
        with ui.row().classes("items-center gap-x-2 gap-y-0 w-full"):
            ui.label(lic.product).classes("text-body2 text-weight-medium")
            ui.badge(_license_state_text(s, lic), color=colour).props("outline").mark(
                f"license-state-{lic.id}"
            )
            ui.label(s.t("ticket_screen.license.seats", n=lic.seats)).classes(
                "text-caption text-grey-7"
            )
        holder = lic.person_name or lic.equipment_name
        if holder:
            ui.label(holder).classes("text-caption text-grey-7")
        if lic.has_key:
            with ui.row().classes("items-center gap-2 no-wrap"):
                ui.icon("vpn_key", size="xs", color="grey-7")
                _secret_controls(
                    screen,
                    object_id=lic.id,
                    present=True,
                    kind="license",
                    title=lic.product,
                )


def _past_tickets(screen: TicketScreen, tickets: Sequence[PastTicket]) -> None:
    s = screen.session
    for past in tickets:
        with ui.row().classes("w-full items-baseline gap-2 no-wrap text-body2"):
            ui.link(
                s.t("ticket_screen.past_number", number=past.number), f"/tickets/{past.number}"
            ).classes("text-primary text-weight-medium shrink-0").mark(f"past-{past.number}")
            ui.label(s.t(f"status.{past.status}")).classes("text-caption text-grey-7 shrink-0")
            ui.label(when(from_db(past.received_at), screen.time_zone)).classes(
                "text-caption text-grey-7 shrink-0"
            )
            ui.label(" ".join(past.description.split())).classes("ellipsis text-grey-9")
