"""FAQ articles (table faq_articles): writing them, listing them, and the three ways of finding
them, all returning one row type, ``Article``.

- ``search_faq`` is a search box: it wants every word typed (see ``appliance.domain.text_search``).
- ``faq_for_text`` suggests articles for a whole problem description: each distinctive word of
  it is a term of its own, any may match, and bm25 puts the articles sharing the rarest words
  first, the title weighing more. A search box's AND of every word almost never matches a
  description ("the printer in accounting shows an orange light and does not print").
- ``public_articles`` / ``faq_version``: what LiveViewer devices read back, and a cheap name of it.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any

import apsw

from appliance.domain.clock import from_db, to_db, utc_now
from appliance.domain.errors import InvalidInput, NotFound, Stale
from appliance.domain.text_search import parse, stem
from appliance.store.categories import LABEL_SQL
from appliance.store.edits import required_text, update_columns
from appliance.store.rows import fetch_all

EDITABLE = ("title", "body", "category_id", "public", "tags", "org_id")
MAX_TITLE = 200
MAX_BODY = 100_000
MAX_TAGS = 20


@dataclass(frozen=True)
class Article:
    id: int
    title: str
    body: str  # Markdown
    category_id: int | None
    category: str | None  # "Service › Problem", the service's name, or None
    public: bool  # shown to the clients' employees
    created_by: int | None
    created_at: datetime
    updated_at: datetime
    tags: tuple[str, ...] = ()
    org_id: int | None = None  # None: for every client
    org_name: str | None = None
    version: int = 1
    author: str = ""  # who wrote it (full name, else login)
    updated_by: int | None = None
    editor: str = ""  # who saved the last version
    view_count: int = 0
    helped_count: int = 0
    solved_count: int = 0  # employees who found the answer in LiveViewer and did not send

    @classmethod
    def from_row(cls, **row: Any) -> Article:
        return cls(
            **{
                **row,
                "public": bool(row["public"]),
                "tags": split_tags(row["tags"]),
                "created_at": from_db(row["created_at"]),
                "updated_at": from_db(row["updated_at"]),
            }
        )


def split_tags(text: str) -> tuple[str, ...]:
    """``"vpn, Удалёнка ,vpn"`` → ``("vpn", "Удалёнка")``: trimmed, no repeats, in order."""
    seen: dict[str, str] = {}
    for part in text.split(","):
        tag = " ".join(part.split())[:40]
        if tag and tag.casefold() not in seen:
            seen[tag.casefold()] = tag
    return tuple(seen.values())[:MAX_TAGS]


def join_tags(tags: Sequence[str] | str) -> str:
    return ", ".join(split_tags(tags if isinstance(tags, str) else ",".join(tags)))


_SELECT = (
    "SELECT f.id AS id, f.title AS title, f.body AS body, f.category_id AS category_id,"
    f" CASE WHEN c.id IS NULL THEN NULL ELSE {LABEL_SQL} END AS category,"
    " f.public AS public, f.created_by AS created_by, f.created_at AS created_at,"
    " f.updated_at AS updated_at, f.tags AS tags, f.org_id AS org_id, o.name AS org_name,"
    " f.version AS version, coalesce(nullif(a.full_name, ''), a.login, '') AS author,"
    " f.updated_by AS updated_by, coalesce(nullif(e.full_name, ''), e.login, '') AS editor,"
    " f.view_count AS view_count, f.helped_count AS helped_count,"
    " f.solved_count AS solved_count FROM faq_articles AS f"
    " LEFT JOIN categories AS c ON c.id = f.category_id"
    " LEFT JOIN categories AS parent ON parent.id = c.parent_id"
    " LEFT JOIN organizations AS o ON o.id = f.org_id"
    " LEFT JOIN users AS a ON a.id = f.created_by"
    " LEFT JOIN users AS e ON e.id = f.updated_by"
)


def _check_category(conn: apsw.Connection, category_id: int | None) -> None:
    if (
        category_id is not None
        and not conn.execute("SELECT 1 FROM categories WHERE id = ?", (category_id,)).fetchone()
    ):
        raise InvalidInput("clients.error.category_unknown")


def _check_org(conn: apsw.Connection, org_id: int | None) -> None:
    if (
        org_id is not None
        and not conn.execute("SELECT 1 FROM organizations WHERE id = ?", (org_id,)).fetchone()
    ):
        raise InvalidInput("faq.error.org_unknown")


def _title(value: str) -> str:
    title = required_text(value, "clients.error.faq_title_empty")
    if len(title) > MAX_TITLE:
        raise InvalidInput("faq.error.title_long", limit=MAX_TITLE)
    return title


def _body(value: str) -> str:
    body = required_text(value, "clients.error.faq_body_empty")
    if len(body) > MAX_BODY:
        raise InvalidInput("faq.error.body_long", limit=MAX_BODY)
    return body


def _record_version(conn: apsw.Connection, article_id: int, *, note: str = "") -> None:
    """Copy the article as it is now into ``faq_versions`` (its current version number)."""
    conn.execute(
        "INSERT INTO faq_versions(article_id, version, title, body, category_id, tags, public,"
        " org_id, saved_by, saved_at, note) SELECT id, version, title, body, category_id, tags,"
        " public, org_id, updated_by, updated_at, ? FROM faq_articles WHERE id = ?",
        (note, article_id),
    )


# -- writing ------------------------------------------------------------------------------------


def create_article(
    conn: apsw.Connection,
    *,
    title: str,
    body: str,
    category_id: int | None = None,
    public: bool = False,
    created_by: int | None = None,
    created_at: datetime | None = None,
    updated_at: datetime | None = None,
    tags: Sequence[str] | str = (),
    org_id: int | None = None,
) -> int:
    title = _title(title)
    body = _body(body)
    _check_category(conn, category_id)
    _check_org(conn, org_id)
    created = created_at or utc_now()
    conn.execute(
        "INSERT INTO faq_articles(title, body, category_id, public, created_by, created_at,"
        " updated_at, tags, org_id, updated_by) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        (
            title,
            body,
            category_id,
            int(public),
            created_by,
            to_db(created),
            to_db(updated_at or created),
            join_tags(tags),
            org_id,
            created_by,
        ),
    )
    article_id = conn.last_insert_rowid()
    _record_version(conn, article_id)
    return article_id


def update_article(
    conn: apsw.Connection,
    article_id: int,
    *,
    expected_version: int | None = None,
    updated_by: int | None = None,
    note: str = "",
    **changes: Any,
) -> int:
    """Change some of ``EDITABLE``; a new version is kept in the history and ``updated_at``
    becomes now (devices see a new FAQ version). With ``expected_version`` the change is made
    only if nobody saved the article since that version (``Stale`` otherwise). Returns the
    article's version after the change."""
    if "title" in changes:
        changes["title"] = _title(changes["title"])
    if "body" in changes:
        changes["body"] = _body(changes["body"])
    if "category_id" in changes:
        _check_category(conn, changes["category_id"])
    if "org_id" in changes:
        _check_org(conn, changes["org_id"])
    if "public" in changes:
        changes["public"] = int(bool(changes["public"]))
    if "tags" in changes:
        changes["tags"] = join_tags(changes["tags"])
    row = conn.execute("SELECT version FROM faq_articles WHERE id = ?", (article_id,)).fetchone()
    if row is None:
        raise NotFound("clients.error.faq_missing")
    current = int(row[0])
    if expected_version is not None and expected_version != current:
        raise Stale("faq.error.stale", version=current)
    update_columns(
        conn,
        "faq_articles",
        article_id,
        changes,
        editable=EDITABLE,
        missing_key="clients.error.faq_missing",
    )
    if not changes:
        return current
    conn.execute(
        "UPDATE faq_articles SET updated_at = ?, updated_by = ?, version = version + 1"
        " WHERE id = ?",
        (to_db(utc_now()), updated_by, article_id),
    )
    _record_version(conn, article_id, note=note)
    return current + 1


def delete_article(conn: apsw.Connection, article_id: int) -> None:
    if get_article(conn, article_id) is None:
        raise NotFound("clients.error.faq_missing")
    conn.execute("DELETE FROM faq_drafts WHERE article_id = ?", (article_id,))
    conn.execute("DELETE FROM faq_articles WHERE id = ?", (article_id,))


# -- reading ------------------------------------------------------------------------------------


def get_article(conn: apsw.Connection, article_id: int) -> Article | None:
    found = fetch_all(conn, Article.from_row, f"{_SELECT} WHERE f.id = ?", (article_id,))
    return found[0] if found else None


def latest_articles(conn: apsw.Connection, limit: int = 50) -> list[Article]:
    return fetch_all(
        conn, Article.from_row, f"{_SELECT} ORDER BY f.updated_at DESC, f.id DESC LIMIT ?", (limit,)
    )


def articles_by_ids(conn: apsw.Connection, ids: Sequence[int]) -> list[Article]:
    """The articles with these ids, in the order given (e.g. search ranking)."""
    if not ids:
        return []
    marks = ", ".join("?" for _ in ids)
    found = {
        a.id: a
        for a in fetch_all(conn, Article.from_row, f"{_SELECT} WHERE f.id IN ({marks})", ids)
    }
    return [found[i] for i in ids if i in found]


def article_count(conn: apsw.Connection) -> int:
    return int(conn.execute("SELECT count(*) FROM faq_articles").get)


_FOR_ORG = "f.public = 1 AND (f.org_id IS NULL OR f.org_id = ?)"


def public_articles(conn: apsw.Connection, org_id: int | None = None) -> list[Article]:
    """The articles shown to the clients' employees (with ``org_id``: to that organisation's:
    those for every client and its own), by title."""
    args: tuple[int, ...] = ()
    if org_id is None:
        where = "f.public = 1"
    else:
        where, args = _FOR_ORG, (org_id,)
    return fetch_all(conn, Article.from_row, f"{_SELECT} WHERE {where} ORDER BY f.title", args)


def faq_version(conn: apsw.Connection, org_id: int | None = None) -> str:
    """Names the current set of public articles (of ``org_id``, see ``public_articles``):
    changes when one is added, edited, hidden or deleted. Cheap (ids and times only), so every
    feed request can ask."""
    digest = hashlib.sha256()
    args: tuple[int, ...] = ()
    if org_id is None:
        where = "public = 1"
    else:
        where, args = "public = 1 AND (org_id IS NULL OR org_id = ?)", (org_id,)
    for article_id, updated_at in conn.execute(
        f"SELECT id, updated_at FROM faq_articles WHERE {where} ORDER BY id", args
    ):
        digest.update(f"{article_id}:{updated_at};".encode())
    return digest.hexdigest()[:16]


# -- finding ------------------------------------------------------------------------------------


def search_faq(conn: apsw.Connection, text: str, *, limit: int = 20) -> list[Article]:
    """Articles matching every word of ``text``: best match first (bm25, the title weighs more)."""
    query = parse(text)
    folded = [
        ("instr(tk_fold(f.title || ' ' || f.body), ?) > 0", term) for term in query.short_terms
    ]
    extra = "".join(f" AND {cond}" for cond, _ in folded)
    extra_params = [term for _, term in folded]
    if query.match:
        rows = conn.execute(
            "SELECT f.id FROM faq_fts JOIN faq_articles AS f ON f.id = faq_fts.rowid"
            f" WHERE faq_fts MATCH ?{extra} ORDER BY bm25(faq_fts, 5.0, 1.0) LIMIT ?",
            (query.match, *extra_params, limit),
        )
    elif folded:
        rows = conn.execute(
            f"SELECT f.id FROM faq_articles AS f WHERE 1{extra} ORDER BY f.updated_at DESC LIMIT ?",
            (*extra_params, limit),
        )
    else:
        return []
    return articles_by_ids(conn, [row[0] for row in rows])


# A hyphenated word is one word: "Wi-Fi" is the ticket's subject, "Wi" and "Fi" are nothing.
_WORD = re.compile(r"\w+(?:-\w+)*", re.UNICODE)
# Stems shorter than this are mostly grammar ("the", "это", "для") and only add noise.
MIN_STEM = 4
MAX_TERMS = 24


def _terms(text: str) -> list[str]:
    terms: list[str] = []
    for word in _WORD.findall(text):
        if word.isdigit():
            continue
        term = stem(word)
        if len(term) >= MIN_STEM and term not in terms:
            terms.append(term)
        if len(terms) == MAX_TERMS:
            break
    return terms


# An article that is not about the ticket's problem and has none of its words in the title must
# share this many distinctive word roots with it; below that it is noise, and the screen shows
# none rather than noise.
MIN_ROOTS_UNTITLED = 3
# Two stems of one word ("подключа", "подключ") count once: roots are compared by their start.
ROOT_CHARS = 5
# A word found in this share of all tickets ("здравствуйте", "нужно", "сегодня") says nothing
# about the problem; judged only once there are enough tickets to tell.
GENERIC_SHARE = 0.1
GENERIC_MIN_TICKETS = 200


def _quoted(term: str) -> str:
    return '"' + term.replace('"', '""') + '"'


def _distinctive(conn: apsw.Connection, terms: list[str]) -> list[str]:
    total = int(conn.execute("SELECT count(*) FROM tickets").fetchone()[0])  # type: ignore[index]
    if total < GENERIC_MIN_TICKETS:
        return terms
    most = total * GENERIC_SHARE
    kept = []
    for term in terms:
        found = conn.execute(
            "SELECT count(*) FROM (SELECT 1 FROM tickets_fts WHERE tickets_fts MATCH ? LIMIT ?)",
            (_quoted(term), int(most) + 1),
        ).fetchone()
        if found is not None and found[0] <= most:
            kept.append(term)
    return kept


def _service_of(conn: apsw.Connection, category_id: int | None) -> int | None:
    """The top-level service a category belongs to (itself when it is one)."""
    seen = 0
    while category_id is not None and seen < 8:
        row = conn.execute(
            "SELECT parent_id FROM categories WHERE id = ?", (category_id,)
        ).fetchone()
        if row is None:
            return None
        if row[0] is None:
            return category_id
        category_id, seen = int(row[0]), seen + 1
    return None


def faq_for_text(
    conn: apsw.Connection, text: str, *, limit: int = 5, category_id: int | None = None
) -> list[Article]:
    """Articles that may answer a ticket whose description is ``text`` (and whose category is
    ``category_id``, if known), best first; none rather than noise.

    An article is kept when it is about the ticket's very problem (its category) and shares any
    word; when a distinctive word of the ticket is in its title (unless it belongs to another
    service than the ticket's); or when it shares ``MIN_ROOTS_UNTITLED`` distinctive roots.
    The ticket's problem comes first, then its service, then a title match, then more shared
    roots, then bm25 (the title weighs more).
    """
    terms = _terms(text)
    if not terms:
        return []
    strong_terms = set(_distinctive(conn, terms))
    # Each term is a quoted FTS5 string, so no ticket text is ever parsed as query syntax.
    # ``roots``: every shared root (enough for the ticket's own problem); ``strong``: only the
    # distinctive ones (what an article of another problem must share).
    roots: dict[int, set[str]] = {}
    strong: dict[int, set[str]] = {}
    in_title: set[int] = set()
    for term in terms:
        for (rowid,) in conn.execute(
            "SELECT rowid FROM faq_fts WHERE faq_fts MATCH ?", (_quoted(term),)
        ):
            roots.setdefault(int(rowid), set()).add(term[:ROOT_CHARS])
            if term in strong_terms:
                strong.setdefault(int(rowid), set()).add(term[:ROOT_CHARS])
        if term in strong_terms:
            for (rowid,) in conn.execute(
                "SELECT rowid FROM faq_fts WHERE faq_fts MATCH ?", ("title : " + _quoted(term),)
            ):
                in_title.add(int(rowid))
    if not roots:
        return []
    match = " OR ".join(_quoted(t) for t in terms)
    order = {
        int(row[0]): rank
        for rank, row in enumerate(
            conn.execute(
                "SELECT rowid FROM faq_fts WHERE faq_fts MATCH ?"
                " ORDER BY bm25(faq_fts, 5.0, 1.0), rowid",
                (match,),
            )
        )
    }
    service = _service_of(conn, category_id)
    ranked = []
    for article in articles_by_ids(conn, list(roots)):
        shared = len(strong.get(article.id, ()))
        theirs = _service_of(conn, article.category_id) if service is not None else None
        same_problem = category_id is not None and article.category_id == category_id
        same = service is not None and theirs == service
        other = service is not None and theirs is not None and theirs != service
        titled = article.id in in_title
        if same_problem:
            pass  # any shared word: the technician already said what the problem is
        elif (other or not titled) and shared < MIN_ROOTS_UNTITLED:
            continue
        rank = (not same_problem, not same, not titled, -shared, order.get(article.id, len(order)))
        ranked.append((rank, article))
    ranked.sort(key=lambda pair: pair[0])
    return [article for _, article in ranked[:limit]]


def tickets_estimate(conn: apsw.Connection) -> int:
    """About how many tickets there are (the highest id: no scan), for ``generic_term``."""
    row = conn.execute("SELECT max(id) FROM tickets").fetchone()
    return int(row[0] or 0) if row else 0


def generic_term(conn: apsw.Connection, stem: str, total: int) -> bool:
    """Whether ``stem`` is in so many of the ``total`` tickets ("здравствуйте", "сегодня") that
    it says nothing about a problem; never until there are enough tickets to tell."""
    if total < GENERIC_MIN_TICKETS or len(stem) < 3 or " " in stem:
        return False
    most = int(total * GENERIC_SHARE)
    found = conn.execute(
        "SELECT count(*) FROM (SELECT 1 FROM tickets_fts WHERE tickets_fts MATCH ? LIMIT ?)",
        (_quoted(stem), most + 1),
    ).fetchone()
    return found is not None and found[0] > most


def category_parents(conn: apsw.Connection) -> dict[int, int | None]:
    return {
        int(r[0]): (int(r[1]) if r[1] is not None else None)
        for r in conn.execute("SELECT id, parent_id FROM categories")
    }
