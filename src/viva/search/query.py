"""A free question to ranked entries, and the decision whether the best one answers it.

The ranking is BM25 over the index's weighted fields. Tokens the bank has never seen are
corrected onto technical terms only (fuzzy spelling, then sound-alike keys), so "cooper
netties" becomes Kubernetes while "bread" never becomes "break". "Difference between X and
Y" lifts compare entries that name both. An answer is given only when the best entry covers
most of what the question is about; otherwise the caller gets near misses and topics.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from rapidfuzz import fuzz, process

from viva.search.index import K1, B, SearchIndex, squash_key, terms_of
from viva.text import STOPWORDS, stem

ANSWER_COVERAGE = 0.6
COMPARE_BOOST = 0.6
TOPIC_BOOST = 1.15

_COMPARE = [
    re.compile(
        r"(?:difference|differences|different|diff) (?:between|among|of) (.+?) (?:and|vs|versus|with|or) (.+)"
    ),
    re.compile(r"compare (.+?) (?:and|with|to|vs|versus) (.+)"),
    re.compile(r"(.+?) (?:vs|versus|compared to|compared with) (.+)"),
    re.compile(r"(?:is|are) (.+?) (?:different from|the same as|same as) (.+)"),
]


@dataclass(frozen=True, slots=True)
class Hit:
    entry_id: str
    score: float  # 0..1: share of the question covered, scaled by rank strength


@dataclass(frozen=True, slots=True)
class SearchResult:
    query: str
    understood: str
    hits: tuple[Hit, ...]
    answer_id: str | None
    coverage: float
    compare: tuple[str, str] | None
    near_topics: tuple[str, ...]
    corrections: tuple[tuple[str, str], ...]
    named_topics: tuple[str, ...] = ()  # topics the query names outright


def _correct(tokens: list[str], index: SearchIndex) -> tuple[list[str], list[tuple[str, str]]]:
    """Replace unknown tokens by the technical term they most likely are."""
    out: list[str] = []
    fixes: list[tuple[str, str]] = []

    def unknown(tok: str) -> bool:
        return tok not in STOPWORDS and stem(tok) not in index.idf and tok.isalpha()

    i = 0
    while i < len(tokens):
        tok = tokens[i]
        if not unknown(tok):
            out.append(tok)
            i += 1
            continue
        # two unknown words that sound like one term ("cooper netties"), not two real words
        pair_common = (
            tok in index.common and tokens[i + 1 : i + 2] and tokens[i + 1] in index.common
        )
        if i + 1 < len(tokens) and unknown(tokens[i + 1]) and not pair_common:
            pair = f"{tok} {tokens[i + 1]}"
            term = _sound_alike(pair, index)
            if term:
                out.extend(term.split())
                fixes.append((pair, term))
                i += 2
                continue
        fixable = len(tok) >= 4 and tok not in index.common
        term = (_spelling(tok, index) or _sound_alike(tok, index)) if fixable else None
        if term and term != tok:
            out.extend(term.split())
            fixes.append((tok, term))
        else:
            out.append(tok)
        i += 1
    return out, fixes


def _spelling(tok: str, index: SearchIndex) -> str | None:
    found = process.extractOne(tok, index.tech_terms, scorer=fuzz.ratio, score_cutoff=85)
    return str(found[0]) if found else None


def _sound_alike(text: str, index: SearchIndex) -> str | None:
    """A term with the same sound key; two-word mishearings may be one sound off."""
    key = squash_key(text)
    if len(key) < 4:
        return None
    if key in index.tech_keys:
        return index.tech_keys[key]
    if " " not in text or len(key) < 5:
        return None
    found = process.extractOne(key, index.tech_keys.keys(), scorer=fuzz.ratio, score_cutoff=80)
    return index.tech_keys[str(found[0])] if found else None


def _compare_parts(tokens: list[str]) -> tuple[str, str] | None:
    text = " ".join(tokens)
    for pattern in _COMPARE:
        m = pattern.search(text)
        if m:
            left, right = m.group(1).strip(), m.group(2).strip()
            if terms_of(left.split()) and terms_of(right.split()):
                return left, right
    return None


def _bm25(terms: list[str], index: SearchIndex) -> tuple[dict[int, float], dict[int, list[str]]]:
    """BM25 scores per document, and which query terms each document contains."""
    scores: dict[int, float] = {}
    matched: dict[int, list[str]] = {}
    for term in terms:
        idf = index.idf.get(term)
        if idf is None:
            continue
        for doc, tf in index.postings[term]:
            norm = tf + K1 * (1 - B + B * index.doc_len[doc] / index.avgdl)
            scores[doc] = scores.get(doc, 0.0) + idf * tf * (K1 + 1) / norm
            matched.setdefault(doc, []).append(term)
    return scores, matched


def search(index: SearchIndex, query: str, *, limit: int = 5) -> SearchResult:
    """Rank the bank for ``query``; ``answer_id`` is set only when the best entry fits."""
    tokens, fixes = _correct(index.tokens(query), index)
    understood = " ".join(tokens)
    terms = list(dict.fromkeys(terms_of(tokens)))
    if not terms or not index.ids:
        return SearchResult(query, understood, (), None, 0.0, None, (), tuple(fixes))
    scores, matched = _bm25(terms, index)
    known = [index.idf[t] for t in terms if t in index.idf]
    # unknown words weigh like an ordinary known word: they count against coverage
    weight = {t: index.idf.get(t, index.median_idf) for t in terms}
    total = sum(weight.values())
    mentioned = [tid for tid, words in index.topic_terms.items() if words & set(terms)]

    compare = _compare_parts(tokens)
    top = max(scores.values(), default=0.0)
    if compare and top > 0:
        left, right = (set(terms_of(p.split())) for p in compare)
        for doc, sets in index.compare_terms.items():
            hit_left = any(left & s for s in sets)
            hit_right = any(right & s for s in sets)
            if hit_left and hit_right:
                scores[doc] = scores.get(doc, 0.0) + COMPARE_BOOST * top
    if mentioned:
        for doc in list(scores):
            topic = index.ids[doc].split(".", 1)[0]
            if topic in mentioned:
                scores[doc] *= TOPIC_BOOST

    ranked = sorted(scores.items(), key=lambda kv: (-kv[1], index.ids[kv[0]]))[:limit]
    hits: list[Hit] = []
    best = ranked[0][1] if ranked else 0.0
    top_coverage = 0.0
    for rank, (doc, score) in enumerate(ranked):
        present = sum(weight[t] for t in matched.get(doc, ()))
        coverage = present / total if total else 0.0
        if rank == 0:
            top_coverage = coverage
        hits.append(Hit(index.ids[doc], round(coverage * score / best, 3) if best else 0.0))
    answer = hits[0].entry_id if hits and known and top_coverage >= ANSWER_COVERAGE else None
    near = _near_topics(tokens, index, mentioned)
    return SearchResult(
        query,
        understood,
        tuple(hits),
        answer,
        round(top_coverage, 3),
        compare,
        tuple(near),
        tuple(fixes),
        tuple(mentioned),
    )


def _near_topics(tokens: list[str], index: SearchIndex, mentioned: list[str]) -> list[str]:
    near = list(mentioned)
    for tid, words in index.topic_terms.items():
        if tid in near:
            continue
        for tok in tokens:
            if tok in STOPWORDS or len(tok) < 5:
                continue
            if any(fuzz.ratio(tok, w) >= 82 for w in words if len(w) >= 5):
                near.append(tid)
                break
    return near
