"""The technicians' single window (NiceGUI). Nothing imports ``ui``; ``appliance.web.build``
registers its pages through ``pages.register_pages``.

Adding a page:

    # appliance/ui/my_page.py
    from nicegui import ui

    from appliance.domain.permissions import Permission
    from appliance.ui.common.frame import frame
    from appliance.ui.common.guard import require_user
    from appliance.ui.common.session import Session

    def register() -> None:
        @ui.page("/things/{thing_id}")
        @require_user(Permission.VIEW_CLIENTS)
        async def thing_page(session: Session, thing_id: int) -> None:
            rows = await session.store.read(lambda conn: ...)   # never block the loop
            with frame(session, active="clients", title=session.t("things.title")):
                ui.label(rows[0].name)                          # user text: ui.label, never ui.html

and add the module to ``pages.PAGE_MODULES``.

- ``session`` (``session.py``): the signed-in ``user`` (read from the store when the page was
  built), ``lang``, ``t(key, **values)``, ``may(permission)``, ``store``, ``ctx``. Close over it
  in handlers; do not read ``app.storage.user`` there.
- ``guard.py``: ``require_user(permission)`` for pages (redirect to /login, or the "not allowed"
  notice); ``http_session(permission)`` as a FastAPI dependency for routes the window calls
  (401/403).
- ``frame.py``: the shell (header with search, user, language, logout; navigation by role).
- ``tables.py``: ``simple_table`` / ``column`` for small read-only tables.

Tests: ``tests/conftest.py`` documents the fixtures (``user``, ``log_in``, ``add_user``, ``ctx``,
``live_server``, ``browser``).
"""
