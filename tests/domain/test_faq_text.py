"""FAQ text, pure: Markdown rendered safe, line diffs, and the Markdown-with-front-matter file."""

from __future__ import annotations

import pytest

from appliance.domain.errors import InvalidInput
from appliance.domain.faq_files import ArticleFile, dump, parse, slug
from appliance.domain.faq_text import diff_lines, image_hashes, plain_text, render

OWN = "/ui/faq/images/" + "a" * 64


@pytest.mark.parametrize(
    ("markdown", "absent"),
    [
        ("<script>alert(1)</script>", "alert"),
        ("[x](javascript:alert(1))", "<a"),
        ('<a href="javascript:alert(1)">x</a>', "javascript"),
        ('<a href="data:text/html,hi">x</a>', "data:"),
        ("<img src=x onerror=alert(1)>", "onerror"),
        ("![x](https://evil.example/x.png)", "evil"),
        ('<p style="background:url(x)">x</p>', "style"),
        ("<iframe src=https://x></iframe>", "iframe"),
        ("<style>body{}</style>", "body{"),
    ],
)
def test_render_drops_what_could_run_or_leak(markdown: str, absent: str) -> None:
    assert absent not in render(markdown)


def test_render_keeps_what_an_article_needs() -> None:
    html = render(
        f"# Шаги\n\n1. **Жирный** и `код`\n\n[сайт](https://example.org) [почта](mailto:a@b.c)"
        f"\n\n![схема]({OWN})\n\n| a | b |\n|---|---|\n| 1 | 2 |\n"
    )
    for part in ("<h1>", "<ol>", "<strong>", "<code>", 'href="https://example.org"',
                 'href="mailto:a@b.c"', f'src="{OWN}"', "<table>"):  # fmt: skip
        assert part in html
    assert 'rel="noopener noreferrer nofollow"' in html
    assert image_hashes(f"![a]({OWN}) ![b]({OWN})") == ["a" * 64]
    assert plain_text("1. Проверьте **бумагу** <script>x()</script>") == "Проверьте бумагу"


def test_diff_lines_marks_changes_with_context() -> None:
    old = "\n".join(f"line {i}" for i in range(10))
    new = old.replace("line 5", "line five")
    kinds = [(d.kind, d.text) for d in diff_lines(old, new, context=1)]
    assert kinds == [
        ("same", "line 4"),
        ("removed", "line 5"),
        ("added", "line five"),
        ("same", "line 6"),
    ]
    assert diff_lines("same", "same") == []


def test_a_file_reads_back_as_written() -> None:
    article = ArticleFile(
        title='"Quoted" title: with a colon',
        body="Текст: с двоеточием\n---\nи чертой\n",
        category="Сеть › VPN",
        tags="vpn, дом",
        public=True,
        organisation='"Ромашка"',
    )
    assert parse(dump(article), "a.md") == article
    assert slug("VPN: не подключается!") == "vpn-не-подключается"


@pytest.mark.parametrize(
    ("text", "key"),
    [
        ("no front matter", "faq.error.file_front_matter"),
        ("---\ntitle: x\n", "faq.error.file_front_matter"),
        ("---\ntitle: x\nauthor: me\n---\nbody", "faq.error.file_key"),
        ("---\npublic: yes\n---\nbody", "faq.error.file_title"),
        ("---\ntitle: x\n---\n\n", "faq.error.file_body"),
        ("---\ntitle: x\npublic: perhaps\n---\nbody", "faq.error.file_key"),
    ],
)
def test_bad_files_say_what_is_wrong(text: str, key: str) -> None:
    with pytest.raises(InvalidInput) as refused:
        parse(text, "f.md")
    assert refused.value.key == key
    assert refused.value.values["file"] == "f.md"
