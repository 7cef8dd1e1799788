"""The client card's one form: a dialog of fields, saved through a service, a refusal shown under
the field it names.

A tab describes its fields (``Field``) and gives ``save(values)`` (creating) or
``save(changes)`` (editing: only the fields whose value differs from what was loaded). A service
refusing a value raises ``InvalidInput`` with ``values["field"]`` naming the column; the form puts
the sentence under that input and keeps everything typed, so nothing is lost. Other refusals are
notifications (``notify_error``).

Buttons below the fields: Save, and for an existing entry Archive/Restore (``MANAGE_CLIENTS``)
and Delete (``DELETE_CLIENTS``, after a confirmation).

Test markers: ``card-form``, ``form-<field>``, ``form-save``, ``form-archive``, ``form-delete``,
``form-delete-confirm``.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any, Literal

from nicegui import ui

from appliance.domain.errors import AppError, Conflict, InvalidInput
from appliance.ui.common.a11y import titled
from appliance.ui.common.date_field import date_field, shown
from appliance.ui.common.errors import error_text, notify_error
from appliance.ui.common.session import Session

FieldKind = Literal[
    "text", "textarea", "select", "multiselect", "date", "check", "number", "secret"
]
Save = Callable[[dict[str, Any]], Awaitable[object]]
Action = Callable[[], Awaitable[object]]


@dataclass(frozen=True)
class Field:
    name: str  # the column (and the service's keyword)
    label: str
    kind: FieldKind = "text"
    options: Mapping[Any, str] = field(default_factory=dict)
    hint: str = ""
    required: bool = False
    wide: bool = False  # spans both columns of the form


def _shown(value: Any, kind: FieldKind) -> Any:
    # What the input holds for a stored value.
    if kind == "date":
        return shown(value)
    if kind == "multiselect":
        return list(value or [])
    if kind == "check":
        return bool(value)
    if kind == "select":
        return value
    if kind == "number":
        return value if value is not None else 0
    if isinstance(value, tuple | list):
        return "\n".join(str(item) for item in value)
    return "" if value is None else str(value)


def _taken(value: Any, kind: FieldKind) -> Any:
    # What the service gets for an input's value.
    if kind == "date":
        return value or None
    if kind == "number":
        if isinstance(value, float) and value.is_integer():
            return int(value)
        return value if value is not None else 0
    if kind == "multiselect":
        return [int(v) for v in value or []]
    if kind == "check":
        return bool(value)
    if kind == "select":
        return value
    return value if isinstance(value, str) else ("" if value is None else str(value))


class CardForm:
    """One dialog; ``open`` fills it for a new entry (``initial`` empty) or an existing one."""

    def __init__(self, session: Session, *, marker: str = "card-form") -> None:
        self.session = session
        self.inputs: dict[str, Any] = {}
        self.fields: dict[str, Field] = {}
        self.initial: dict[str, Any] = {}
        self._save: Save | None = None
        self._archive: Action | None = None
        self._delete: Action | None = None
        self._editing = False
        with ui.dialog() as self.dialog, ui.card().classes("w-[44rem] max-w-full gap-3"):
            self.title = ui.label().classes("text-h6")
            titled(self.dialog, self.title)
            self.body = ui.grid(columns=2).classes("w-full gap-x-4 gap-y-1").mark(marker)
            with ui.row().classes("w-full items-center gap-2"):
                self.archive_button = (
                    ui.button(on_click=self._run_archive)
                    .props("flat no-caps color=grey-8")
                    .mark("form-archive")
                )
                self.delete_button = (
                    ui.button(session.t("cards.form.delete"), on_click=self._ask_delete)
                    .props("flat no-caps color=negative")
                    .mark("form-delete")
                )
                ui.space()
                ui.button(session.t("cards.form.cancel"), on_click=self.dialog.close).props(
                    "flat no-caps"
                )
                self.save_button = (
                    ui.button(session.t("cards.form.save"), on_click=self._run_save)
                    .props("unelevated no-caps")
                    .mark("form-save")
                )
        for button in (self.archive_button, self.delete_button):
            button.set_visibility(False)
        with ui.dialog() as self.confirm, ui.card().classes("w-96 gap-3"):
            self.confirm_text = ui.label().classes("text-body1")
            titled(self.confirm, self.confirm_text)
            with ui.row().classes("w-full justify-end gap-2"):
                ui.button(session.t("cards.form.cancel"), on_click=self.confirm.close).props(
                    "flat no-caps"
                )
                ui.button(session.t("cards.form.delete"), on_click=self._run_delete).props(
                    "unelevated no-caps color=negative"
                ).mark("form-delete-confirm")

    def open(
        self,
        *,
        title: str,
        fields: Sequence[Field],
        initial: Mapping[str, Any] | None = None,
        save: Save | None,
        archive: Action | None = None,
        archived: bool = False,
        delete: Action | None = None,
    ) -> None:
        """Show the form. ``initial`` given: editing (``save`` gets only what changed); ``save``
        None: read-only (a manager's view)."""
        s = self.session
        self.title.text = title
        self._editing = initial is not None
        self.initial = {f.name: _shown((initial or {}).get(f.name), f.kind) for f in fields}
        self.fields = {f.name: f for f in fields}
        self._save, self._archive, self._delete = save, archive, delete
        self.inputs = {}
        self.body.clear()
        with self.body:
            for spec in fields:
                self.inputs[spec.name] = self._input(spec, self.initial[spec.name], save is None)
        self.save_button.set_visibility(save is not None)
        self.archive_button.set_visibility(archive is not None)
        self.archive_button.text = s.t("cards.form.restore" if archived else "cards.form.archive")
        self.delete_button.set_visibility(delete is not None)
        self.dialog.open()

    def _input(self, spec: Field, value: Any, readonly: bool) -> Any:
        label = f"{spec.label} *" if spec.required else spec.label
        element: Any
        if spec.kind == "textarea":
            element = ui.textarea(label, value=value).props("autogrow")
        elif spec.kind in ("select", "multiselect"):
            element = ui.select(
                dict(spec.options),
                label=label,
                value=value,
                multiple=spec.kind == "multiselect",
                with_input=True,
                clearable=spec.kind == "select" and not spec.required,
            )
            if spec.kind == "multiselect":
                element.props("use-chips")
        elif spec.kind == "check":
            element = ui.checkbox(label, value=value)
        elif spec.kind == "number":
            element = ui.number(label, value=value, min=0, step=1, format="%d")
        elif spec.kind == "date":
            element = date_field(label, value, self.session.lang, readonly=readonly)
        elif spec.kind == "secret":
            element = ui.input(label, value=value, password=True, password_toggle_button=True)
            # The browser must not offer the technician's own saved password here.
            element.props["autocomplete"] = "new-password"
        else:
            element = ui.input(label, value=value)
        if spec.kind != "check":
            # bottom-slots: every field keeps room for its hint or refusal, so a message never
            # overlaps the field below and the two columns stay aligned.
            element.props("outlined dense bottom-slots")
            if spec.hint:
                element.props["hint"] = spec.hint  # a value, never parsed: may hold user text
        if readonly:
            element.props("readonly" if spec.kind != "check" else "disable")
        wide = spec.wide or spec.kind in ("textarea", "multiselect")
        element.classes("w-full" + (" col-span-2" if wide else "")).mark(f"form-{spec.name}")
        return element

    def values(self) -> dict[str, Any]:
        return {
            name: _taken(element.value, self.fields[name].kind)
            for name, element in self.inputs.items()
        }

    def changes(self) -> dict[str, Any]:
        """What differs from the loaded entry (an edit sends only this)."""
        now = self.values()
        before = {
            name: _taken(value, self.fields[name].kind) for name, value in self.initial.items()
        }
        return {name: value for name, value in now.items() if value != before[name]}

    def _clear_errors(self) -> None:
        for element in self.inputs.values():
            element.props.pop("error", None)
            element.props.pop("error-message", None)
            element.update()

    def show_error(self, error: AppError) -> bool:
        """Put the refusal under the field it names; False when it names none on this form."""
        name = error.values.get("field")
        element = self.inputs.get(str(name)) if name is not None else None
        if element is None or not isinstance(error, InvalidInput | Conflict):
            return False
        element.props["error"] = True
        element.props["error-message"] = error_text(self.session, error)
        element.update()
        return True

    async def _run_save(self) -> None:
        if self._save is None:
            return
        self._clear_errors()
        payload = self.changes() if self._editing else self.values()
        if self._editing and not payload:
            self.dialog.close()
            return
        try:
            await self._save(payload)
        except AppError as error:
            if not self.show_error(error):
                notify_error(self.session, error)
            return
        self.dialog.close()
        ui.notify(self.session.t("cards.form.saved"), type="positive", timeout=1500)

    async def _run_archive(self) -> None:
        if self._archive is None:
            return
        try:
            await self._archive()
        except AppError as error:
            notify_error(self.session, error)
            return
        self.dialog.close()

    def _ask_delete(self) -> None:
        self.confirm_text.text = self.session.t("cards.form.delete_confirm", what=self.title.text)
        self.confirm.open()

    async def _run_delete(self) -> None:
        self.confirm.close()
        if self._delete is None:
            return
        try:
            await self._delete()
        except AppError as error:
            notify_error(self.session, error)
            return
        self.dialog.close()
        ui.notify(self.session.t("cards.form.deleted"), type="info", timeout=1500)
