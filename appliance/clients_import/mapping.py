"""Which column holds which field: guessed from the headers, corrected by the user, remembered.

A mapping is a tuple with one entry per column: a field name, or None for a column to leave out.
What the user chose is remembered per client and kind by header name (``remembered``:
normalised header -> field name, "" for "leave out"), so next month's file from the same office,
with its columns in another order, maps itself.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from appliance.clients_import.cells import normalise_header
from appliance.clients_import.kinds import fields_of, header_words
from appliance.domain.errors import InvalidInput

ColumnMapping = tuple[str | None, ...]


def guess_mapping(
    kind: str, headers: Sequence[str], remembered: Mapping[str, str] | None = None
) -> ColumnMapping:
    """A field for each header: the remembered choice, else an exact alias, else an alias the
    header starts with ("IP-адрес (основной)"). A field goes to its first column only."""
    remembered = remembered or {}
    fields = fields_of(kind)
    names = {field.name for field in fields}
    aliases = [(field.name, header_words(field)) for field in fields]
    chosen: list[str | None] = [None] * len(headers)
    taken: set[str] = set()
    decided: set[int] = set()
    normalised = [normalise_header(header) for header in headers]

    def give(index: int, name: str) -> None:
        chosen[index] = name
        taken.add(name)
        decided.add(index)

    for index, header in enumerate(normalised):
        if header in remembered:
            field = remembered[header]
            decided.add(index)  # "" is a remembered "leave out"
            if field in names and field not in taken:
                give(index, field)
    for exact in (True, False):
        for index, header in enumerate(normalised):
            if index in decided or not header:
                continue
            for name, words in aliases:
                if name in taken:
                    continue
                if header in words if exact else any(_starts(header, word) for word in words):
                    give(index, name)
                    break
    return tuple(chosen)


def _starts(header: str, word: str) -> bool:
    # Whole words only: "ip адрес шлюза" starts with "ip адрес", "ipx" does not start with "ip".
    return len(word) > 1 and (header.startswith(word + " "))


def check_mapping(kind: str, mapping: Sequence[str | None], width: int) -> ColumnMapping:
    """The mapping as given, if it fits the kind and the file: one entry per column, known
    fields, none twice, every required field present."""
    fields = fields_of(kind)
    names = {field.name for field in fields}
    if len(mapping) != width:
        raise InvalidInput("import.error.mapping_width", columns=width)
    used = [name for name in mapping if name]
    for name in used:
        if name not in names:
            raise InvalidInput("import.error.field_unknown", field=name)
    doubled = sorted({name for name in used if used.count(name) > 1})
    if doubled:
        raise InvalidInput("import.error.field_twice", field=doubled[0])
    return tuple(name or None for name in mapping)


def missing_required(kind: str, mapping: Sequence[str | None]) -> list[str]:
    """Required fields no column is mapped to."""
    return [field.name for field in fields_of(kind) if field.required and field.name not in mapping]


def remembered_from(headers: Sequence[str], mapping: Sequence[str | None]) -> dict[str, str]:
    """What to remember of a mapping the user confirmed: header -> field ("" for left out)."""
    kept: dict[str, str] = {}
    for header, name in zip(headers, mapping, strict=True):
        key = normalise_header(header)
        if key and key not in kept:
            kept[key] = name or ""
    return kept
