"""Answers offered while the employee types: the public FAQ articles cached on this PC (the feed
sends them), matched locally with the appliance's own matcher (``sync.faq_match``), so it works
offline. "This solved it — don't send" queues a count for the appliance (``Outbox.add_solved``)
and sends no request.

Tk only on the Tk thread: the window calls ``update`` from its key handler (debounced).
"""

from __future__ import annotations

import tkinter as tk
from collections.abc import Callable
from tkinter import ttk

from client.i18n import t
from client.outbox import CachedArticle, Outbox
from client.theme import style_text
from sync.faq_match import Doc, Index

SHOWN = 3
DEBOUNCE_MS = 200
PAD = 8


class FaqOffer:
    """A frame under the description: up to ``SHOWN`` matching titles; one opened shows its
    text and the "solved" button. Hidden while nothing matches."""

    def __init__(
        self,
        parent: ttk.Frame,
        outbox: Outbox,
        lang: str,
        *,
        on_solved: Callable[[CachedArticle], None],
    ) -> None:
        self.outbox = outbox
        self.lang = lang
        self._on_solved = on_solved
        self._pending: str | None = None
        self._text = ""
        self.articles: dict[int, CachedArticle] = {}
        self.index = Index(())
        self.shown: list[CachedArticle] = []
        self.opened: CachedArticle | None = None
        self._anchor: tk.Widget | None = None
        self._version = ""
        self.reload()

        self.frame = ttk.LabelFrame(parent, text=t("window.faq.offer", lang), padding=PAD)
        self.links = ttk.Frame(self.frame)
        self.links.pack(fill="x")
        self.reader = ttk.Frame(self.frame)
        self.article_title = ttk.Label(self.reader, style="ArticleTitle.TLabel", wraplength=540)
        self.article_title.pack(anchor="w")
        self.article_body = tk.Text(self.reader, height=6, wrap="word")
        style_text(self.article_body)
        self.article_body.pack(fill="both", expand=True, pady=(4, 4))
        buttons = ttk.Frame(self.reader)
        buttons.pack(fill="x")
        self.solved_button = ttk.Button(
            buttons, text=t("window.faq.solved", lang), command=self.solved, style="Accent.TButton"
        )
        self.solved_button.pack(side="left")
        ttk.Button(buttons, text=t("window.faq.back", lang), command=self.close_article).pack(
            side="left", padx=PAD
        )

    def reload(self) -> None:
        """Read the cache again (after a sync brought a new FAQ)."""
        self._version = self.outbox.faq_version()
        self.articles = {a.id: a for a in self.outbox.faq_articles()}
        self.index = Index(Doc(a.id, a.title, a.body, a.tags) for a in self.articles.values())

    def matches(self, text: str) -> list[CachedArticle]:
        hits = self.index.suggest(text, limit=SHOWN)
        return [self.articles[h.id] for h in hits]

    def update(self, text: str) -> None:
        """What the employee typed changed: look again in ``DEBOUNCE_MS``."""
        self._text = text
        if self._pending is None:
            self._pending = self.frame.after(DEBOUNCE_MS, self._refresh)

    def refresh_now(self, text: str) -> None:
        self._text = text
        self._refresh()

    def _refresh(self) -> None:
        self._pending = None
        if self.outbox.faq_version() != self._version:  # the agent synced a new FAQ meanwhile
            self.reload()
        found = self.matches(self._text) if self._text.strip() else []
        if [a.id for a in found] == [a.id for a in self.shown] and found:
            return
        self.shown = found
        for child in self.links.winfo_children():
            child.destroy()
        if self.opened is not None and self.opened.id not in {a.id for a in found}:
            self.close_article()
        if not found:
            self.frame.pack_forget()
            return
        for article in found:
            ttk.Button(
                self.links,
                text="→ " + article.title,
                style="Link.TButton",
                command=self._opener(article),
            ).pack(anchor="w", fill="x")
        if not self.frame.winfo_manager():
            if self._anchor is not None:
                self.frame.pack(fill="x", pady=(0, PAD), after=self._anchor)
            else:
                self.frame.pack(fill="x", pady=(0, PAD))

    def _opener(self, article: CachedArticle) -> Callable[[], None]:
        return lambda: self.open_article(article)

    def place_after(self, widget: tk.Widget) -> None:
        self._anchor = widget

    def open_article(self, article: CachedArticle) -> None:
        self.opened = article
        self.article_title.configure(text=article.title)
        self.article_body.configure(state="normal")
        self.article_body.delete("1.0", "end")
        self.article_body.insert("1.0", article.body)
        self.article_body.configure(state="disabled")
        self.links.pack_forget()
        self.reader.pack(fill="both", expand=True)

    def close_article(self) -> None:
        self.opened = None
        self.reader.pack_forget()
        self.links.pack(fill="x")

    def solved(self) -> None:
        if self.opened is None:
            return
        article = self.opened
        self.outbox.add_solved(article.id)
        self.close_article()
        self._on_solved(article)

    def clear(self) -> None:
        self.shown = []
        self.close_article()
        for child in self.links.winfo_children():
            child.destroy()
        self.frame.pack_forget()
