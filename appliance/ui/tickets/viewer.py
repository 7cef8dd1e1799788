"""Screenshots: a thumbnail in the ticket, and on click the full image in a dialog that zooms
(mouse wheel, +/- buttons) and pans (drag). The zoom and pan run in the browser (a small static
script, no user data in it); the image itself comes from the authenticated blob route.

Test markers: ``screenshot-thumb``, ``screenshot-viewer``.
"""

from __future__ import annotations

from nicegui import ui

from appliance.services.ticket_screen import BlobInfo
from appliance.ui.common.a11y import icon_button, titled
from appliance.ui.common.session import Session
from appliance.ui.tickets.screenshot_route import blob_url, thumbnail_url

# Zoom around the pointer: with transform-origin 0 0, keeping the point under the pointer fixed
# means x' = px - (px - x) * f. Idempotent per element, so re-opening the dialog is harmless.
_SCRIPT = """
<script>
window.tkViewer = window.tkViewer || {
  init(id) {
    const box = document.getElementById(id);
    if (!box || box._tk) return;
    const img = box.querySelector('img');
    let s = 1, x = 0, y = 0, drag = null;
    const apply = () => { img.style.transform = `translate(${x}px, ${y}px) scale(${s})`; };
    const zoomAt = (f, px, py) => {
      const n = Math.min(12, Math.max(0.1, s * f));
      f = n / s; x = px - (px - x) * f; y = py - (py - y) * f; s = n; apply();
    };
    const fit = () => {
      if (!img.naturalWidth) return;
      s = Math.min(box.clientWidth / img.naturalWidth, box.clientHeight / img.naturalHeight, 1);
      x = (box.clientWidth - img.naturalWidth * s) / 2;
      y = (box.clientHeight - img.naturalHeight * s) / 2; apply();
    };
    box._tk = {
      zoom(f) { zoomAt(f, box.clientWidth / 2, box.clientHeight / 2); },
      actual() { s = 1; x = 0; y = 0; apply(); },
      fit,
    };
    box.addEventListener('wheel', (e) => {
      e.preventDefault();
      const r = box.getBoundingClientRect();
      zoomAt(e.deltaY < 0 ? 1.2 : 1 / 1.2, e.clientX - r.left, e.clientY - r.top);
    }, { passive: false });
    box.addEventListener('pointerdown', (e) => {
      drag = { dx: e.clientX - x, dy: e.clientY - y };
      box.setPointerCapture(e.pointerId); box.style.cursor = 'grabbing';
    });
    box.addEventListener('pointermove', (e) => {
      if (!drag) return; x = e.clientX - drag.dx; y = e.clientY - drag.dy; apply();
    });
    const stop = () => { drag = null; box.style.cursor = 'grab'; };
    box.addEventListener('pointerup', stop);
    box.addEventListener('pointercancel', stop);
    if (img.complete) fit(); else img.addEventListener('load', fit, { once: true });
  },
  call(id, name, arg) { const b = document.getElementById(id); if (b && b._tk) b._tk[name](arg); },
};
</script>
"""


def add_viewer_script() -> None:
    """Once per page that shows screenshots."""
    ui.add_body_html(_SCRIPT)


def screenshot(session: Session, info: BlobInfo) -> None:
    """A thumbnail that opens the zoomable full-size viewer."""
    with ui.dialog().props("maximized") as dialog, ui.card().classes("w-full h-full p-0 gap-0"):
        # Above the image box: a zoomed or panned image must never cover the viewer's buttons.
        with ui.row().classes("w-full items-center gap-1 px-3 py-1 bg-grey-2 relative z-10"):
            title = ui.label(session.t("ticket_screen.screenshot")).classes("text-subtitle2")
            titled(dialog, title)
            if info.width and info.height:
                ui.label(f"{info.width}×{info.height}").classes("text-caption text-grey-7")
            ui.space()
            zoom_in = icon_button("zoom_in", session.t("a11y.viewer.zoom_in"))
            zoom_out = icon_button("zoom_out", session.t("a11y.viewer.zoom_out"))
            fit = ui.button(session.t("ticket_screen.viewer.fit")).props("flat dense no-caps")
            actual = ui.button("1:1").props("flat dense no-caps")
            ui.link(session.t("ticket_screen.viewer.original"), blob_url(info.sha256)).props(
                "target=_blank rel=noopener"
            ).classes("text-body2 px-2")
            icon_button("close", session.t("a11y.close"), dialog.close)
        box = (
            ui.element("div")
            .classes("w-full grow overflow-hidden relative bg-grey-9")
            .style("cursor: grab; touch-action: none; height: calc(100vh - 48px)")
            .mark("screenshot-viewer")
        )
        with box:
            full = ui.element("img").style(
                "transform-origin: 0 0; position: absolute; left: 0; top: 0; max-width: none"
            )
            full.props.update(src=blob_url(info.sha256), alt="", draggable="false")
    box_id = box.html_id
    for button, call in (
        (zoom_in, "'zoom', 1.25"),
        (zoom_out, "'zoom', 0.8"),
        (fit, "'fit'"),
        (actual, "'actual'"),
    ):
        button.on("click", js_handler=f"() => tkViewer.call('{box_id}', {call})")
    dialog.on("show", js_handler=f"() => tkViewer.init('{box_id}')")

    thumb = (
        ui.element("button")
        .classes("block p-0 border rounded overflow-hidden bg-grey-2 cursor-zoom-in")
        .on("click", dialog.open)
        .mark("screenshot-thumb")
    )
    thumb.props.update(type="button", title=session.t("ticket_screen.viewer.open"))
    with thumb:
        small = ui.element("img").classes("block").style("max-width: 260px; max-height: 170px")
        small.props.update(src=thumbnail_url(info.sha256), alt="")
