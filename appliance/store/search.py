"""Full-text search over tickets and FAQ articles (see appliance/domain/text_search.py)."""

from __future__ import annotations

from dataclasses import dataclass

import apsw

from appliance.domain.text_search import TextQuery, parse


@dataclass(frozen=True)
class FaqHit:
    id: int
    title: str
    snippet: str
    public: bool


def ticket_text_condition(query: TextQuery, alias: str = "t") -> tuple[str, list[object]]:
    """A WHERE fragment restricting tickets (table alias ``alias``) to those matching ``query``,
    for list views that combine text with other filters. Empty query -> ("1", [])."""
    parts: list[str] = []
    params: list[object] = []
    if query.match:
        parts.append(f"{alias}.id IN (SELECT rowid FROM tickets_fts WHERE tickets_fts MATCH ?)")
        params.append(query.match)
    for term in query.short_terms:
        parts.append(f"instr(tk_fold({alias}.description), ?) > 0")
        params.append(term)
    if query.number is not None:
        text = " AND ".join(parts)
        if text:
            return f"({alias}.number = ? OR ({text}))", [query.number, *params]
        return f"{alias}.number = ?", [query.number]
    return (" AND ".join(parts) or "1"), params


def search_faq(conn: apsw.Connection, text: str, *, limit: int = 20) -> list[FaqHit]:
    """FAQ articles matching ``text``: best match first (bm25, the title weighs more)."""
    query = parse(text)
    folded = [
        ("instr(tk_fold(f.title || ' ' || f.body), ?) > 0", term) for term in query.short_terms
    ]
    extra = "".join(f" AND {cond}" for cond, _ in folded)
    extra_params = [term for _, term in folded]
    if query.match:
        rows = conn.execute(
            "SELECT f.id, f.title, substr(f.body, 1, 240), f.public"
            " FROM faq_fts JOIN faq_articles AS f ON f.id = faq_fts.rowid"
            f" WHERE faq_fts MATCH ?{extra} ORDER BY bm25(faq_fts, 5.0, 1.0) LIMIT ?",
            (query.match, *extra_params, limit),
        )
    elif folded:
        rows = conn.execute(
            "SELECT f.id, f.title, substr(f.body, 1, 240), f.public FROM faq_articles AS f"
            f" WHERE 1{extra} ORDER BY f.updated_at DESC LIMIT ?",
            (*extra_params, limit),
        )
    else:
        return []
    return [FaqHit(r[0], r[1], r[2], bool(r[3])) for r in rows]
