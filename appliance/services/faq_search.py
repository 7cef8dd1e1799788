"""Finding articles with the shared matcher (``sync.faq_match``), inside a caller's transaction.

The matcher's index lives in memory, one per store file, built again when an article is added,
saved or deleted (``faq_feedback.index_stamp``): a search costs the matching only, not reading
2,000 bodies. Filters (public, organisation, category, tag) apply to the ranked ids.
"""

from __future__ import annotations

import threading
from dataclasses import dataclass

import apsw

from appliance.store import faq as faq_store
from appliance.store import faq_feedback
from appliance.store.faq import Article
from sync.faq_match import Doc, Hit, Index, terms

MAX_QUERY = 200
_KEEP = 8  # indexes of this many store files (tests open many)


@dataclass(frozen=True)
class _Cached:
    stamp: tuple[int, int, int, str]
    index: Index
    rows: dict[int, faq_feedback.IndexRow]


_lock = threading.Lock()
_cache: dict[str, _Cached] = {}
# Which words are too common in the tickets to count, per store file; asked again when the
# tickets grew by ``_GENERIC_STEP`` (a word's share moves slowly; asking costs a full-text count).
_GENERIC_STEP = 500
_generic_known: dict[str, tuple[int, dict[str, bool]]] = {}


def _generic(conn: apsw.Connection, stems: list[str]) -> set[str]:
    key = str(conn.filename)
    total = faq_store.tickets_estimate(conn)
    with _lock:
        step, known = _generic_known.get(key, (-1, {}))
        if step != total // _GENERIC_STEP:
            known = {}
            _generic_known[key] = (total // _GENERIC_STEP, known)
            while len(_generic_known) > _KEEP:
                _generic_known.pop(next(iter(_generic_known)))
    found = set()
    for stem in stems:
        if stem not in known:
            known[stem] = faq_store.generic_term(conn, stem, total)
        if known[stem]:
            found.add(stem)
    return found


def _index(conn: apsw.Connection) -> _Cached:
    key = str(conn.filename)
    stamp = faq_feedback.index_stamp(conn)
    with _lock:
        found = _cache.get(key)
        if found is not None and found.stamp == stamp:
            return found
    rows = {row.id: row for row in faq_feedback.index_rows(conn)}
    index = Index(
        Doc(r.id, r.title, r.body, faq_store.split_tags(r.tags), r.category_id)
        for r in rows.values()
    )
    built = _Cached(stamp, index, rows)
    with _lock:
        _cache[key] = built
        while len(_cache) > _KEEP:
            _cache.pop(next(iter(_cache)))
    return built


@dataclass(frozen=True)
class Filters:
    """What the FAQ page narrows to. ``org_id``: articles for every client plus that
    organisation's; ``for_all``: only articles for every client."""

    category_id: int | None = None
    public: bool | None = None
    org_id: int | None = None
    for_all: bool = False
    tag: str = ""


def _allowed(conn: apsw.Connection, cached: _Cached, filters: Filters) -> set[int] | None:
    if filters == Filters():
        return None
    parents = faq_store.category_parents(conn) if filters.category_id is not None else {}
    tag = filters.tag.casefold().strip()
    keep: set[int] = set()
    for row in cached.rows.values():
        if filters.public is not None and bool(row.public) != filters.public:
            continue
        if filters.for_all and row.org_id is not None:
            continue
        if filters.org_id is not None and row.org_id not in (None, filters.org_id):
            continue
        if filters.category_id is not None and filters.category_id not in (
            row.category_id,
            parents.get(row.category_id) if row.category_id is not None else None,
        ):
            continue
        if tag and tag not in {t.casefold() for t in faq_store.split_tags(row.tags)}:
            continue
        keep.add(row.id)
    return keep


def search(
    conn: apsw.Connection, text: str, *, filters: Filters = Filters(), limit: int = 50
) -> list[tuple[Article, Hit]]:
    """Articles matching ``text``, best first (title hits, then score)."""
    cached = _index(conn)
    hits = cached.index.search(
        text[:MAX_QUERY], limit=limit, allowed=_allowed(conn, cached, filters)
    )
    articles = faq_store.articles_by_ids(conn, [h.id for h in hits])
    by_id = {h.id: h for h in hits}
    return [(a, by_id[a.id]) for a in articles]


def most_helpful(
    conn: apsw.Connection, *, filters: Filters = Filters(), limit: int = 50
) -> list[Article]:
    """Without a query: the articles that helped most (tickets + employees), then the most
    read, then the newest."""
    cached = _index(conn)
    allowed = _allowed(conn, cached, filters)
    counts = faq_feedback.counters(conn)
    ids = [i for i in cached.rows if allowed is None or i in allowed]
    articles = faq_store.articles_by_ids(conn, ids)
    articles.sort(key=lambda a: (a.updated_at, a.id), reverse=True)  # newest first among equals
    articles.sort(key=lambda a: (-counts.get(a.id, (0, 0))[0], -a.view_count))
    return articles[:limit]


def suggest(
    conn: apsw.Connection,
    text: str,
    *,
    category_id: int | None,
    org_id: int | None,
    limit: int = 5,
) -> list[Article]:
    """Articles that may answer a ticket described by ``text`` (its category and its
    organisation's articles count), none rather than noise."""
    cached = _index(conn)
    ignore = _generic(conn, list(dict.fromkeys(terms(text))))
    allowed = {i for i, r in cached.rows.items() if r.org_id in (None, org_id)}
    hits = cached.index.suggest(
        text, limit=limit, category_id=category_id, ignore=ignore, allowed=allowed
    )
    return faq_store.articles_by_ids(conn, [h.id for h in hits])
