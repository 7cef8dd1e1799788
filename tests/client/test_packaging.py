"""LiveViewer ships alone: it must not pull in the appliance, and its packaging files must be
well-formed."""

from __future__ import annotations

import ast
import configparser
import subprocess
import sys
from pathlib import Path

import client

REPO = Path(__file__).resolve().parents[2]
PACKAGING = REPO / "packaging" / "liveviewer"
SERVER_ONLY = ("appliance", "nicegui", "fastapi", "starlette", "uvicorn", "apsw")


def test_client_imports_only_sync_and_third_party() -> None:
    for path in Path(client.__file__).parent.glob("*.py"):
        tree = ast.parse(path.read_text(), filename=str(path))
        for node in ast.walk(tree):
            names = []
            if isinstance(node, ast.Import):
                names = [alias.name for alias in node.names]
            elif isinstance(node, ast.ImportFrom) and node.module:
                names = [node.module]
            for name in names:
                assert name.split(".")[0] not in SERVER_ONLY, f"{path.name} imports {name}"


def test_loading_every_client_module_loads_no_server_code() -> None:
    probe = (
        "import sys\n"
        "import client.cli, client.window, client.agent, client.enroll, client.capture\n"
        f"bad = sorted(m for m in sys.modules if m.split('.')[0] in {SERVER_ONLY!r})\n"
        "print(','.join(bad))\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", probe], capture_output=True, text=True, cwd=REPO, check=True
    )
    assert result.stdout.strip() == ""


def test_desktop_files() -> None:
    for name in ("liveviewer.desktop", "liveviewer-agent.desktop"):
        parser = configparser.ConfigParser(interpolation=None)
        parser.optionxform = str  # type: ignore[assignment,method-assign]  # keys are case-sensitive
        parser.read(PACKAGING / name, encoding="utf-8")
        entry = parser["Desktop Entry"]
        assert entry["Type"] == "Application"
        assert entry["Exec"].startswith("/opt/liveviewer/LiveViewer")
        assert entry["Terminal"] == "false"
        assert entry["Name"] and entry["Name[ru]"]


def test_pyinstaller_spec_is_python_and_excludes_the_appliance() -> None:
    source = (PACKAGING / "liveviewer.spec").read_text()
    compile(source, "liveviewer.spec", "exec")
    assert '"appliance"' in source and '"nicegui"' in source
    entry = PACKAGING / "liveviewer_main.py"
    assert "from client.cli import main" in entry.read_text()
