"""LiveViewer's look: ttk's "clam" theme, restyled (colours, fonts, spacing).

Why not a theme package: "clam" ships with every Tk (Windows, macOS, Linux, and PyInstaller's
bundled Tcl/Tk), is maintained with Tk itself, and takes any colour per element, so a light,
flat look in the appliance's colours needs no dependency, no image files and nothing for the
packager to collect. The colours match the technicians' web UI (primary #24527a).
"""

from __future__ import annotations

import tkinter as tk
from tkinter import font as tkfont
from tkinter import ttk

BACKGROUND = "#f4f6f9"
SURFACE = "#ffffff"
TEXT = "#1f2933"
MUTED = "#5b6b7b"
ACCENT = "#24527a"
ACCENT_ACTIVE = "#1b4061"
ACCENT_DISABLED = "#9fb3c8"
BORDER = "#cfd8e3"
HOVER = "#e8edf3"
TAB = "#e3e8ef"
ERROR = "#b00020"
ONLINE = "#2e7d32"
OFFLINE = "#b45309"
BASE_SIZE = 10


def apply_theme(root: tk.Tk) -> ttk.Style:
    """Style every ttk widget of ``root``; a plain ``tk.Text`` takes ``style_text``."""
    style = ttk.Style(root)
    style.theme_use("clam")
    base = tkfont.nametofont("TkDefaultFont")
    base.configure(size=BASE_SIZE)
    family = base.actual("family")
    root.configure(background=BACKGROUND)
    style.configure(".", background=BACKGROUND, foreground=TEXT, font=base, bordercolor=BORDER)
    style.configure("TFrame", background=BACKGROUND)
    style.configure("Header.TFrame", background=SURFACE)
    style.configure("TLabel", background=BACKGROUND, foreground=TEXT)
    style.configure("Header.TLabel", background=SURFACE, foreground=TEXT)
    style.configure("Org.TLabel", background=SURFACE, font=(family, BASE_SIZE + 3, "bold"))
    style.configure("Online.TLabel", background=SURFACE, foreground=ONLINE)
    style.configure("Offline.TLabel", background=SURFACE, foreground=OFFLINE)
    style.configure("Muted.TLabel", foreground=MUTED)
    style.configure("Error.TLabel", foreground=ERROR)
    style.configure("Result.TLabel", font=(family, BASE_SIZE + 4, "bold"))
    style.configure("Preview.TLabel", background=SURFACE, foreground=TEXT, padding=8)
    style.configure(
        "TButton",
        padding=(14, 6),
        background=SURFACE,
        foreground=TEXT,
        bordercolor=BORDER,
        lightcolor=SURFACE,
        darkcolor=SURFACE,
        focuscolor=ACCENT,
    )
    style.map("TButton", background=[("disabled", BACKGROUND), ("active", HOVER)])
    style.configure(
        "Accent.TButton",
        background=ACCENT,
        foreground="#ffffff",
        bordercolor=ACCENT,
        lightcolor=ACCENT,
        darkcolor=ACCENT,
        focuscolor="#ffffff",
        font=(family, BASE_SIZE, "bold"),
    )
    style.map(
        "Accent.TButton",
        background=[("disabled", ACCENT_DISABLED), ("active", ACCENT_ACTIVE)],
        foreground=[("disabled", "#eef2f6")],
        bordercolor=[("disabled", ACCENT_DISABLED)],
    )
    # An FAQ article offered while typing: reads as a link, left-aligned.
    style.configure(
        "Link.TButton",
        background=BACKGROUND,
        foreground=ACCENT,
        bordercolor=BACKGROUND,
        lightcolor=BACKGROUND,
        darkcolor=BACKGROUND,
        anchor="w",
        padding=(2, 2),
    )
    style.map("Link.TButton", background=[("active", HOVER)])
    style.configure("ArticleTitle.TLabel", font=(family, BASE_SIZE + 1, "bold"))
    style.configure("TNotebook", background=BACKGROUND, borderwidth=0, tabmargins=(8, 8, 8, 0))
    style.configure("TNotebook.Tab", padding=(16, 6), background=TAB, bordercolor=BORDER)
    style.map(
        "TNotebook.Tab",
        background=[("selected", BACKGROUND)],
        foreground=[("selected", ACCENT)],
    )
    for entry in ("TEntry", "TCombobox"):
        style.configure(
            entry,
            padding=6,
            fieldbackground=SURFACE,
            bordercolor=BORDER,
            lightcolor=BORDER,
            darkcolor=BORDER,
        )
        style.map(entry, bordercolor=[("focus", ACCENT)], lightcolor=[("focus", ACCENT)])
    style.configure("TCheckbutton", background=BACKGROUND, focuscolor=BACKGROUND)
    style.configure("TLabelframe", background=BACKGROUND, bordercolor=BORDER)
    style.configure("TLabelframe.Label", background=BACKGROUND, foreground=MUTED)
    style.configure(
        "Treeview", rowheight=26, background=SURFACE, fieldbackground=SURFACE, bordercolor=BORDER
    )
    style.map("Treeview", background=[("selected", ACCENT)], foreground=[("selected", "#ffffff")])
    style.configure("Treeview.Heading", background=TAB, relief="flat", padding=(6, 4))
    return style


def style_text(widget: tk.Text) -> None:
    """Make a plain ``tk.Text`` match the ttk fields (flat, a border that lights up on focus)."""
    widget.configure(
        background=SURFACE,
        foreground=TEXT,
        relief="flat",
        borderwidth=0,
        highlightthickness=1,
        highlightbackground=BORDER,
        highlightcolor=ACCENT,
        insertbackground=TEXT,
        padx=8,
        pady=6,
        font="TkDefaultFont",
    )
