"""Turning what a technician types into a full-text query (pure; no I/O).

The FTS5 tables use the trigram tokenizer, which matches any substring of three or more
characters, case-insensitively (Cyrillic included). On top of that each word is cut to its stem
(Snowball, Russian for Cyrillic words, English otherwise), so "принтеры" finds "принтер не
печатает" and "печать" finds "печатает". Words shorter than three characters after stemming
(such as "1С" or "ПК") cannot use the trigram index; they are matched as case-folded substrings
on the rows the index has already narrowed down.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import cache

import snowballstemmer

_WORD = re.compile(r"\w+", re.UNICODE)
_CYRILLIC = re.compile(r"[\u0400-\u04ff]")
_NUMBER = re.compile(r"^\s*(?:№|#|n|no\.?)?\s*(\d{1,9})\s*$", re.IGNORECASE)
MIN_TRIGRAM = 3
MAX_TERMS = 12


@cache
def _stemmer(language: str) -> snowballstemmer.stemmer:
    return snowballstemmer.stemmer(language)


def stem(word: str) -> str:
    word = word.casefold()
    language = "russian" if _CYRILLIC.search(word) else "english"
    stemmed: str = _stemmer(language).stemWord(word)
    # A stem shorter than the trigram window would lose the index; keep the word then.
    return stemmed if len(stemmed) >= MIN_TRIGRAM else word


@dataclass(frozen=True)
class TextQuery:
    """``match`` is an FTS5 MATCH expression or None; ``short_terms`` must each appear as a
    case-folded substring; ``number`` is set when the text is a ticket number like "№ 123"."""

    match: str | None
    short_terms: tuple[str, ...] = field(default_factory=tuple)
    number: int | None = None

    @property
    def empty(self) -> bool:
        return self.match is None and not self.short_terms and self.number is None


def _phrase(term: str) -> str:
    # Every term is a quoted FTS5 string, so no user text is ever parsed as query syntax.
    return '"' + term.replace('"', '""') + '"'


def parse(text: str) -> TextQuery:
    number_match = _NUMBER.match(text)
    number = int(number_match.group(1)) if number_match else None
    long_terms: list[str] = []
    short_terms: list[str] = []
    for word in _WORD.findall(text)[:MAX_TERMS]:
        term = stem(word)
        bucket = long_terms if len(term) >= MIN_TRIGRAM else short_terms
        if term not in bucket:
            bucket.append(term)
    match = " AND ".join(_phrase(t) for t in long_terms) or None
    if number is not None and not match:
        # Digits alone: a number lookup, not also a substring search over descriptions.
        return TextQuery(match=None, short_terms=(), number=number)
    return TextQuery(match=match, short_terms=tuple(short_terms), number=number)
