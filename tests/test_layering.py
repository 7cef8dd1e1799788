"""The layering of docs/DESIGN.md, beyond what import-linter checks (``make lint`` runs the
import contracts in pyproject.toml):

- SQL lives in ``appliance/store/`` only. A string literal anywhere else in the appliance that
  reads as SQL fails here (the demo's bulk writer is the one exception the design allows; the
  LiveViewer's local outbox is the client's own store).
- The contracts name every top-level module of ``appliance``, so a new package cannot slip past
  "domain imports nothing of ours" or "nothing imports ui" by not being listed.
"""

from __future__ import annotations

import ast
import re
import tomllib
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
APPLIANCE = ROOT / "appliance"
STORE = APPLIANCE / "store"
# The demo's bulk writer (measured 4x faster than one-by-one; tests/demo/test_bulk_matches_store.py
# checks it leaves the same rows as the store's functions) and the client's own outbox store.
SQL_ALLOWED = {APPLIANCE / "demo" / "bulk.py", ROOT / "client" / "outbox.py"}

# Uppercase SQL as this code base writes it, and lowercase only in shapes prose never takes.
SQL = re.compile(
    r"\bSELECT\b[\s\S]*\bFROM\b|\bINSERT\s+(OR\s+\w+\s+)?INTO\b|\bUPDATE\s+\w+\s+SET\b"
    r"|\bDELETE\s+FROM\b|\bCREATE\s+(TABLE|INDEX|TRIGGER|VIEW)\b|\bPRAGMA\s+\w+"
    r"|\binsert\s+into\s+\w+\s*\(|\bselect\s+[\w*, .]+\s+from\s+\w+\s+where\b"
)


def sql_literals(path: Path) -> list[tuple[int, str]]:
    tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
    docstrings = {
        id(node.body[0].value)
        for node in ast.walk(tree)
        if isinstance(node, ast.Module | ast.ClassDef | ast.FunctionDef | ast.AsyncFunctionDef)
        and node.body
        and isinstance(node.body[0], ast.Expr)
        and isinstance(node.body[0].value, ast.Constant)
    }
    return [
        (node.lineno, node.value)
        for node in ast.walk(tree)
        if isinstance(node, ast.Constant)
        and isinstance(node.value, str)
        and id(node) not in docstrings
        and SQL.search(node.value)
    ]


def checked_sources() -> list[Path]:
    sources = [
        *APPLIANCE.rglob("*.py"),
        *(ROOT / "client").rglob("*.py"),
        *(ROOT / "sync").rglob("*.py"),
    ]
    return sorted(p for p in sources if STORE not in p.parents and p not in SQL_ALLOWED)


def test_the_sql_scan_recognises_sql() -> None:
    # A broken pattern would make the real check pass vacuously.
    assert SQL.search("SELECT id FROM tickets WHERE number = ?")
    assert SQL.search("INSERT INTO audit_log(at) VALUES (?)")
    assert SQL.search("UPDATE users SET role = ?")
    assert SQL.search("DELETE FROM tickets WHERE id = ?")
    assert SQL.search("insert into t (a) values (1)")
    assert not SQL.search("Select a person from the list")
    assert sql_literals(STORE / "audit.py")


def test_no_sql_outside_the_store() -> None:
    found = [
        f"{path.relative_to(ROOT)}:{line}: {text.strip()[:60]!r}"
        for path in checked_sources()
        for line, text in sql_literals(path)
    ]
    assert found == [], "SQL belongs in appliance/store/:\n" + "\n".join(found)


def _top_level_modules() -> set[str]:
    names = {
        f"appliance.{p.stem if p.is_file() else p.name}"
        for p in APPLIANCE.iterdir()
        if (p.suffix == ".py" and p.stem != "__init__") or (p / "__init__.py").exists()
    }
    return names


def _contract(contract_id: str) -> dict[str, object]:
    config = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    (contract,) = [c for c in config["tool"]["importlinter"]["contracts"] if c["id"] == contract_id]
    return contract


@pytest.mark.parametrize(
    ("contract_id", "key", "left_out"),
    [
        ("domain-pure", "forbidden_modules", {"appliance.domain"}),
        (
            "nothing-imports-ui",
            "source_modules",
            {"appliance.ui", "appliance.web", "appliance.main", "appliance.cli"},
        ),
    ],
)
def test_the_contracts_name_every_top_level_module(
    contract_id: str, key: str, left_out: set[str]
) -> None:
    named = {m for m in _contract(contract_id)[key] if str(m).startswith("appliance.")}  # type: ignore[attr-defined]
    assert named == _top_level_modules() - left_out
