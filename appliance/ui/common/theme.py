"""Colours and base styles of the technicians' window, in one place, at WCAG AA.

Every colour that carries text or a badge is named here with its hex value, and
``tests/ui/test_theme_contrast.py`` checks each against the backgrounds it is drawn on
(4.5:1 for text). Quasar's own palette fails AA in the shades a help desk reaches for
(``grey-5``/``grey-6`` secondary text, ``orange-8`` warnings, ``green-8`` badges with white
text, the default link blue): the CSS below darkens those few classes for every page, so that a
page written tomorrow with ``text-grey-6`` is still readable on a washed-out office monitor.
"""

from __future__ import annotations

from string import Template

from nicegui import ui

from appliance.ui.common.a11y import FRAMEWORK_FIXES

PRIMARY = "#24527a"
PAGE_BACKGROUND = "#fafafa"  # Quasar's bg-grey-1, behind every page's content

# Named colours (Quasar's ``color=`` / ``bg-*`` / ``text-*`` take these names, with ``-`` for
# ``_``: ``sla_warn`` is ``color=sla-warn``): each has at least 4.5:1 against white, so it works as
# text on the page and as a badge behind white text. (Quasar's ``warning`` is left alone: its
# notifications draw dark text on it.)
BRAND_COLOURS = {
    "primary": PRIMARY,
    "secondary": "#4f5e6d",
    "accent": "#b53a0b",
    "positive": "#2e7d32",
    "negative": "#b00020",
    "info": "#1565c0",
    # The SLA timer's states and the ticket's priorities and statuses (ui/tickets/sla_view.py).
    "sla_ok": "#2e7d32",
    "sla_warn": "#9a4a00",
    "sla_breach": "#b00020",
    "sla_paused": "#5f6368",
    "sla_none": "#6b6b6b",
    "prio_low": "#546e7a",
    "prio_normal": "#1565c0",
    "prio_high": "#b53a0b",
    "prio_urgent": "#b00020",
    "st_new": PRIMARY,
    "st_progress": "#00695c",
    "st_waiting": "#6d4c41",
    "st_resolved": "#2e7d32",
    "st_closed": "#5f6368",
    "muted": "#616161",
}

# Quasar shades the pages use that fail AA on white or on the page background, darkened.
# Text classes only: backgrounds of the same names stay as Quasar draws them.
DARKENED_TEXT = {
    "grey-5": "#6b6b6b",
    "grey-6": "#616161",
    "grey-7": "#5c5c5c",
    "red-7": "#c62828",
    "red-8": "#b71c1c",
    "orange-8": "#9a4a00",
    "orange-9": "#9a4a00",
    "teal-7": "#00695c",
    "blue-7": "#1565c0",
    "blue-grey-4": "#546e7a",
    "green-8": "#2e7d32",
}
LINK = "#1a4f8b"
FOCUS_RING = "#e8590c"
FOCUS_RING_ON_PRIMARY = "#ffcc80"  # in the header, on the primary blue

_BASE_CSS = """
.tk-nav a { color: #37474f; text-decoration: none; }
.tk-nav a:hover { background: #eef3f8; }
.tk-nav a.tk-active { background: #e3edf7; color: $primary; font-weight: 600;
                      border-left: 3px solid $primary; }
a.nicegui-link { color: $link; }
/* Inactive tabs are drawn at 70 % opacity by Quasar: too faint for AA. */
.q-tab--inactive { opacity: 1; color: #4a4a4a; }
.q-field--focused .q-field__control { box-shadow: 0 0 0 2px $focus; }
.q-field--focused.q-field--dark .q-field__control { box-shadow: 0 0 0 2px $focus_dark; }
/* "Skip to content": the first stop of the Tab key, visible only when focused. */
.tk-skip { position: absolute; left: 8px; top: -48px; z-index: 7000; padding: 8px 14px;
           background: #ffffff; color: $primary; border-radius: 4px; font-weight: 600; }
.tk-skip:focus { top: 8px; }
.tk-sr-only { position: absolute !important; width: 1px; height: 1px; padding: 0;
              margin: -1px; overflow: hidden; clip: rect(0, 0, 0, 0); white-space: nowrap;
              border: 0; }
h1.tk-h1 { font-size: 1.25rem; font-weight: 500; line-height: 2rem; margin: 0;
           letter-spacing: 0.0125em; color: #212121; }
"""
# NiceGUI loads Quasar's ``!important`` colour classes in its last cascade layer; an important
# declaration in an earlier layer wins over a later one, so the darker shades go in the first
# layer NiceGUI declares (``theme``).
_DARKER = "\n".join(
    f"  .text-{name} {{ color: {colour} !important; }}" for name, colour in DARKENED_TEXT.items()
)
# The focus ring, in the same first layer: Quasar's buttons carry ``no-outline``
# (``outline: 0 !important``), which would otherwise hide it.
_FOCUS_RING = f"""
  a:focus-visible, button:focus-visible, [role="button"]:focus-visible,
  [tabindex]:focus-visible, .q-tab:focus-visible, .q-item:focus-visible {{
    outline: 3px solid {FOCUS_RING} !important; outline-offset: 2px !important; }}
  .q-header :focus-visible {{ outline-color: {FOCUS_RING_ON_PRIMARY} !important; }}
"""
_CSS = (
    Template(_BASE_CSS).substitute(
        link=LINK, focus=FOCUS_RING, focus_dark=FOCUS_RING_ON_PRIMARY, primary=PRIMARY
    )
    + f"@layer theme {{\n{_DARKER}\n{_FOCUS_RING}}}\n"
)


def apply_theme() -> None:
    """Colours and base styles; call once per page (the login page too)."""
    ui.colors(**BRAND_COLOURS)
    ui.query("body").classes("bg-grey-1")
    ui.add_css(_CSS)
    ui.add_head_html(FRAMEWORK_FIXES)
