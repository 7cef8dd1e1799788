"""Every row of a sheet checked: each cell parsed by its field, references to the card resolved,
duplicates caught (in the file, and against what the card already holds), and each problem
named by line and column.

``Directory`` is what the client's card holds already, read by the service in the same
transaction that writes: people (names, logins, e-mails), equipment (names, hostnames, serials,
MACs), and the keys of existing credentials and licenses. Importing the same file twice is
refused row by row ("already on the card") instead of doubling the card.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any

from appliance.clients_import.kinds import Field, fields_of
from appliance.clients_import.mapping import missing_required
from appliance.clients_import.problems import Problem
from appliance.clients_import.sheet import Sheet
from appliance.domain.errors import InvalidInput


def _fold(value: str) -> str:
    return " ".join(value.casefold().replace("ё", "е").split())


def _mac_key(value: str) -> str:
    return re.sub(r"[^0-9a-f]", "", value.casefold())


@dataclass(frozen=True)
class PersonKey:
    id: int
    full_name: str
    email: str
    logins: tuple[str, ...]


@dataclass(frozen=True)
class EquipmentKey:
    id: int
    name: str
    hostname: str
    serial: str
    mac: str


@dataclass
class Directory:
    """The card as it stands: lookups by name for references, keys for duplicates."""

    people: Sequence[PersonKey] = ()
    equipment: Sequence[EquipmentKey] = ()
    credential_keys: Iterable[tuple[str, str, str]] = ()  # title, login, url
    license_keys: Iterable[tuple[str, str]] = ()  # product, key
    _persons: dict[str, set[int]] = field(default_factory=lambda: defaultdict(set))
    _machines: dict[str, set[int]] = field(default_factory=lambda: defaultdict(set))
    taken: dict[str, dict[str, str]] = field(default_factory=dict)  # what -> key -> "card"

    def __post_init__(self) -> None:
        taken: dict[str, dict[str, str]] = defaultdict(dict)
        for person in self.people:
            self._persons[_fold(person.full_name)].add(person.id)
            for login in person.logins:
                self._persons[_fold(login)].add(person.id)
                taken["login"][_fold(login)] = "card"
            if person.email:
                taken["email"][_fold(person.email)] = "card"
        for machine in self.equipment:
            for name in (machine.name, machine.hostname):
                if name:
                    self._machines[_fold(name)].add(machine.id)
            if machine.hostname:
                taken["hostname"][_fold(machine.hostname)] = "card"
            if machine.serial:
                taken["serial"][_fold(machine.serial)] = "card"
            if _mac_key(machine.mac):
                taken["mac"][_mac_key(machine.mac)] = "card"
        for title, login, url in self.credential_keys:
            taken["credential"][_fold(f"{title}\n{login}\n{url}")] = "card"
        for product, key in self.license_keys:
            if key:
                taken["license"][_fold(f"{product}\n{key}")] = "card"
        self.taken = taken

    def person_id(self, name: str) -> int:
        return _one(self._persons.get(_fold(name), set()), "import.error.person_unknown", name)

    def equipment_id(self, name: str) -> int:
        return _one(self._machines.get(_fold(name), set()), "import.error.equipment_unknown", name)


def _one(found: set[int], unknown_key: str, name: str) -> int:
    if not found:
        raise InvalidInput(unknown_key, value=name)
    if len(found) > 1:
        raise InvalidInput("import.error.ambiguous", value=name)
    return next(iter(found))


@dataclass(frozen=True)
class Record:
    line: int
    values: dict[str, Any]  # field name -> stored value; references as person_id/equipment_id


@dataclass(frozen=True)
class CheckedFile:
    records: tuple[Record, ...]
    problems: tuple[Problem, ...]


# Which fields must be unique, under which key, per kind.
_UNIQUE: dict[str, tuple[tuple[str, str], ...]] = {
    "people": (("email", "email"),),
    "equipment": (("hostname", "hostname"), ("serial", "serial"), ("mac", "mac")),
}


def check_rows(
    kind: str, sheet: Sheet, mapping: Sequence[str | None], directory: Directory
) -> CheckedFile:
    fields = {f.name: f for f in fields_of(kind)}
    problems: list[Problem] = [
        Problem(None, "", "import.error.required_column", field_label=fields[name].label_key)
        for name in missing_required(kind, mapping)
    ]
    if problems:
        return CheckedFile((), tuple(problems))
    columns = [(index, fields[name]) for index, name in enumerate(mapping) if name]
    # Fields no column gives take what an empty cell means (kind "other", one seat, no date).
    unmapped = {
        spec.name: spec.parse(None)
        for spec in fields.values()
        if spec.name not in mapping and not spec.ref and not spec.required
    }
    seen: dict[str, dict[str, int]] = defaultdict(dict)  # what -> key -> first line in the file
    records: list[Record] = []
    for row in sheet.rows:
        values: dict[str, Any] = dict(unmapped)
        row_problems: list[Problem] = []
        for index, spec in columns:
            cell = row.cells[index] if index < len(row.cells) else None
            label = sheet.column_label(index)
            try:
                value = spec.parse(cell)
                if spec.required and not value:
                    raise InvalidInput("import.error.required")
                if spec.ref:
                    if value:
                        values[spec.target] = _resolve(spec, value, directory)
                    continue
            except InvalidInput as error:
                row_problems.append(
                    Problem(row.line, label, error.key, error.values, field_label=spec.label_key)
                )
                continue
            values[spec.name] = value
        late = _days_in_order(kind, values)
        if late is not None and late in mapping:
            row_problems.append(
                Problem(
                    row.line,
                    sheet.column_label(list(mapping).index(late)),
                    "cards.invalid.date_order",
                    field_label=fields[late].label_key,
                )
            )
        for what, key, label in _unique_keys(kind, values, sheet, mapping):
            first = seen[what].get(key)
            if directory.taken.get(what, {}).get(key):
                row_problems.append(
                    Problem(
                        row.line, label, "import.error.on_card", {"value": _shown(values, what)}
                    )
                )
            elif first is not None:
                row_problems.append(
                    Problem(
                        row.line,
                        label,
                        "import.error.repeated",
                        {"value": _shown(values, what), "first": first},
                    )
                )
            else:
                seen[what][key] = row.line
        if row_problems:
            problems.extend(row_problems)
        else:
            records.append(Record(row.line, values))
    return CheckedFile(tuple(records), tuple(problems))


def _resolve(spec: Field, value: str, directory: Directory) -> int | list[int]:
    find = directory.person_id if spec.ref == "person" else directory.equipment_id
    if not spec.many:
        return find(value)
    names = [name.strip() for name in re.split(r"[;\n]+", value) if name.strip()]
    return list(dict.fromkeys(find(name) for name in names))


# Pairs of days where the second may not come before the first, per kind.
_DAYS_IN_ORDER = {
    "equipment": ("purchase_date", "warranty_until"),
    "licenses": ("valid_from", "valid_until"),
}


def _days_in_order(kind: str, values: dict[str, Any]) -> str | None:
    """The later field's name when the row's two days are the wrong way round."""
    pair = _DAYS_IN_ORDER.get(kind)
    if pair is None:
        return None
    first, last = values.get(pair[0]), values.get(pair[1])
    if first is not None and last is not None and last < first:
        return pair[1]
    return None


def _shown(values: dict[str, Any], what: str) -> str:
    if what == "login":
        return ", ".join(values.get("logins", ()))
    if what in ("credential", "license"):
        return str(values.get("title") or values.get("product") or "")
    return str(values.get(what, ""))


def _unique_keys(
    kind: str, values: dict[str, Any], sheet: Sheet, mapping: Sequence[str | None]
) -> list[tuple[str, str, str]]:
    """(what, key, column label) for each value of the row that must be unique."""

    def label(name: str) -> str:
        return sheet.column_label(mapping.index(name)) if name in mapping else ""

    keys: list[tuple[str, str, str]] = []
    for name, what in _UNIQUE.get(kind, ()):
        value = str(values.get(name) or "")
        key = _mac_key(value) if what == "mac" else _fold(value)
        if key:
            keys.append((what, key, label(name)))
    if kind == "people":
        keys.extend(("login", _fold(login), label("logins")) for login in values.get("logins", ()))
    elif kind == "credentials":
        triple = f"{values.get('title', '')}\n{values.get('login', '')}\n{values.get('url', '')}"
        keys.append(("credential", _fold(triple), label("title")))
    elif kind == "licenses" and values.get("license_key"):
        pair = f"{values.get('product', '')}\n{values['license_key']}"
        keys.append(("license", _fold(pair), label("license_key")))
    return keys
