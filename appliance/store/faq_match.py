"""FAQ articles that may answer a ticket: matched on any of the ticket's words, best first.

``search.search_faq`` is a search box: it wants every word typed, which suits a technician's few
keywords but almost never matches a whole problem description ("the printer in accounting shows
an orange light and does not print"). Here each distinctive word of the description is a term on
its own (stemmed the same way, see ``appliance.domain.text_search``), any of them may match, and
bm25 puts the articles sharing the rarest words first, with the title weighing more.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

import apsw

from appliance.domain.text_search import stem

_WORD = re.compile(r"\w+", re.UNICODE)
# Stems shorter than this are mostly grammar ("the", "это", "для") and only add noise.
MIN_STEM = 4
MAX_TERMS = 24


@dataclass(frozen=True)
class FaqMatch:
    id: int
    title: str
    body: str


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


def faq_for_text(conn: apsw.Connection, text: str, *, limit: int = 5) -> list[FaqMatch]:
    terms = _terms(text)
    if not terms:
        return []
    # Each term is a quoted FTS5 string, so no ticket text is ever parsed as query syntax.
    match = " OR ".join('"' + t.replace('"', '""') + '"' for t in terms)
    rows = conn.execute(
        "SELECT f.id, f.title, f.body FROM faq_fts JOIN faq_articles AS f ON f.id = faq_fts.rowid"
        " WHERE faq_fts MATCH ? ORDER BY bm25(faq_fts, 5.0, 1.0), f.id LIMIT ?",
        (match, limit),
    )
    return [FaqMatch(*r) for r in rows]
