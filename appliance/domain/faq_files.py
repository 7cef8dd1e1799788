"""An FAQ article as a Markdown file with front matter (``tiketnitsa faq import/export``). Pure.

    ---
    title: Принтер не печатает
    category: Печать › Принтер
    tags: принтер, печать
    public: true
    organisation: ООО «Ромашка»      (empty: for every client)
    ---
    The body, Markdown. Pictures are files beside it: ![схема](scheme.png)

Only these keys, one per line, ``key: value`` (YAML-like: quotes around a value are dropped).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from appliance.domain.errors import InvalidInput

KEYS = ("title", "category", "tags", "public", "organisation")
_TRUE = {"true", "yes", "1", "да"}
_FALSE = {"false", "no", "0", "нет", ""}
# A picture next to the file: a plain file name, nothing that leaves the folder.
LOCAL_IMAGE = re.compile(r"!\[([^\]]*)\]\(([A-Za-z0-9][A-Za-z0-9._-]{0,120})\)")


@dataclass(frozen=True)
class ArticleFile:
    title: str
    body: str
    category: str = ""
    tags: str = ""
    public: bool = False
    organisation: str = ""


def _unquote(value: str) -> str:
    value = value.strip()
    if len(value) >= 2 and value[0] == value[-1] and value[0] in "\"'":
        return value[1:-1]
    return value


def parse(text: str, name: str) -> ArticleFile:
    """The article in file ``name``; ``InvalidInput`` naming the file and what is wrong."""
    text = text.lstrip("\ufeff").replace("\r\n", "\n")
    lines = text.split("\n")
    if not lines or lines[0].strip() != "---":
        raise InvalidInput("faq.error.file_front_matter", file=name)
    try:
        end = next(i for i in range(1, len(lines)) if lines[i].strip() == "---")
    except StopIteration:
        raise InvalidInput("faq.error.file_front_matter", file=name) from None
    meta: dict[str, str] = {}
    for line in lines[1:end]:
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        key, sep, value = line.partition(":")
        key = key.strip().lower()
        if not sep or key not in KEYS:
            raise InvalidInput("faq.error.file_key", file=name, line=line.strip()[:60])
        meta[key] = _unquote(value)
    public = meta.get("public", "").strip().lower()
    if public not in _TRUE | _FALSE:
        raise InvalidInput("faq.error.file_key", file=name, line=f"public: {public}"[:60])
    title = meta.get("title", "").strip()
    body = "\n".join(lines[end + 1 :]).strip("\n")
    if not title:
        raise InvalidInput("faq.error.file_title", file=name)
    if not body.strip():
        raise InvalidInput("faq.error.file_body", file=name)
    return ArticleFile(
        title=title,
        body=body + "\n",
        category=meta.get("category", "").strip(),
        tags=meta.get("tags", "").strip(),
        public=public in _TRUE,
        organisation=meta.get("organisation", "").strip(),
    )


def _quoted(value: str) -> str:
    # A value that would read back differently (leading quote or space) is quoted.
    if value != value.strip() or value[:1] in "\"'":
        return '"' + value + '"'
    return value


def dump(article: ArticleFile) -> str:
    head = [
        "---",
        f"title: {_quoted(article.title)}",
        f"category: {_quoted(article.category)}",
        f"tags: {_quoted(article.tags)}",
        f"public: {'true' if article.public else 'false'}",
        f"organisation: {_quoted(article.organisation)}",
        "---",
    ]
    return "\n".join(head) + "\n" + article.body.rstrip("\n") + "\n"


def slug(title: str) -> str:
    """A file name part from a title (letters of any script, digits, dashes)."""
    words = re.findall(r"[^\W_]+", title.casefold())
    return "-".join(words)[:60] or "article"
