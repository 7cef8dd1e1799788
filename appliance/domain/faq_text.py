"""FAQ article text: Markdown rendered to HTML that is safe to show, and the diff of two versions.
Pure (no I/O).

Rendering is two layers: markdown-it (CommonMark; it refuses ``javascript:`` links), then nh3
(ammonia), which keeps only the tags and attributes below, drops ``<script>`` and ``<style>``
with their content, keeps links only to http, https and mailto (and relative addresses of the
appliance), and pictures only from the appliance's own FAQ image address. Raw HTML in the
Markdown passes markdown-it so that the sanitiser, not an escape, decides: a reader sees no
``<script>alert()</script>`` text, just nothing.
"""

from __future__ import annotations

import difflib
import html as html_module
import re
from dataclasses import dataclass

import nh3
from markdown_it import MarkdownIt

IMAGE_PREFIX = "/ui/faq/images/"
_OWN_IMAGE = re.compile(r"^/ui/faq/images/[0-9a-f]{64}$")

TAGS = {
    "p", "br", "hr", "h1", "h2", "h3", "h4", "h5", "h6", "strong", "em", "b", "i", "s", "del",
    "code", "pre", "blockquote", "ul", "ol", "li", "a", "img", "table", "thead", "tbody", "tr",
    "th", "td",
}  # fmt: skip
ATTRIBUTES = {"a": {"href", "title"}, "img": {"src", "alt", "title"}, "ol": {"start"}}
URL_SCHEMES = {"http", "https", "mailto"}

_markdown = MarkdownIt("commonmark", {"html": True, "linkify": False}).enable("table")
_markdown.enable("strikethrough")


def _keep(tag: str, attribute: str, value: str) -> str | None:
    if tag == "img" and attribute == "src":
        return value if _OWN_IMAGE.match(value) else None
    return value


def render(markdown: str) -> str:
    """The article's Markdown as HTML safe to insert into a page."""
    html = _markdown.render(markdown)
    return nh3.clean(
        html,
        tags=TAGS,
        attributes=ATTRIBUTES,
        attribute_filter=_keep,
        url_schemes=URL_SCHEMES,
        link_rel="noopener noreferrer nofollow",
        clean_content_tags={"script", "style"},
    )


def plain_text(markdown: str) -> str:
    """What a reader reads, as plain text on one line (for excerpts; shown as text)."""
    text = nh3.clean(render(markdown), tags=set(), clean_content_tags={"script", "style"})
    return " ".join(html_module.unescape(text).split())


def image_markdown(sha256: str, name: str = "") -> str:
    alt = re.sub(r"[\[\]\n]", " ", name)[:80]
    return f"![{alt}]({IMAGE_PREFIX}{sha256})"


def image_hashes(markdown: str) -> list[str]:
    """The appliance images an article shows, in order, each once."""
    found = re.findall(r"/ui/faq/images/([0-9a-f]{64})", markdown)
    return list(dict.fromkeys(found))


@dataclass(frozen=True)
class DiffLine:
    kind: str  # "same" | "added" | "removed" | "skip"
    text: str


def diff_lines(old: str, new: str, *, context: int = 2) -> list[DiffLine]:
    """Line diff of two texts (difflib), unchanged runs cut to ``context`` lines around
    changes; a "skip" line stands for what was cut."""
    a, b = old.splitlines(), new.splitlines()
    out: list[DiffLine] = []
    matcher = difflib.SequenceMatcher(a=a, b=b, autojunk=False)
    for group in matcher.get_grouped_opcodes(context):
        if out:
            out.append(DiffLine("skip", "…"))
        for op, i1, i2, j1, j2 in group:
            if op == "equal":
                out.extend(DiffLine("same", line) for line in a[i1:i2])
                continue
            out.extend(DiffLine("removed", line) for line in a[i1:i2])
            out.extend(DiffLine("added", line) for line in b[j1:j2])
    return out
