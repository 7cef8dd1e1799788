"""Finding FAQ articles for what someone typed: pure and shared, so the appliance (the FAQ page,
the ticket screen, ``tiketnitsa faq search``) and LiveViewer (on the PC, offline) rank alike.

How a query meets an article:
- words are case-folded (``ё`` as ``е``), cut to their stem (Snowball: Russian for Cyrillic words,
  English otherwise) and common grammar words dropped, so "не печатает принтер" and "принтер не
  печатает" are the same query and "принтеры" finds "принтер";
- a few colloquial words people type stand for the word articles use ("комп", "инет", "вайфай");
- a query stem matches an article's stem exactly, as a prefix or substring ("принт" → "принтер"),
  or with a typo (trigram likeness, or one edit for short stems), each weaker than the last;
- each matched stem scores by its rarity (idf) and where it is: the title and tags weigh most;
- articles with a query word in their title come first; then by score.

``suggest`` is for a whole problem description (a ticket, what an employee is typing): it keeps
only articles with enough evidence — a title word, or several body words — so that unrelated
text finds nothing rather than noise.
"""

from __future__ import annotations

import heapq
import math
import re
from collections import Counter
from collections.abc import Collection, Iterable
from dataclasses import dataclass, field
from functools import lru_cache

import snowballstemmer

_WORD = re.compile(r"[^\W_]+(?:[-'][^\W_]+)*", re.UNICODE)
_CYRILLIC = re.compile(r"[\u0400-\u04ff]")
# Markdown a reader does not see: image and link targets.
_MD_TARGET = re.compile(r"\]\([^)]*\)")
_MD_IMAGE = re.compile(r"!\[[^\]]*\]\([^)]*\)")

_STOP_LINES = (
    "и в во не на с со что как а но или у к ко по из за от до о об для при же ли бы то это",
    "этот эта эти мой моя мое мои меня мне мы вы он она они оно его ее их нас вас я ты там тут",
    "так уже еще очень есть был была было были будет быть надо нужно можно пожалуйста",
    "здравствуйте добрый день спасибо привет почему когда где какой какая какие все весь",
    "опять снова сегодня вчера просто вообще ничего что-то",
    "the a an is are was were be been to of in on at for with and or my me i we you it",
    "this that there do does did how what why when where please hello hi thanks help from by as",
)
STOP_WORDS = frozenset(word for line in _STOP_LINES for word in line.split())
NEGATIONS = frozenset({"не", "нет", "not", "no", "doesn't", "don't", "won't", "cannot", "can't"})

# Colloquial words (as typed) and the word articles use for the same thing.
COLLOQUIAL: dict[str, str] = {
    "комп": "компьютер",
    "компа": "компьютер",
    "компе": "компьютер",
    "пк": "компьютер",
    "ноут": "ноутбук",
    "ноута": "ноутбук",
    "ноуте": "ноутбук",
    "инет": "интернет",
    "инета": "интернет",
    "инете": "интернет",
    "интернета": "интернет",
    "вайфай": "wifi",
    "вайфая": "wifi",
    "вайфаю": "wifi",
    "вифи": "wifi",
    "wi-fi": "wifi",
    "принтак": "принтер",
    "принтака": "принтер",
    "мфу": "принтер",
    "аутлук": "outlook",
    "аутлуке": "outlook",
    "ватсап": "whatsapp",
    "впн": "vpn",
    "мыло": "почта",
    "емейл": "почта",
    "имейл": "почта",
    "email": "почта",
    "e-mail": "почта",
    "мейл": "почта",
    "1с": "1c",
    "1с-ка": "1c",
    "эксель": "excel",
    "экселе": "excel",
    "ворд": "word",
    "ворде": "word",
    "винда": "windows",
    "винду": "windows",
    "винды": "windows",
    "флешка": "usb",
    "флешку": "usb",
    "флэшка": "usb",
    "тормозит": "медленно",
    "тупит": "медленно",
    "глючит": "ошибка",
    "зум": "zoom",
    "зуме": "zoom",
    "зума": "zoom",
    "учетка": "учетная",
    "учетку": "учетная",
    "учетки": "учетная",
    "мышка": "мышь",
    "мышку": "мышь",
    "клава": "клавиатура",
    "клаву": "клавиатура",
}

# Where a word is found, and what that is worth.
TITLE_WEIGHT = 3.0
TAG_WEIGHT = 2.0
BODY_WEIGHT = 1.0
# How sure a looser match is.
PREFIX_SURE = 0.8
SUBSTRING_SURE = 0.6
TYPO_SURE = 0.55
MIN_PARTIAL = 3  # a stem this long may match as a prefix or substring
MIN_TYPO = 4  # shorter stems are not guessed at
TRIGRAM_LIKE = 0.5
MAX_QUERY_TERMS = 32
# ``suggest``: a query word in the title is evidence 1, in the body or tags 0.5, the article's
# category being the ticket's 0.5; less than SUGGEST_EVIDENCE is noise.
SUGGEST_EVIDENCE = 1.0


@lru_cache(maxsize=4)
def _stemmer(language: str) -> snowballstemmer.stemmer:
    return snowballstemmer.stemmer(language)


@lru_cache(maxsize=65536)
def stem(word: str) -> str:
    """The stem of one word (case-folded, ``ё`` as ``е``); colloquial words become the usual one."""
    word = word.casefold().replace("ё", "е")
    word = COLLOQUIAL.get(word, word)
    language = "russian" if _CYRILLIC.search(word) else "english"
    stemmed: str = _stemmer(language).stemWord(word)
    return stemmed if len(stemmed) >= 2 else word


def words(text: str) -> list[str]:
    return _WORD.findall(text)


def terms(text: str) -> list[str]:
    """The stems of ``text``'s meaningful words, in order, repeats kept."""
    found: list[str] = []
    negated = False
    for word in words(text):
        folded = word.casefold().replace("ё", "е")
        if folded in NEGATIONS:
            negated = True
            continue
        if folded in STOP_WORDS or folded.isdigit():
            continue
        found.append(stem(folded))
        if negated:  # "не включается" is not "долго включается": the pair is a term too
            found.append("не " + stem(folded))
            negated = False
        if "-" in folded:  # "wi-fi" is also "wifi"
            found.append(stem(folded.replace("-", "")))
    return found


def plain(markdown: str) -> str:
    """What a reader of the Markdown sees as words (no image or link addresses)."""
    return _MD_TARGET.sub("]", _MD_IMAGE.sub(" ", markdown))


def _trigrams(term: str) -> set[str]:
    padded = f" {term} "
    return {padded[i : i + 3] for i in range(len(padded) - 2)}


def _one_edit(a: str, b: str) -> bool:
    """Whether ``a`` becomes ``b`` by one insertion, deletion, substitution or swap."""
    if a == b:
        return False
    la, lb = len(a), len(b)
    if abs(la - lb) > 1:
        return False
    if la == lb:
        diff = [i for i in range(la) if a[i] != b[i]]
        if len(diff) == 1:
            return True
        return (
            len(diff) == 2
            and diff[1] == diff[0] + 1
            and a[diff[0]] == b[diff[1]]
            and a[diff[1]] == b[diff[0]]
        )
    short, long_ = (a, b) if la < lb else (b, a)
    i = 0
    while i < len(short) and short[i] == long_[i]:
        i += 1
    return short[i:] == long_[i + 1 :]


@dataclass(frozen=True)
class Doc:
    """One article as the matcher sees it."""

    id: int
    title: str
    body: str
    tags: tuple[str, ...] = ()
    category_id: int | None = None


@dataclass(frozen=True)
class Hit:
    id: int
    score: float
    title_hit: bool
    evidence: float  # see ``suggest``


@dataclass
class _Entry:
    title: Counter[str] = field(default_factory=Counter)
    tags: Counter[str] = field(default_factory=Counter)
    body: Counter[str] = field(default_factory=Counter)
    length: int = 0


class Index:
    """An in-memory index of some articles; build once, ask many times (it is read-only)."""

    def __init__(self, docs: Iterable[Doc]) -> None:
        self._docs: dict[int, Doc] = {}
        self._entries: dict[int, _Entry] = {}
        self._postings: dict[str, list[int]] = {}
        self._grams: dict[str, set[str]] = {}
        for doc in docs:
            entry = _Entry(
                title=Counter(terms(doc.title)),
                tags=Counter(t for tag in doc.tags for t in terms(tag)),
                body=Counter(terms(plain(doc.body))),
            )
            entry.length = sum(entry.body.values())
            self._docs[doc.id] = doc
            self._entries[doc.id] = entry
            for term in set(entry.title) | set(entry.tags) | set(entry.body):
                self._postings.setdefault(term, []).append(doc.id)
        for term in self._postings:
            for gram in _trigrams(term):
                self._grams.setdefault(gram, set()).add(term)
        count = max(len(self._docs), 1)
        self._idf = {
            term: math.log(1 + (count - len(ids) + 0.5) / (len(ids) + 0.5))
            for term, ids in self._postings.items()
        }
        self._avg_length = sum(e.length for e in self._entries.values()) / count or 1.0
        # What each (stem, article) pair is worth, computed once: a query only multiplies.
        self._weighted: dict[str, list[tuple[int, float, bool]]] = {
            term: [self._weight(term, doc_id) for doc_id in ids]
            for term, ids in self._postings.items()
        }

    def _weight(self, term: str, doc_id: int) -> tuple[int, float, bool]:
        entry = self._entries[doc_id]
        in_title = entry.title[term] > 0
        tf = entry.body[term]
        norm = tf * 2.2 / (tf + 1.2 * (0.25 + 0.75 * entry.length / self._avg_length))
        weight = BODY_WEIGHT * norm
        if in_title:
            weight += TITLE_WEIGHT
        if entry.tags[term]:
            weight += TAG_WEIGHT
        return doc_id, self._idf[term] * weight, in_title

    def __len__(self) -> int:
        return len(self._docs)

    def _variants(self, query_term: str) -> dict[str, float]:
        """The index's stems ``query_term`` may stand for, each with how sure that is."""
        found: dict[str, float] = {}
        if query_term in self._postings:
            found[query_term] = 1.0
        if len(query_term) < MIN_PARTIAL:
            return found
        grams = _trigrams(query_term)
        shared: Counter[str] = Counter()
        for gram in grams:
            for term in self._grams.get(gram, ()):
                shared[term] += 1
        for term, common in shared.items():
            if term in found:
                continue
            if term.startswith(query_term) or (
                len(term) >= MIN_PARTIAL + 1 and query_term.startswith(term)
            ):
                found[term] = PREFIX_SURE
            elif query_term in term:
                found[term] = SUBSTRING_SURE
            elif len(query_term) >= MIN_TYPO:
                likeness = 2 * common / (len(grams) + len(_trigrams(term)))
                if likeness >= TRIGRAM_LIKE or _one_edit(query_term, term):
                    found[term] = TYPO_SURE * max(
                        likeness, 0.8 if _one_edit(query_term, term) else 0
                    )
        return found

    def _score(
        self, text: str, ignore: Collection[str] = ()
    ) -> dict[int, tuple[float, bool, float]]:
        query = list(dict.fromkeys(t for t in terms(text) if t not in ignore))[:MAX_QUERY_TERMS]
        results: dict[int, tuple[float, bool, float]] = {}
        for query_term in query:
            best: dict[int, tuple[float, bool, float]] = {}
            for term, sure in self._variants(query_term).items():
                titled_sure = sure >= PREFIX_SURE
                for doc_id, weight, in_title in self._weighted[term]:
                    score = sure * weight
                    old = best.get(doc_id)
                    if old is None or score > old[0]:
                        evidence = sure if in_title else sure * 0.5
                        best[doc_id] = (score, in_title and titled_sure, evidence)
            for doc_id, (score, titled, evidence) in best.items():
                prior = results.get(doc_id, (0.0, False, 0.0))
                results[doc_id] = (prior[0] + score, prior[1] or titled, prior[2] + evidence)
        return results

    def search(
        self, text: str, *, limit: int = 20, allowed: Collection[int] | None = None
    ) -> list[Hit]:
        """The articles matching ``text`` best first: those with a query word in the title, then
        the others; within each, by score. ``allowed``: only these ids."""
        scored = self._score(text)
        ranked = heapq.nsmallest(
            limit,
            (
                (not titled, -score, doc_id, evidence)
                for doc_id, (score, titled, evidence) in scored.items()
                if allowed is None or doc_id in allowed
            ),
        )
        return [Hit(doc_id, -neg, not untitled, ev) for untitled, neg, doc_id, ev in ranked]

    def suggest(
        self,
        text: str,
        *,
        limit: int = 5,
        category_id: int | None = None,
        ignore: Collection[str] = (),
        allowed: Collection[int] | None = None,
        threshold: float = SUGGEST_EVIDENCE,
    ) -> list[Hit]:
        """Articles that may answer a problem described by ``text``, best first, only those
        with evidence of at least ``threshold``; none rather than noise. ``ignore``: stems
        too common to say anything (the appliance knows them from its tickets)."""
        hits = []
        for doc_id, (score, titled, evidence) in self._score(text, ignore).items():
            if allowed is not None and doc_id not in allowed:
                continue
            if category_id is not None and self._docs[doc_id].category_id == category_id:
                evidence += 0.5
                score *= 1.5
            if evidence >= threshold:
                hits.append(Hit(doc_id, score, titled, evidence))
        hits.sort(key=lambda h: (-h.score, h.id))
        return hits[:limit]
