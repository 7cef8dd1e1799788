"""``tiketnitsa faq import DIR`` / ``export DIR`` / ``search QUERY [--json]`` on a real store:
a folder of Markdown files with front matter and pictures beside them goes in and comes back out
the same; a bad folder is refused whole with a message naming the file; search is for scripts."""

from __future__ import annotations

import io
import json
from pathlib import Path

import pytest
from PIL import Image

from appliance.context import AppContext
from appliance.store.categories import create_category
from appliance.store.faq import latest_articles
from appliance.store.organizations import create_organization
from tests.commands.helpers import cli


def png() -> bytes:
    out = io.BytesIO()
    Image.new("RGB", (16, 8), (20, 80, 120)).save(out, "PNG")
    return out.getvalue()


VPN = """---
title: "VPN не подключается"
category: Сеть › VPN
tags: vpn, удалёнка
public: true
organisation: ООО Ромашка
---
Перезапустите клиент.

![схема](scheme.png)
"""
PRINTER = """---
title: Принтер не печатает
tags: принтер
public: false
---
Проверьте **бумагу**.
"""


@pytest.fixture
def folder(tmp_path: Path, ctx: AppContext) -> Path:
    def seed(conn):  # type: ignore[no-untyped-def]
        net = create_category(conn, name="Сеть")
        create_category(conn, name="VPN", parent_id=net)
        create_organization(conn, name="ООО Ромашка")

    ctx.store.write_sync(seed)
    path = tmp_path / "in"
    path.mkdir()
    (path / "vpn.md").write_text(VPN, encoding="utf-8")
    (path / "printer.md").write_text(PRINTER, encoding="utf-8")
    (path / "scheme.png").write_bytes(png())
    return path


def articles(ctx: AppContext):  # type: ignore[no-untyped-def]
    return sorted(ctx.store.read_sync(lambda c: latest_articles(c, 100)), key=lambda a: a.title)


def test_import_export_round_trip_and_a_second_import_changes_nothing(
    capsys: pytest.CaptureFixture[str], ctx: AppContext, folder: Path, tmp_path: Path
) -> None:
    done = cli(capsys, "faq", "import", str(folder))
    assert done.code == 0, done.err
    assert "новых 2" in done.out
    vpn, printer = articles(ctx)
    assert (vpn.title, vpn.category, vpn.tags, vpn.public, vpn.org_name) == (
        "VPN не подключается",
        "Сеть › VPN",
        ("vpn", "удалёнка"),
        True,
        "ООО Ромашка",
    )
    assert "/ui/faq/images/" in vpn.body and "scheme.png" not in vpn.body
    assert (printer.public, printer.org_name) == (False, None)

    out = tmp_path / "out"
    done = cli(capsys, "faq", "export", str(out))
    assert done.code == 0, done.err
    files = sorted(p.name for p in out.iterdir())
    md = [name for name in files if name.endswith(".md")]
    pictures = [name for name in files if name.endswith(".png")]
    assert len(md) == 2 and len(pictures) == 1
    assert (out / pictures[0]).read_bytes() == png()
    exported = (out / next(n for n in md if "vpn" in n)).read_text(encoding="utf-8")
    assert "organisation: ООО Ромашка" in exported and f"]({pictures[0]})" in exported

    again = cli(capsys, "faq", "import", str(out))
    assert again.code == 0 and "без изменений 2" in again.out
    assert [a.version for a in articles(ctx)] == [1, 1]


@pytest.mark.parametrize(
    ("name", "text", "says"),
    [
        ("a.md", "title: no front matter\n", "a.md"),
        ("b.md", "---\ntitle: X\ncolour: red\n---\nbody\n", "colour"),
        ("c.md", "---\ntitle: X\ncategory: Нет такой\n---\nbody\n", "Нет такой"),
        ("d.md", "---\ntitle: X\n---\n![x](missing.png)\n", "missing.png"),
        ("e.md", "---\ntitle: X\npublic: maybe\n---\nbody\n", "e.md"),
    ],
)
def test_a_bad_file_refuses_the_whole_folder_naming_it(
    capsys: pytest.CaptureFixture[str],
    ctx: AppContext,
    folder: Path,
    name: str,
    text: str,
    says: str,
) -> None:
    (folder / name).write_text(text, encoding="utf-8")
    done = cli(capsys, "faq", "import", str(folder))
    assert done.code == 1
    assert says in done.err
    assert articles(ctx) == []  # the good files were not imported either


def test_search_json_for_scripts(
    capsys: pytest.CaptureFixture[str], ctx: AppContext, folder: Path
) -> None:
    assert cli(capsys, "faq", "import", str(folder)).code == 0
    done = cli(capsys, "faq", "search", "впн не подключаеться", "--json")
    assert done.code == 0, done.err
    found = json.loads(done.out)
    assert found[0]["title"] == "VPN не подключается"
    assert found[0]["tags"] == ["vpn", "удалёнка"] and found[0]["public"] is True
    assert set(found[0]) == {
        "id", "title", "category", "tags", "public", "organisation", "score", "updated_at"
    }  # fmt: skip
    text = cli(capsys, "faq", "search", "принтер")
    assert text.out.splitlines()[0].endswith("\tПринтер не печатает")
    assert "Ничего не найдено" in cli(capsys, "faq", "search", "зебра").out
