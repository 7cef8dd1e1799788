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
from appliance.domain.errors import InvalidInput, NotFound
from appliance.domain.text_search import parse, stem
from appliance.store.categories import LABEL_SQL
from appliance.store.edits import required_text, update_columns
from appliance.store.rows import fetch_all

EDITABLE = ("title", "body", "category_id", "public")


@dataclass(frozen=True)
class Article:
    id: int
    title: str
    body: str
    category_id: int | None
    category: str | None  # "Service › Problem", the service's name, or None
    public: bool  # shown to the clients' employees
    created_by: int | None
    created_at: datetime
    updated_at: datetime

    @classmethod
    def from_row(cls, **row: Any) -> Article:
        return cls(
            **{
                **row,
                "public": bool(row["public"]),
                "created_at": from_db(row["created_at"]),
                "updated_at": from_db(row["updated_at"]),
            }
        )


_SELECT = (
    "SELECT f.id AS id, f.title AS title, f.body AS body, f.category_id AS category_id,"
    f" CASE WHEN c.id IS NULL THEN NULL ELSE {LABEL_SQL} END AS category,"
    " f.public AS public, f.created_by AS created_by, f.created_at AS created_at,"
    " f.updated_at AS updated_at FROM faq_articles AS f"
    " LEFT JOIN categories AS c ON c.id = f.category_id"
    " LEFT JOIN categories AS parent ON parent.id = c.parent_id"
)


def _check_category(conn: apsw.Connection, category_id: int | None) -> None:
    if (
        category_id is not None
        and not conn.execute("SELECT 1 FROM categories WHERE id = ?", (category_id,)).fetchone()
    ):
        raise InvalidInput("clients.error.category_unknown")


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
) -> int:
    title = required_text(title, "clients.error.faq_title_empty")
    body = required_text(body, "clients.error.faq_body_empty")
    _check_category(conn, category_id)
    created = created_at or utc_now()
    conn.execute(
        "INSERT INTO faq_articles(title, body, category_id, public, created_by, created_at,"
        " updated_at) VALUES (?, ?, ?, ?, ?, ?, ?)",
        (
            title,
            body,
            category_id,
            int(public),
            created_by,
            to_db(created),
            to_db(updated_at or created),
        ),
    )
    return conn.last_insert_rowid()


def update_article(conn: apsw.Connection, article_id: int, **changes: Any) -> None:
    """Change some of ``EDITABLE``; ``updated_at`` becomes now (devices see a new version)."""
    if "title" in changes:
        changes["title"] = required_text(changes["title"], "clients.error.faq_title_empty")
    if "body" in changes:
        changes["body"] = required_text(changes["body"], "clients.error.faq_body_empty")
    if "category_id" in changes:
        _check_category(conn, changes["category_id"])
    if "public" in changes:
        changes["public"] = int(bool(changes["public"]))
    update_columns(
        conn,
        "faq_articles",
        article_id,
        changes,
        editable=EDITABLE,
        missing_key="clients.error.faq_missing",
    )
    if changes:
        conn.execute(
            "UPDATE faq_articles SET updated_at = ? WHERE id = ?", (to_db(utc_now()), article_id)
        )


def delete_article(conn: apsw.Connection, article_id: int) -> None:
    if get_article(conn, article_id) is None:
        raise NotFound("clients.error.faq_missing")
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


def public_articles(conn: apsw.Connection) -> list[Article]:
    """The articles shown to the clients' employees, by title."""
    return fetch_all(conn, Article.from_row, f"{_SELECT} WHERE f.public = 1 ORDER BY f.title")


def faq_version(conn: apsw.Connection) -> str:
    """Names the current set of public articles: changes when one is added, edited, hidden or
    deleted. Cheap (ids and times only), so every feed request can ask."""
    digest = hashlib.sha256()
    for article_id, updated_at in conn.execute(
        "SELECT id, updated_at FROM faq_articles WHERE public = 1 ORDER BY id"
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
