"""The i18n catalogue: complete in both languages, and every key the code asks for exists."""

from __future__ import annotations

import ast
import importlib
import inspect
import pkgutil
import string
from pathlib import Path

import pytest

from appliance.domain.errors import AppError
from appliance.i18n import LANGUAGES, catalogue, t

APPLIANCE = Path(__file__).resolve().parent.parent / "appliance"
SOURCES = sorted(APPLIANCE.rglob("*.py"))
# Packages whose own keys are also used outside t() calls (error classes, tables of labels).
KEYED_PACKAGES = ("auth", "ui")
KEYED_PREFIXES = ("auth.", "settings.", "shell.")


def placeholders(text: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(text) if name}


def t_calls(tree: ast.AST) -> list[ast.Call]:
    """Calls of ``t(...)`` or ``<anything>.t(...)``."""
    return [
        node
        for node in ast.walk(tree)
        if isinstance(node, ast.Call)
        and node.args
        and (
            (isinstance(node.func, ast.Name) and node.func.id == "t")
            or (isinstance(node.func, ast.Attribute) and node.func.attr == "t")
        )
    ]


def used_keys() -> tuple[list[tuple[str, str]], list[tuple[str, str]]]:
    """(literal keys, literal prefixes of f-string keys), each with where it was found."""
    literal: list[tuple[str, str]] = []
    prefixes: list[tuple[str, str]] = []
    for path in SOURCES:
        tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
        for call in t_calls(tree):
            where = f"{path.relative_to(APPLIANCE.parent)}:{call.lineno}"
            first = call.args[0]
            if isinstance(first, ast.Constant) and isinstance(first.value, str):
                literal.append((first.value, where))
            elif isinstance(first, ast.JoinedStr) and first.values:
                head = first.values[0]
                if isinstance(head, ast.Constant) and isinstance(head.value, str):
                    prefixes.append((head.value, where))
    return literal, prefixes


def test_the_scan_finds_the_code_it_checks() -> None:
    literal, prefixes = used_keys()
    keys = {key for key, _ in literal}
    # A broken scan would make the checks below pass vacuously.
    assert {"auth.login.wrong", "shell.logout", "settings.users.title"} <= keys
    assert "role." in {prefix for prefix, _ in prefixes}


@pytest.mark.parametrize("key", sorted(catalogue()))
def test_every_key_has_both_languages_and_no_empty_text(key: str) -> None:
    texts = catalogue()[key]
    assert set(texts) == set(LANGUAGES), f"{key}: languages {sorted(texts)}"
    for lang in LANGUAGES:
        assert texts[lang].strip(), f"{key}: empty {lang} text"
    assert placeholders(texts["ru"]) == placeholders(texts["en"]), f"{key}: placeholders differ"


def test_every_literal_key_in_t_calls_exists() -> None:
    literal, _ = used_keys()
    missing = [f"{key} ({where})" for key, where in literal if key not in catalogue()]
    assert missing == []


def test_every_f_string_key_prefix_names_existing_keys() -> None:
    _, prefixes = used_keys()
    missing = [
        f"{prefix}... ({where})"
        for prefix, where in prefixes
        if not any(key.startswith(prefix) for key in catalogue())
    ]
    assert missing == []


def test_keys_held_outside_t_calls_exist() -> None:
    """Keys in error classes and label tables of the shell and accounts code."""
    missing = []
    for package in KEYED_PACKAGES:
        for path in sorted((APPLIANCE / package).rglob("*.py")):
            tree = ast.parse(path.read_text(encoding="utf-8"))
            for node in ast.walk(tree):
                if (
                    isinstance(node, ast.Constant)
                    and isinstance(node.value, str)
                    and node.value.startswith(KEYED_PREFIXES)
                    and " " not in node.value
                    and not node.value.endswith(".")
                    and node.value not in catalogue()
                ):
                    missing.append(f"{node.value} ({path.name}:{node.lineno})")
    assert missing == []


def _error_classes() -> dict[str, int]:
    """Every AppError class of the appliance, by name -> the position of its key argument."""
    for info in pkgutil.walk_packages([str(APPLIANCE)], prefix="appliance."):
        importlib.import_module(info.name)
    found: dict[str, int] = {}
    pending: list[type[AppError]] = [AppError]
    while pending:
        cls = pending.pop()
        pending.extend(cls.__subclasses__())
        # Where the constructor takes the key (ApiError: status, code, key). A class that names
        # its key itself (EnrollmentRefused(reason), StaleTicketError(ids)) takes none.
        params = [p for p in inspect.signature(cls.__init__).parameters if p != "self"]
        if "key" in params:
            found[cls.__name__] = params.index("key")
    return found


def test_every_key_raised_as_an_error_exists() -> None:
    """A refusal in any layer (store, domain, services, api, commands...) names a key that
    exists, so nobody ever reads a bare key where a sentence should be."""
    classes = _error_classes()
    assert {"AppError", "InvalidInput", "NotFound", "Forbidden", "ApiError"} <= set(classes)
    raised: list[tuple[str, str]] = []
    for path in SOURCES:
        tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
        for node in ast.walk(tree):
            if not isinstance(node, ast.Call):
                continue
            func = node.func
            name = func.id if isinstance(func, ast.Name) else getattr(func, "attr", None)
            if name not in classes or len(node.args) <= classes[name]:
                continue
            key = node.args[classes[name]]
            if isinstance(key, ast.Constant) and isinstance(key.value, str):
                raised.append((key.value, f"{path.relative_to(APPLIANCE.parent)}:{node.lineno}"))
    assert len(raised) > 50  # the scan sees the code base's refusals
    missing = [f"{key} ({where})" for key, where in raised if key not in catalogue()]
    assert missing == []


@pytest.mark.parametrize("kind", ["role", "status", "priority"])
def test_every_value_shown_through_an_f_string_key_has_a_label(kind: str) -> None:
    from appliance.domain.workflow import PRIORITIES, STATUSES
    from appliance.store.users import ROLES

    values = {"role": ROLES, "status": STATUSES, "priority": PRIORITIES}[kind]
    for value in values:
        for lang in LANGUAGES:
            assert t(f"{kind}.{value}", lang)


def test_formatting_fills_placeholders() -> None:
    assert t("shell.clients.count", "en", count=20) == "Organisations: 20"
    assert t("shell.clients.count", "ru", count=20) == "Организаций: 20"


def test_an_unknown_key_is_an_error() -> None:
    with pytest.raises(KeyError):
        t("no.such.key", "ru")
