"""Telling a technician about new tickets: a short sound and a browser notification, each switched
on per user (``users.notify_sound`` / ``users.notify_browser``) from two buttons on the list.

The browser asks the user before it shows notifications, and only in answer to a gesture, so the
permission request runs in the browser inside the button's own click handler; the server hears
the answer and saves the setting only when the browser granted it. Notifications are shown while
the window is in the background (in front, the list itself shows the new row); their text is set
as plain text by the browser. Browsers play sound only after the user has interacted with the
page; a refused ``play()`` is ignored.
"""

from __future__ import annotations

import json
from pathlib import Path

from nicegui import app, events, ui

from appliance.services.accounts import set_notifications
from appliance.services.ticket_list import TicketRow
from appliance.ui.common.a11y import named
from appliance.ui.common.session import Session

STATIC_DIR = Path(__file__).parent / "static"
SOUND_URL = "/static/tiketnitsa/new-ticket.wav"
MAX_NOTIFICATIONS = 3  # more new tickets at once are announced as one "N new tickets"

_SCRIPT = """
<script>
window.tkTicketList = {
  sound: null,
  play(url) {
    try {
      if (!this.sound) this.sound = new Audio(url);
      this.sound.currentTime = 0;
      const started = this.sound.play();
      if (started) started.catch(() => {});
    } catch (e) {}
  },
  notify(items) {
    if (!('Notification' in window) || Notification.permission !== 'granted') return;
    if (document.visibilityState === 'visible' && document.hasFocus()) return;
    for (const item of items) {
      const shown = new Notification(item.title, {body: item.body, tag: item.tag});
      shown.onclick = () => { window.focus(); window.location.href = item.href; shown.close(); };
    }
  },
};
</script>
"""

# Runs in the browser, inside the click: the only place a permission request is honoured.
_ASK_PERMISSION = """() => {
  if (!('Notification' in window)) { emit('unsupported'); return; }
  Notification.requestPermission().then((answer) => emit(answer));
}"""


def register_static() -> None:
    app.add_static_file(local_file=STATIC_DIR / "new-ticket.wav", url_path=SOUND_URL)


class Notifier:
    """The two switches and what they do when new tickets arrive, for one page."""

    def __init__(self, session: Session) -> None:
        self.session = session
        self.sound = session.user.notify_sound
        self.browser = session.user.notify_browser
        self._sound_button: ui.button | None = None
        self._browser_button: ui.button | None = None

    def controls(self) -> None:
        ui.add_head_html(_SCRIPT)
        t = self.session.t
        with ui.row().classes("items-center gap-1 no-wrap"):
            self._sound_button = named(
                ui.button(on_click=self._toggle_sound)
                .props("flat round dense")
                .mark("ticket-list-sound"),
                t("ticket_list.notify.sound"),
            )
            with self._sound_button:
                ui.tooltip(t("ticket_list.notify.sound"))
            self._browser_button = named(
                ui.button().props("flat round dense").mark("ticket-list-browser"),
                t("ticket_list.notify.browser"),
            )
            self._browser_button.on("click", self._browser_answer, js_handler=_ASK_PERMISSION)
            with self._browser_button:
                ui.tooltip(t("ticket_list.notify.browser"))
        self._show()

    def _show(self) -> None:
        if self._sound_button is not None:
            self._sound_button.props(
                f"icon={'volume_up' if self.sound else 'volume_off'}"
                f" color={'primary' if self.sound else 'grey-6'}"
            )
        if self._browser_button is not None:
            self._browser_button.props(
                f"icon={'notifications_active' if self.browser else 'notifications_off'}"
                f" color={'primary' if self.browser else 'grey-6'}"
            )

    async def _save(self) -> None:
        user_id, sound, browser = self.session.user.id, self.sound, self.browser
        await set_notifications(self.session.store, user_id=user_id, sound=sound, browser=browser)
        self._show()

    async def _toggle_sound(self) -> None:
        self.sound = not self.sound
        await self._save()
        if self.sound:
            self._play()

    async def _browser_answer(self, event: events.GenericEventArguments) -> None:
        if self.browser:
            self.browser = False
        elif event.args == "granted":
            self.browser = True
        else:
            ui.notify(self.session.t("ticket_list.notify.denied"), type="warning")
            return
        await self._save()

    def _play(self) -> None:
        ui.run_javascript(
            f"window.tkTicketList && window.tkTicketList.play({json.dumps(SOUND_URL)})"
        )

    def announce(self, new_rows: list[TicketRow]) -> None:
        """Sound and notification for tickets that just arrived (as the user chose)."""
        if not new_rows:
            return
        if self.sound:
            self._play()
        if self.browser:
            items = [self._item(row) for row in new_rows[:MAX_NOTIFICATIONS]]
            if len(new_rows) > MAX_NOTIFICATIONS:
                items = [
                    {
                        "title": self.session.t("ticket_list.notify.many", n=len(new_rows)),
                        "body": "",
                        "tag": "tiketnitsa-many",
                        "href": "/tickets",
                    }
                ]
            # JSON is a JavaScript literal: user text arrives as a string, never as code.
            ui.run_javascript(
                f"window.tkTicketList && window.tkTicketList.notify({json.dumps(items)})"
            )

    def _item(self, row: TicketRow) -> dict[str, str]:
        who = " · ".join(part for part in (row.org_name, row.person_name) if part)
        return {
            "title": self.session.t("ticket_list.notify.title", number=row.number),
            "body": f"{who}\n{row.summary}" if who else row.summary,
            "tag": f"tiketnitsa-{row.number}",
            "href": f"/tickets/{row.number}",
        }
