"""The request window (Tk): describe the problem, press Send; and "My requests".

Flow of Send: the text is checked (a clear message when it is empty or too long; nothing is
queued); the window hides and waits ``settle_ms`` so the window manager has removed it from the
screen; a worker thread grabs every monitor, encodes, collects the machine facts and queues the
request in one outbox transaction; the window comes back saying "Sending…", and the same worker
tries to deliver at once for about two seconds: "Request № N accepted", or "Saved — it will be
sent automatically…" (the agent takes it from there).

Threads: Tk is touched only on the Tk thread. The worker puts its results on a queue that the Tk
thread polls with ``after``.

The preview shows the screen as it was when the window opened (taken before the window is
drawn): the employee sees what kind of image goes out and can remove it. The image sent is taken
at Send, with the window hidden, so it shows the screen as it is then, without LiveViewer on it.
"""

from __future__ import annotations

import base64
import io
import queue
import threading
import time
import tkinter as tk
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from tkinter import ttk
from typing import Any

import httpx
from PIL import Image

from client.agent import QuickResult, try_deliver_now
from client.capture import CaptureError, Screenshot, encode_webp, grab_virtual_screen, thumbnail
from client.compose import InvalidRequest, check_input, queue_request
from client.config import OUTBOX_FILE_NAME, Enrolment, EnrolmentFileError, load_enrolment
from client.errors import CertificateChanged, Unauthorized, WireVersionMismatch
from client.faq_offer import FaqOffer
from client.format import first_line, local_time
from client.i18n import status_label, t
from client.outbox import CachedArticle, Outbox
from client.theme import apply_theme, style_text
from client.transport import make_client

PREVIEW_SIZE = (320, 180)
NEEDS_ADMIN = (CertificateChanged, Unauthorized, WireVersionMismatch)
POLL_MS = 30
SETTLE_MS = 150
PAD = 8
HEALTH_PATH = "/api/v1/health"
HEALTH_TIMEOUT = 2.0
# Characters of a request's first line shown in "My requests" (the column cuts the rest).
DESCRIPTION_SHOWN = 48


@dataclass(frozen=True)
class SendOutcome:
    """What the window showed after Send (for tests and the benchmark)."""

    uuid: str | None
    number: int | None
    message: str
    elapsed: float


def _photo_from_image(image: Image.Image) -> tk.PhotoImage:
    # Tk 8.6 reads PNG itself, so Pillow's optional ImageTk module is not needed.
    out = io.BytesIO()
    image.save(out, format="PNG", compress_level=1)
    return tk.PhotoImage(data=base64.b64encode(out.getvalue()).decode("ascii"))


class RequestWindow:
    def __init__(
        self,
        root: tk.Tk,
        home: Path,
        lang: str,
        *,
        grab: Callable[[], Image.Image] = grab_virtual_screen,
        settle_ms: int = SETTLE_MS,
        on_outcome: Callable[[SendOutcome], None] | None = None,
    ) -> None:
        self.root = root
        self.home = home
        self.lang = lang
        self._grab = grab
        self._settle_ms = settle_ms
        self._on_outcome = on_outcome
        self._events: queue.Queue[tuple[str, Any]] = queue.Queue()
        self._send_started = 0.0
        self._photo: tk.PhotoImage | None = None
        self._sent_photo: tk.PhotoImage | None = None
        self._last_uuid: str | None = None
        self.outbox = Outbox(home / OUTBOX_FILE_NAME)
        self.include_screenshot = tk.BooleanVar(value=True)
        self.urgent = tk.BooleanVar(value=False)
        self.phone = tk.StringVar(value="")

        root.title(t("window.title", lang))
        root.minsize(620, 560)
        self.style = apply_theme(root)
        try:
            self.enrolment: Enrolment | None = load_enrolment(home)
        except EnrolmentFileError:
            self.enrolment = None
        self.online: bool | None = None  # None: not known yet
        root.protocol("WM_DELETE_WINDOW", self.close)
        self._build()
        self._load_preview()
        self._bind_keys()
        self._check_connection()
        self.root.after(POLL_MS, self._poll)

    # -- layout ------------------------------------------------------------------------------

    def _build(self) -> None:
        lang = self.lang
        self._build_header()
        self.notebook = ttk.Notebook(self.root)
        self.notebook.pack(fill="both", expand=True, padx=PAD, pady=(0, PAD))
        self.new_tab = ttk.Frame(self.notebook, padding=PAD)
        self.mine_tab = ttk.Frame(self.notebook, padding=PAD)
        self.notebook.add(self.new_tab, text=t("window.tab_new", lang))
        self.notebook.add(self.mine_tab, text=t("window.tab_mine", lang))
        self.notebook.bind("<<NotebookTabChanged>>", lambda _e: self._on_tab_changed())
        self._build_form()
        self._build_result()
        self._build_mine()
        self._show_form()

    def _build_header(self) -> None:
        """Who this goes to and whether it can go now: the organisation and the appliance's
        state (online, offline, how many requests wait in the queue)."""
        header = ttk.Frame(self.root, style="Header.TFrame", padding=(2 * PAD, PAD))
        header.pack(fill="x")
        org = self.enrolment.org_name if self.enrolment else ""
        self.org_label = ttk.Label(
            header, text=org or t("window.org_unknown", self.lang), style="Org.TLabel"
        )
        self.org_label.pack(side="left")
        self.state_label = ttk.Label(header, style="Header.TLabel")
        self.state_label.pack(side="right")
        self._show_state()

    def state_text(self) -> str:
        lang = self.lang
        if self.enrolment is None:
            return t("window.state.not_enrolled", lang)
        queued = self.outbox.counts()["queued"]
        if self.online is None:
            text = t("window.state.checking", lang)
        else:
            text = t("window.state.online" if self.online else "window.state.offline", lang)
        if queued:
            text += " · " + t("window.state.queued", lang, n=queued)
        return text

    def _show_state(self) -> None:
        style = "Header.TLabel"
        if self.enrolment is not None and self.online is not None:
            style = "Online.TLabel" if self.online else "Offline.TLabel"
        self.state_label.configure(text=self.state_text(), style=style)

    def _check_connection(self) -> None:
        if self.enrolment is None:
            return
        enrolment = self.enrolment

        def ping() -> None:
            try:
                with make_client(
                    enrolment.server_url,
                    fingerprint=enrolment.server_fingerprint,
                    timeout=httpx.Timeout(HEALTH_TIMEOUT),
                ) as client:
                    online = client.get(HEALTH_PATH).status_code == 200
            except (httpx.HTTPError, OSError, ValueError):
                online = False
            self._events.put(("state", online))

        threading.Thread(target=ping, name="health", daemon=True).start()

    def _bind_keys(self) -> None:
        # Ctrl+Enter sends from anywhere in the window (in the text it would add a line);
        # Esc closes, as any dialog does.
        def send_keys(_event: object) -> str:
            if self.form.winfo_ismapped():
                self.send()
            return "break"

        for widget in (self.root, self.description, self.phone_entry):
            widget.bind("<Control-Return>", send_keys)
            widget.bind("<Control-KP_Enter>", send_keys)
        self.root.bind("<Escape>", lambda _e: self.close())

    def _build_form(self) -> None:
        lang = self.lang
        form = self.form = ttk.Frame(self.new_tab)
        ttk.Label(form, text=t("window.description", lang)).pack(anchor="w")
        self.description = tk.Text(form, height=6, width=64, wrap="word", undo=True)
        style_text(self.description)
        self.description.pack(fill="both", expand=True, pady=(2, PAD))
        self.description.bind("<KeyRelease>", lambda _e: self._typed())
        self.description.bind("<<Paste>>", lambda _e: self.root.after_idle(self._typed))
        # Answers from the cached public FAQ, offered while the employee types (offline too).
        self.offer = FaqOffer(form, self.outbox, lang, on_solved=self._solved)
        self.offer.place_after(self.description)
        self.phone.trace_add("write", lambda *_: self._show_summary())
        self.urgent.trace_add("write", lambda *_: self._show_summary())

        row = ttk.Frame(form)
        row.pack(fill="x")
        ttk.Label(row, text=t("window.phone", lang)).pack(side="left")
        self.phone_entry = ttk.Entry(row, textvariable=self.phone, width=24)
        self.phone_entry.pack(side="left", padx=(4, 16))
        self.urgent_check = ttk.Checkbutton(
            row, text=t("window.urgent", lang), variable=self.urgent
        )
        self.urgent_check.pack(side="left")

        shot = ttk.LabelFrame(form, text=t("window.screenshot", lang), padding=PAD)
        shot.pack(fill="x", pady=PAD)
        self.preview = ttk.Label(shot)
        self.preview.pack(side="left")
        side = ttk.Frame(shot)
        side.pack(side="left", fill="both", expand=True, padx=(PAD, 0))
        self.screenshot_note = ttk.Label(side, wraplength=200, justify="left")
        self.screenshot_note.pack(anchor="w")
        self.remove_button = ttk.Button(side, command=self.toggle_screenshot)
        self.remove_button.pack(anchor="w", pady=(PAD, 0))

        # What will be sent, said in words and kept up to date while the employee types.
        self.summary = ttk.Label(form, style="Muted.TLabel", wraplength=560, justify="left")
        self.summary.pack(fill="x", pady=(0, PAD))

        bottom = ttk.Frame(form)
        bottom.pack(fill="x")
        self.message = ttk.Label(bottom, style="Error.TLabel", wraplength=380, justify="left")
        self.message.pack(side="left", fill="x", expand=True)
        self.send_button = ttk.Button(
            bottom, text=t("window.send", lang), command=self.send, style="Accent.TButton"
        )
        self.send_button.pack(side="right")
        ttk.Label(bottom, text=t("window.keys_hint", lang), style="Muted.TLabel").pack(
            side="right", padx=PAD
        )
        self._update_send_state()

    def _build_result(self) -> None:
        lang = self.lang
        result = self.result = ttk.Frame(self.new_tab)
        self.result_label = ttk.Label(
            result, style="Result.TLabel", wraplength=480, justify="center"
        )
        self.result_label.pack(pady=(40, 16))
        self.result_preview = ttk.Label(result)
        self.result_preview.pack(pady=PAD)
        buttons = ttk.Frame(result)
        buttons.pack(pady=PAD)
        self.new_button = ttk.Button(
            buttons, text=t("window.new_request", lang), command=self.new_request
        )
        self.new_button.pack(side="left", padx=4)
        self.close_button = ttk.Button(buttons, text=t("window.close", lang), command=self.close)
        self.close_button.pack(side="left", padx=4)

    def _build_mine(self) -> None:
        lang = self.lang
        top = ttk.Frame(self.mine_tab)
        top.pack(fill="x")
        self.mine_note = ttk.Label(top, text=t("window.mine_offline", lang))
        self.mine_note.pack(side="left")
        ttk.Button(top, text=t("window.mine_refresh", lang), command=self.refresh_mine).pack(
            side="right"
        )
        columns = ("number", "status", "submitted", "description")
        self.tickets = ttk.Treeview(
            self.mine_tab, columns=columns, show="headings", height=8, selectmode="browse"
        )
        for column, key, width in (
            ("number", "window.col_number", 60),
            ("status", "window.col_status", 180),
            ("submitted", "window.col_submitted", 140),
            ("description", "window.col_description", 260),
        ):
            self.tickets.heading(column, text=t(key, lang))
            self.tickets.column(column, width=width, stretch=column == "description")
        self.tickets.pack(fill="both", expand=True, pady=PAD)
        self.tickets.bind("<<TreeviewSelect>>", lambda _e: self._show_replies())
        ttk.Label(self.mine_tab, text=t("window.replies", lang)).pack(anchor="w")
        self.replies = tk.Text(self.mine_tab, height=6, wrap="word")
        style_text(self.replies)
        self.replies.configure(state="disabled")
        self.replies.pack(fill="both", expand=True)
        self._mine: dict[str, Any] = {}

    # -- the form ----------------------------------------------------------------------------

    def _load_preview(self) -> None:
        try:
            image = self._grab()
        except CaptureError:
            self.include_screenshot.set(False)
            self.remove_button.state(["disabled"])
            self._show_screenshot_state()
            return
        self._photo = _photo_from_image(thumbnail(image, *PREVIEW_SIZE))
        self._show_screenshot_state()

    def _show_screenshot_state(self) -> None:
        lang = self.lang
        if self.include_screenshot.get() and self._photo is not None:
            self.preview.configure(image=self._photo)
            self.screenshot_note.configure(text=t("window.screenshot_hint", lang))
            self.remove_button.configure(text=t("window.remove_screenshot", lang))
        else:
            self.preview.configure(image="")
            self.screenshot_note.configure(text=t("window.no_screenshot", lang))
            self.remove_button.configure(text=t("window.add_screenshot", lang))
        self._show_summary()

    def summary_text(self) -> str:
        lang = self.lang
        length = len(self.description_text().strip())
        parts = [
            t("window.preview.description", lang, n=length)
            if length
            else t("window.preview.empty", lang)
        ]
        phone = self.phone.get().strip()
        if phone:
            parts.append(t("window.preview.phone", lang, phone=phone))
        if self.urgent.get():
            parts.append(t("window.preview.urgent", lang))
        with_shot = self.include_screenshot.get() and self._photo is not None
        parts.append(
            t("window.preview.screenshot" if with_shot else "window.preview.no_screenshot", lang)
        )
        parts.append(t("window.preview.facts", lang))
        return t("window.preview.title", lang) + " " + ", ".join(parts) + "."

    def _show_summary(self) -> None:
        if hasattr(self, "summary"):
            self.summary.configure(text=self.summary_text())

    def toggle_screenshot(self) -> None:
        self.include_screenshot.set(not self.include_screenshot.get())
        self._show_screenshot_state()

    def description_text(self) -> str:
        return self.description.get("1.0", "end-1c")

    def _typed(self) -> None:
        self._update_send_state()
        self.offer.update(self.description_text())

    def _solved(self, article: CachedArticle) -> None:
        """The employee found the answer: nothing is sent; the appliance counts it at the next
        sync."""
        self._show_result(t("window.faq.thanks", self.lang, title=article.title))

    def _update_send_state(self) -> None:
        self._show_summary()
        if self.description_text().strip():
            self.send_button.state(["!disabled"])
            self.message.configure(text="")
        else:
            self.send_button.state(["disabled"])

    def _show_form(self) -> None:
        self.result.pack_forget()
        self.form.pack(fill="both", expand=True)

    def _show_result(self, text: str) -> None:
        self.form.pack_forget()
        self.result_label.configure(text=text)
        self.result.pack(fill="both", expand=True)

    def new_request(self) -> None:
        self.description.delete("1.0", "end")
        self.offer.clear()
        self.phone.set("")
        self.urgent.set(False)
        self.include_screenshot.set(self._photo is not None)
        self._show_screenshot_state()
        self.result_preview.configure(image="")
        self._update_send_state()
        self._show_form()
        self.description.focus_set()

    # -- Send --------------------------------------------------------------------------------

    def send(self) -> None:
        description = self.description_text()
        phone = self.phone.get()
        try:
            check_input(description, phone)
        except InvalidRequest as exc:
            self.message.configure(text=t(exc.key, self.lang, **exc.values))
            self.description.focus_set()
            return
        self._send_started = time.perf_counter()
        self.send_button.state(["disabled"])
        self.message.configure(text="")
        fields = (description, phone, self.urgent.get())
        if self.include_screenshot.get():
            self.root.withdraw()
            self.root.after(self._settle_ms, lambda: self._start_worker(*fields, True))
        else:
            self._start_worker(*fields, False)

    def _start_worker(self, description: str, phone: str, urgent: bool, with_shot: bool) -> None:
        threading.Thread(
            target=self._work,
            args=(description, phone, urgent, with_shot),
            name="send",
            daemon=True,
        ).start()

    def _work(self, description: str, phone: str, urgent: bool, with_shot: bool) -> None:
        screenshot: Screenshot | None = None
        preview: Image.Image | None = None
        if with_shot:
            try:
                image = self._grab()
                screenshot = encode_webp(image)
                preview = thumbnail(image, *PREVIEW_SIZE)
            except CaptureError:
                screenshot = None
        try:
            queued = queue_request(
                self.outbox,
                description=description,
                phone=phone,
                urgent=urgent,
                screenshot=screenshot,
                home=self.home,
            )
        except Exception as exc:  # the request was not saved: say so, keep the form filled
            self._events.put(("failed", str(exc) or type(exc).__name__))
            return
        self._events.put(("queued", (queued.uuid, preview)))
        try:
            enrolment: Enrolment | None = load_enrolment(self.home)
        except EnrolmentFileError:
            enrolment = None
        result = try_deliver_now(enrolment, self.outbox, queued.uuid)
        self._events.put(("result", (queued.uuid, result, enrolment is not None)))

    def _poll(self) -> None:
        try:
            while True:
                kind, value = self._events.get_nowait()
                self._handle(kind, value)
        except queue.Empty:
            pass
        self.root.after(POLL_MS, self._poll)

    def _handle(self, kind: str, value: Any) -> None:
        lang = self.lang
        if kind == "state":
            self.online = bool(value)
            self._show_state()
            return
        if kind == "failed":
            self.root.deiconify()
            self._update_send_state()
            self.message.configure(text=t("window.failed", lang, reason=value))
            return
        if kind == "queued":
            request_uuid, preview = value
            self._last_uuid = request_uuid
            self.root.deiconify()
            self._show_result(t("window.sending", lang))
            if preview is not None:
                self._sent_photo = _photo_from_image(preview)
                self.result_preview.configure(image=self._sent_photo)
            return
        request_uuid, result, enrolled = value
        assert isinstance(result, QuickResult)
        if result.number is not None:
            text = t("window.accepted", lang, number=result.number)
        elif result.rejected_reason is not None:
            text = t("window.rejected_reason", lang, reason=result.rejected_reason)
        elif not enrolled:
            text = t("window.not_enrolled", lang)
        else:
            text = t("window.saved", lang)
            if isinstance(result.error, NEEDS_ADMIN):
                # Waiting will not help with these: say what the administrator must do.
                text = f"{text}\n\n{result.error.message(lang)}"
        self.result_label.configure(text=text)
        if enrolled:
            # A number means the appliance answered; anything else, that it did not now.
            self.online = result.number is not None or result.rejected_reason is not None
        self._show_state()
        self.refresh_mine()
        if self._on_outcome is not None:
            self.root.update_idletasks()
            elapsed = time.perf_counter() - self._send_started
            self._on_outcome(SendOutcome(request_uuid, result.number, text, elapsed))

    # -- My requests -------------------------------------------------------------------------

    def _on_tab_changed(self) -> None:
        if self.notebook.select() == str(self.mine_tab):
            self.refresh_mine()

    def refresh_mine(self) -> None:
        lang = self.lang
        selected = self.tickets.selection()
        self.tickets.delete(*self.tickets.get_children())
        self._mine = {}
        tickets = self.outbox.my_tickets()
        if not tickets:
            self.mine_note.configure(text=t("window.mine_empty", lang))
        else:
            self.mine_note.configure(text=t("window.mine_offline", lang))
        for ticket in tickets:
            self._mine[ticket.uuid] = ticket
            self.tickets.insert(
                "",
                "end",
                iid=ticket.uuid,
                values=(
                    ticket.number if ticket.number is not None else "—",
                    status_label(ticket.status, lang),
                    local_time(ticket.submitted_at),
                    first_line(ticket.description, DESCRIPTION_SHOWN),
                ),
            )
        keep = [iid for iid in selected if iid in self._mine]
        if keep:
            self.tickets.selection_set(keep)
        elif tickets:
            self.tickets.selection_set(tickets[0].uuid)
        self._show_replies()

    def _show_replies(self) -> None:
        lang = self.lang
        selection = self.tickets.selection()
        ticket = self._mine.get(selection[0]) if selection else None
        self.replies.configure(state="normal")
        self.replies.delete("1.0", "end")
        if ticket is not None:
            if ticket.reason:
                self.replies.insert("end", t("window.rejected_reason", lang, reason=ticket.reason))
                self.replies.insert("end", "\n\n")
            if ticket.replies:
                for reply in ticket.replies:
                    self.replies.insert("end", f"{local_time(reply.at)}\n{reply.text}\n\n")
            elif not ticket.reason:
                self.replies.insert("end", t("window.no_replies", lang))
        self.replies.configure(state="disabled")

    # -- lifecycle ---------------------------------------------------------------------------

    def close(self) -> None:
        self.outbox.close()
        self.root.destroy()


def run_window(home: Path, lang: str) -> int:
    root = tk.Tk()
    # Hidden until the preview is taken, so the preview shows the employee's screen, not us.
    root.withdraw()
    window = RequestWindow(root, home, lang)
    root.deiconify()
    window.description.focus_set()
    root.mainloop()
    return 0
