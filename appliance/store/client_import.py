"""What an import of a client's card needs from the store besides the aggregates' own writes:
the card's existing names and keys (references and duplicates), the column mapping remembered
per client and kind, and the secrets an export with secrets carries.

The mapping lives in ``settings`` under ``import_mapping:<org id>:<kind>`` as JSON (normalised
header -> field name): a few hundred bytes per client and kind, no table of its own.
"""

from __future__ import annotations

import json

import apsw

from appliance.store.settings import get_setting, set_setting


def _mapping_key(org_id: int, kind: str) -> str:
    return f"import_mapping:{org_id}:{kind}"


def remembered_mapping(conn: apsw.Connection, org_id: int, kind: str) -> dict[str, str]:
    raw = get_setting(conn, _mapping_key(org_id, kind))
    if not raw:
        return {}
    try:
        loaded = json.loads(raw)
    except ValueError:
        return {}
    if not isinstance(loaded, dict):
        return {}
    return {str(k): str(v) for k, v in loaded.items()}


def remember_mapping(
    conn: apsw.Connection, org_id: int, kind: str, mapping: dict[str, str]
) -> None:
    set_setting(
        conn, _mapping_key(org_id, kind), json.dumps(mapping, ensure_ascii=False, sort_keys=True)
    )


def person_keys(conn: apsw.Connection, org_id: int) -> list[tuple[int, str, str, tuple[str, ...]]]:
    """(id, full name, e-mail, OS logins) of every person of the organisation, archived too."""
    rows = conn.execute(
        "SELECT p.id, p.full_name, p.email,"
        " (SELECT group_concat(l.login, char(10)) FROM person_logins AS l"
        "  WHERE l.person_id = p.id)"
        " FROM persons AS p WHERE p.org_id = ?",
        (org_id,),
    ).fetchall()
    return [
        (int(pid), str(name), str(email), tuple(str(logins).split("\n")) if logins else ())  # type: ignore[arg-type]
        for pid, name, email, logins in rows
    ]


def equipment_keys(conn: apsw.Connection, org_id: int) -> list[tuple[int, str, str, str, str]]:
    """(id, name, hostname, serial, MAC) of every piece of the organisation's equipment."""
    rows = conn.execute(
        "SELECT id, name, hostname, serial, mac FROM equipment WHERE org_id = ?", (org_id,)
    ).fetchall()
    return [(int(r[0]), str(r[1]), str(r[2]), str(r[3]), str(r[4])) for r in rows]  # type: ignore[arg-type]


def credential_keys(conn: apsw.Connection, org_id: int) -> list[tuple[str, str, str]]:
    """(title, login, host or URL) of the organisation's credentials: what makes one the same."""
    rows = conn.execute(
        "SELECT title, login, url FROM credentials WHERE org_id = ?", (org_id,)
    ).fetchall()
    return [(str(r[0]), str(r[1]), str(r[2])) for r in rows]


def license_keys(conn: apsw.Connection, org_id: int) -> list[tuple[str, str]]:
    """(product, key) of the organisation's licenses. Used inside the store's transaction only
    to refuse duplicates; the keys never leave the import service."""
    rows = conn.execute(
        "SELECT product, license_key FROM licenses WHERE org_id = ?", (org_id,)
    ).fetchall()
    return [(str(r[0]), str(r[1])) for r in rows]


def secrets_of(conn: apsw.Connection, org_id: int, kind: str) -> dict[int, str]:
    """Id -> secret of the organisation's credentials (``kind="credentials"``) or license keys,
    for an export the administrator asked to carry them (audited by the caller)."""
    if kind == "credentials":
        sql = "SELECT id, secret FROM credentials WHERE org_id = ?"
    elif kind == "licenses":
        sql = "SELECT id, license_key FROM licenses WHERE org_id = ?"
    else:
        return {}
    return {int(r[0]): str(r[1]) for r in conn.execute(sql, (org_id,)).fetchall()}  # type: ignore[arg-type]
