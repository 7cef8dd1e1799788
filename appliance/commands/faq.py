"""``tiketnitsa faq import DIR`` / ``faq export DIR`` (a folder of Markdown files with front
matter, pictures as files beside them) and ``faq search QUERY [--json]`` for scripts."""

from __future__ import annotations

import argparse
import json
from pathlib import Path

from appliance.commands.common import add_data_dir, opened, run
from appliance.domain.errors import InvalidInput
from appliance.i18n import t
from appliance.services import faq, faq_transfer
from appliance.services.actor import Actor

MAX_FILE_BYTES = 20 * 1024 * 1024


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser("faq", help="the FAQ: import, export, search")
    actions = parser.add_subparsers(dest="action", required=True, metavar="ACTION")
    imp = actions.add_parser("import", help="import articles from a folder of Markdown files")
    add_data_dir(imp)
    imp.add_argument("dir", type=Path)
    imp.set_defaults(handler=run_import)
    exp = actions.add_parser("export", help="export every article to a folder")
    add_data_dir(exp)
    exp.add_argument("dir", type=Path)
    exp.set_defaults(handler=run_export)
    search = actions.add_parser("search", help="search the FAQ, best match first")
    add_data_dir(search)
    search.add_argument("query")
    search.add_argument("--json", action="store_true", help="one JSON document on stdout")
    search.add_argument("--limit", type=int, default=10)
    search.set_defaults(handler=run_search)


def _read_folder(folder: Path) -> tuple[dict[str, str], dict[str, bytes]]:
    if not folder.is_dir():
        raise InvalidInput("faq.error.no_folder", path=str(folder))
    files: dict[str, str] = {}
    images: dict[str, bytes] = {}
    for path in sorted(folder.iterdir()):
        # Only plain files of this folder: a link could point anywhere.
        if not path.is_file() or path.is_symlink() or path.name.startswith("."):
            continue
        if path.stat().st_size > MAX_FILE_BYTES:
            raise InvalidInput("faq.error.file_large", file=path.name)
        if path.suffix.lower() == ".md":
            try:
                files[path.name] = path.read_text(encoding="utf-8")
            except UnicodeDecodeError:
                raise InvalidInput("faq.error.file_encoding", file=path.name) from None
        else:
            images[path.name] = path.read_bytes()
    return files, images


def run_import(args: argparse.Namespace) -> int:
    with opened(args) as ctx:
        files, images = _read_folder(args.dir)
        result = run(faq_transfer.import_folder(ctx.store, Actor.cli(), files=files, images=images))
        print(
            t(
                "faq.cli.imported",
                ctx.settings.lang,
                created=result.created,
                updated=result.updated,
                unchanged=result.unchanged,
            )
        )
    return 0


def run_export(args: argparse.Namespace) -> int:
    folder: Path = args.dir
    with opened(args) as ctx:
        exported = run(faq_transfer.export_folder(ctx.store, Actor.cli()))
        folder.mkdir(parents=True, exist_ok=True)
        for name, text in exported.files.items():
            (folder / name).write_text(text, encoding="utf-8")
        for name, data in exported.images.items():
            (folder / name).write_bytes(data)
        print(
            t(
                "faq.cli.exported",
                ctx.settings.lang,
                count=len(exported.files),
                images=len(exported.images),
                path=str(folder),
            )
        )
    return 0


def run_search(args: argparse.Namespace) -> int:
    with opened(args) as ctx:
        found = run(
            faq.search_scored(ctx.store, Actor.cli(), text=args.query, limit=max(1, args.limit))
        )
        if args.json:
            doc = [
                {
                    "id": a.id,
                    "title": a.title,
                    "category": a.category,
                    "tags": list(a.tags),
                    "public": a.public,
                    "organisation": a.org_name,
                    "score": round(score, 3),
                    "updated_at": a.updated_at.isoformat(),
                }
                for a, score in found
            ]
            print(json.dumps(doc, ensure_ascii=False, indent=2))
            return 0
        if not found:
            print(t("faq.cli.none", ctx.settings.lang))
        for a, _score in found:
            print(f"{a.id}\t{a.title}" + (f"\t{a.category}" if a.category else ""))
    return 0
