"""Full-text search over tickets (see appliance/domain/text_search.py; FAQ articles:
appliance/store/faq.py)."""

from __future__ import annotations

from appliance.domain.text_search import TextQuery


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
