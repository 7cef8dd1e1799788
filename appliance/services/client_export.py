"""Export a client's people, equipment, credentials or licenses to a spreadsheet that the import
reads back as it was (``tiketnitsa export``).

Headers are the fields' names in the installation's language, so the import maps them by itself.
Secrets (credentials' passwords, license keys) are left out unless asked for with
``with_secrets``; that needs ``REVEAL_CREDENTIALS`` and is audited like a reveal. Every export
writes one audit row: the kind, the count, whether secrets went out (never the secrets).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

import apsw

from appliance.clients_import.kinds import AUDIT_OBJECT, Field, equipment_kind_label, fields_of
from appliance.clients_import.writing import ExportCell, format_of, write_table
from appliance.domain.errors import NotFound
from appliance.domain.permissions import Permission
from appliance.i18n import t
from appliance.services.actor import Actor, acting_user
from appliance.services.types import Store
from appliance.store import audit, client_import, credentials, equipment, licenses, persons
from appliance.store.organizations import get_organization

XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


@dataclass(frozen=True)
class Exported:
    data: bytes
    rows: int


def _rows_of(conn: apsw.Connection, org_id: int, kind: str) -> list[Any]:
    if kind == "people":
        return list(persons.list_persons(conn, org_id=org_id, include_archived=True))
    if kind == "equipment":
        return list(equipment.list_equipment(conn, org_id=org_id))
    if kind == "credentials":
        return list(credentials.list_credentials(conn, org_id=org_id))
    return list(licenses.list_licenses(conn, org_id=org_id))


def _cell(
    spec: Field,
    row: Any,
    lang: str,
    names: dict[str, dict[int, str]],
    secrets: dict[int, str],
) -> ExportCell:
    if spec.secret:
        return secrets.get(row.id, "")
    if spec.ref and spec.many:
        # A license's assignments: (id, name) pairs; written as the import reads them back.
        pairs = row.people if spec.ref == "person" else row.machines
        return "; ".join(names[spec.ref].get(ref_id, name) for ref_id, name in pairs)
    if spec.ref:
        ref_id = getattr(row, spec.target, None)
        return names[spec.ref].get(ref_id, "") if ref_id is not None else ""
    value = getattr(row, spec.name, "")
    if spec.name == "kind":
        return equipment_kind_label(str(value), lang)
    if isinstance(value, bool):
        return t("import.yes" if value else "import.no", lang)
    if isinstance(value, tuple):
        return ", ".join(value)
    if isinstance(value, (date, int)) or value is None:
        return value
    return str(value)


async def export_card(
    store: Store,
    actor: Actor,
    *,
    org_id: int,
    kind: str,
    file_name: str,
    lang: str,
    with_secrets: bool = False,
) -> Exported:
    fields = fields_of(kind)
    fmt = format_of(file_name)
    shown = [f for f in fields if with_secrets or not f.secret]

    def write(conn: apsw.Connection) -> Exported:
        acting_user(conn, actor, Permission.VIEW_CLIENTS)
        if with_secrets:
            acting_user(conn, actor, Permission.REVEAL_CREDENTIALS)
        if get_organization(conn, org_id) is None:
            raise NotFound("clients.error.org_missing")
        rows = _rows_of(conn, org_id, kind)
        names = {
            "person": {
                p.id: p.full_name
                for p in persons.list_persons(conn, org_id=org_id, include_archived=True)
            },
            "equipment": {
                e.id: e.hostname or e.name for e in equipment.list_equipment(conn, org_id=org_id)
            },
        }
        secrets = client_import.secrets_of(conn, org_id, kind) if with_secrets else {}
        table = [[_cell(spec, row, lang, names, secrets) for spec in shown] for row in rows]
        audit.record(
            conn,
            user_id=actor.user_id,
            action=f"{AUDIT_OBJECT[kind]}.export",
            object_type="organization",
            object_id=org_id,
            detail=f"rows={len(table)} format={fmt} secrets={'yes' if with_secrets else 'no'}",
            remote_addr=actor.audit_addr,
        )
        headers = [t(spec.label_key, lang) for spec in shown]
        data = write_table(fmt, headers, table, sheet_title=t(f"import.kind.{kind}", lang))
        return Exported(data=data, rows=len(table))

    return await store.write(write)
