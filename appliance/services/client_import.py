"""Import a client's people, equipment, credentials or licenses from a spreadsheet, and export
them back: the use cases behind the card's import dialog and ``tiketnitsa import/export``.

    sheet = read_upload(data, "оборудование.xlsx", kind="equipment")     # parse, no store
    plan = await prepare(store, actor, org_id=7, kind="equipment", sheet=sheet)
    check = await check_import(store, actor, org_id=7, kind="equipment", sheet=sheet,
                               mapping=plan.mapping)                       # preview, dry run
    done = await import_file(store, actor, org_id=7, kind="equipment", sheet=sheet,
                             mapping=plan.mapping)                         # all or nothing

All or nothing: ``import_file`` checks every row again inside its one write transaction (the
card may have changed since the preview) and raises ``ImportRefused`` with every problem when
any row is wrong; only a file without problems is written, with one audit row naming the kind,
the file and the count, and the mapping remembered for the client. Importing and previewing need
``MANAGE_CLIENTS`` (technicians, admins); managers read cards but do not import.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass

import apsw

from appliance.clients_import.cells import text
from appliance.clients_import.kinds import AUDIT_OBJECT, KINDS, fields_of
from appliance.clients_import.mapping import (
    ColumnMapping,
    check_mapping,
    guess_mapping,
    remembered_from,
)
from appliance.clients_import.problems import ImportRefused, Problem, describe
from appliance.clients_import.reading import read_table
from appliance.clients_import.rows import (
    CheckedFile,
    Directory,
    EquipmentKey,
    PersonKey,
    check_rows,
)
from appliance.clients_import.sheet import Sheet, find_sheet
from appliance.domain.errors import InvalidInput, NotFound
from appliance.domain.permissions import Permission
from appliance.services.actor import Actor, acting_user
from appliance.services.types import Store
from appliance.store import audit, client_import, credentials, equipment, licenses, persons
from appliance.store.organizations import get_organization

__all__ = [
    "KINDS",
    "ImportRefused",
    "Problem",
    "Sheet",
    "check_import",
    "describe",
    "fields_of",
    "import_file",
    "prepare",
    "read_upload",
]

_MANAGE = Permission.MANAGE_CLIENTS
PREVIEW_ROWS = 20
MASK = "••••••"


def read_upload(data: bytes, file_name: str, *, kind: str) -> Sheet:
    """The file's rows under its header (``InvalidInput`` for a file that cannot be read)."""
    fields_of(kind)  # an unknown kind is refused before the file is read
    return find_sheet(kind, read_table(data, file_name))


@dataclass(frozen=True)
class ImportPlan:
    mapping: ColumnMapping  # a field (or None) per column: remembered, else guessed
    remembered: bool  # the client has a remembered mapping for this kind


@dataclass(frozen=True)
class PreviewRow:
    line: int
    cells: tuple[str, ...]  # one per column, as shown (secrets masked)
    ok: bool


@dataclass(frozen=True)
class ImportCheck:
    rows: int  # data rows in the file
    valid: int  # rows without a problem
    problems: tuple[Problem, ...]
    preview: tuple[PreviewRow, ...]  # the first PREVIEW_ROWS rows

    @property
    def ok(self) -> bool:
        return not self.problems and self.rows > 0


@dataclass(frozen=True)
class ImportDone:
    created: int


def _existing_org(conn: apsw.Connection, org_id: int) -> None:
    if get_organization(conn, org_id) is None:
        raise NotFound("clients.error.org_missing")


async def prepare(
    store: Store, actor: Actor, *, org_id: int, kind: str, sheet: Sheet
) -> ImportPlan:
    """The mapping to offer: what was chosen for this client and kind before, then guesses."""

    def read(conn: apsw.Connection) -> ImportPlan:
        acting_user(conn, actor, _MANAGE)
        _existing_org(conn, org_id)
        remembered = client_import.remembered_mapping(conn, org_id, kind)
        return ImportPlan(guess_mapping(kind, sheet.headers, remembered), bool(remembered))

    fields_of(kind)
    return await store.read(read)


def _directory(conn: apsw.Connection, org_id: int) -> Directory:
    return Directory(
        people=[PersonKey(*row) for row in client_import.person_keys(conn, org_id)],
        equipment=[EquipmentKey(*row) for row in client_import.equipment_keys(conn, org_id)],
        credential_keys=client_import.credential_keys(conn, org_id),
        license_keys=client_import.license_keys(conn, org_id),
    )


def _checked(
    conn: apsw.Connection, org_id: int, kind: str, sheet: Sheet, mapping: Sequence[str | None]
) -> tuple[ColumnMapping, CheckedFile]:
    _existing_org(conn, org_id)
    mapping = check_mapping(kind, mapping, len(sheet.headers))
    return mapping, check_rows(kind, sheet, mapping, _directory(conn, org_id))


def _preview(
    kind: str, sheet: Sheet, mapping: ColumnMapping, checked: CheckedFile
) -> tuple[PreviewRow, ...]:
    secret = {f.name for f in fields_of(kind) if f.secret}
    bad = {p.line for p in checked.problems}
    shown: list[PreviewRow] = []
    for row in sheet.rows[:PREVIEW_ROWS]:
        cells = []
        for index in range(len(sheet.headers)):
            value = text(row.cells[index]) if index < len(row.cells) else ""
            cells.append(MASK if value and mapping[index] in secret else value)
        shown.append(PreviewRow(row.line, tuple(cells), row.line not in bad))
    return tuple(shown)


async def check_import(
    store: Store,
    actor: Actor,
    *,
    org_id: int,
    kind: str,
    sheet: Sheet,
    mapping: Sequence[str | None],
) -> ImportCheck:
    """Every row checked against the card as it is now, nothing written: the preview and
    ``--dry-run``."""

    def read(conn: apsw.Connection) -> ImportCheck:
        acting_user(conn, actor, _MANAGE)
        checked_mapping, checked = _checked(conn, org_id, kind, sheet, mapping)
        return ImportCheck(
            rows=len(sheet.rows),
            valid=len(checked.records),
            problems=checked.problems,
            preview=_preview(kind, sheet, checked_mapping, checked),
        )

    return await store.read(read)


async def import_file(
    store: Store,
    actor: Actor,
    *,
    org_id: int,
    kind: str,
    sheet: Sheet,
    mapping: Sequence[str | None],
) -> ImportDone:
    """Write every row of the file, or none: ``ImportRefused`` lists all problems."""

    def write(conn: apsw.Connection) -> ImportDone:
        acting_user(conn, actor, _MANAGE)
        checked_mapping, checked = _checked(conn, org_id, kind, sheet, mapping)
        if checked.problems:
            raise ImportRefused(checked.problems)
        if not checked.records:
            raise InvalidInput("import.error.no_rows")
        create = _CREATE[kind]
        for record in checked.records:
            try:
                create(conn, org_id=org_id, **record.values)
            except InvalidInput as error:
                # A rule of the store's own that the row check did not know: still line-exact.
                column = _column_of(kind, sheet, checked_mapping, error.values.get("field"))
                raise ImportRefused(
                    [Problem(record.line, column, error.key, error.values)]
                ) from error
        client_import.remember_mapping(
            conn, org_id, kind, remembered_from(sheet.headers, checked_mapping)
        )
        audit.record(
            conn,
            user_id=actor.user_id,
            action=f"{AUDIT_OBJECT[kind]}.import",
            object_type="organization",
            object_id=org_id,
            detail=f"file={sheet.file_name} rows={len(checked.records)}",
            remote_addr=actor.audit_addr,
        )
        return ImportDone(created=len(checked.records))

    fields_of(kind)
    return await store.write(write)


def _column_of(kind: str, sheet: Sheet, mapping: ColumnMapping, target: object) -> str:
    """The column of the field whose store keyword is ``target`` ("" when none is mapped)."""
    for index, name in enumerate(mapping):
        if name and any(f.name == name and target in (f.name, f.target) for f in fields_of(kind)):
            return sheet.column_label(index)
    return ""


# -- the writes, one per kind: the aggregates' own create functions (their rules hold) --------


# Each takes the record's values as keywords: a field's ``target`` is the store's keyword.
_CREATE: dict[str, Callable[..., int]] = {
    "people": persons.create_person,
    "equipment": equipment.create_equipment,
    "credentials": credentials.create_credential,
    "licenses": licenses.create_license,
}
