"""What is wrong with an imported file, row by row: the line, the column, and why.

A ``Problem`` holds an i18n key and its values, like every ``AppError``; ``describe`` makes the
sentence in the reader's language ("Строка 7, столбец «IP» (C): ..."). ``ImportRefused`` is the
refusal of a whole file: an ``InvalidInput`` (exit code 1, HTTP 422, a warning in the UI) that
also carries every problem found.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

from appliance.domain.errors import InvalidInput
from appliance.i18n import t


@dataclass(frozen=True)
class Problem:
    line: int | None  # None: the file as a whole (a required column missing)
    column: str  # the column's header or letter; "" when no one column is at fault
    key: str
    values: dict[str, object] = field(default_factory=dict)
    field_label: str = ""  # an i18n key naming a field, filled into the message as {field}

    def message(self, lang: str) -> str:
        values = dict(self.values)
        if self.field_label:
            values["field"] = t(self.field_label, lang)
        return t(self.key, lang, **values)


def describe(problem: Problem, lang: str) -> str:
    """One line for a person: where, then what."""
    message = problem.message(lang)
    if problem.line is None:
        return message
    if problem.column:
        return t(
            "import.problem.at_cell",
            lang,
            line=problem.line,
            column=problem.column,
            message=message,
        )
    return t("import.problem.at_line", lang, line=problem.line, message=message)


class ImportRefused(InvalidInput):
    """Nothing was imported: the file has ``len(problems)`` problems (all of them listed)."""

    def __init__(self, problems: Sequence[Problem]) -> None:
        super().__init__("import.refused", count=len(problems))
        self.problems: tuple[Problem, ...] = tuple(problems)
