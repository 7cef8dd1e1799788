"""What every page needs to be usable by keyboard and screen reader, in one place.

One ``h1`` per page (``heading``), a name on every icon-only button (``icon_button``,
``named``), the "skip to content" link and the id of the main content it jumps to. The shell
(``ui.common.frame``) uses these; pages use ``icon_button`` and ``named`` for their own controls.
``tests/e2e/test_accessibility.py`` runs axe-core on every page and fails on any critical or
serious finding.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, TypeVar

from nicegui import ui
from nicegui.element import Element
from nicegui.elements.mixins.text_element import TextElement

MAIN_ID = "tk-main"

ElementT = TypeVar("ElementT", bound=Element)


class Heading(TextElement):
    """A real ``<h1>``..``<h6>`` with text (``ui.label`` is a ``div``)."""

    def __init__(self, text: str, level: int = 1) -> None:
        super().__init__(tag=f"h{level}", text=text)


def heading(text: str, *, level: int = 1, hidden: bool = False) -> Heading:
    """The page's heading; ``hidden`` keeps it for screen readers only, for a page whose own
    layout already says where the user is (the ticket list under its tabs)."""
    element = Heading(text, level)
    element.classes("tk-sr-only" if hidden else "tk-h1" if level == 1 else "")
    return element


def named(element: ElementT, label: str) -> ElementT:
    """Give ``element`` an accessible name. Set as a value, never parsed as a props string: the
    label may hold user text."""
    element.props["aria-label"] = label
    return element


def icon_button(
    icon: str,
    label: str,
    on_click: Callable[..., Any] | None = None,
    *,
    props: str = "flat dense round",
) -> ui.button:
    """A button that shows only an icon, named for screen readers and explained on hover."""
    button = ui.button(icon=icon, on_click=on_click).props(props).tooltip(label)
    return named(button, label)


def skip_link(label: str) -> ui.link:
    """The first stop of the Tab key on every page: jumps over the header and the navigation."""
    return ui.link(label, f"#{MAIN_ID}").classes("tk-skip").mark("skip-to-content")


def accessible_upload(*, label: str, **kwargs: Any) -> ui.upload:
    """``ui.upload`` with a name; ``FRAMEWORK_FIXES`` (in the theme) repairs Quasar's markup."""
    return named(ui.upload(label=label, **kwargs), label)


# Where Quasar's markup fails axe, repaired in one place for every page. (1) The uploader puts
# the native file input inside its "add" button (an ``a role=button`` with no name): axe reports
# a nameless button, an unlabelled field and nested interactive controls. The file input becomes
# the control (named after its uploader, in the Tab order) and the wrapping link a mere frame.
# (2) A table wider than its box scrolls, but its scroll box cannot take the keyboard focus.
FRAMEWORK_FIXES = """
<script>
(() => {
  const repair = () => {
    document.querySelectorAll('.q-uploader').forEach((uploader) => {
      const title = uploader.querySelector('.q-uploader__title');
      const name = uploader.getAttribute('aria-label') || (title ? title.textContent : '');
      uploader.querySelectorAll('input[type=file]').forEach((input) => {
        if (name && input.getAttribute('aria-label') !== name) {
          input.setAttribute('aria-label', name);
        }
        if (input.getAttribute('tabindex') !== '0') input.setAttribute('tabindex', '0');
        const frame = input.closest('[role="button"]');
        if (frame) {
          frame.setAttribute('role', 'presentation');
          frame.removeAttribute('tabindex');
        }
      });
    });
  };
  const scrollers = () => {
    document.querySelectorAll('.q-table__middle.scroll').forEach((box) => {
      if (!box.hasAttribute('tabindex')) box.setAttribute('tabindex', '0');
    });
  };
  const watched = {childList: true, subtree: true};
  new MutationObserver(scrollers).observe(document.documentElement, watched);
  new MutationObserver(repair).observe(document.documentElement, {childList: true, subtree: true});
})();
</script>
"""


def titled(dialog: ui.dialog, title: Element) -> ui.dialog:
    """Name ``dialog`` by its visible title (which may change while the dialog lives)."""
    dialog.props["aria-labelledby"] = title.html_id
    return dialog
