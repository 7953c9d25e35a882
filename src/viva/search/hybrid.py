"""Hybrid retrieval: BM25 and sentence vectors fused, and the answer-or-refuse decision.

Lexical ranking is exact about rare terms ("select_related", "CrashLoopBackOff") and blind to
paraphrase; dense ranking is the reverse. Each entry's fused score is its best cosine plus a
share of its lexical score (which already folds in coverage of the query's weighted terms),
with a small lift for entries of a topic the query names. The decision to answer is
calibrated on the dev set (``bench/bench_understand.py``): answer when the best entry is
close in meaning, or fairly close and also backed by the words; otherwise return near misses
and no answer. Without vectors (the semantic layer not loaded) it is the lexical search.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace

import numpy as np

from viva.search.dense import DenseIndex
from viva.search.index import SearchIndex, terms_of
from viva.search.query import Hit, SearchResult, search
from viva.semantic import Vectors

LEX_WEIGHT = 0.35  # how much the lexical score adds to a cosine
NAMED_LIFT = 0.1  # an entry of a topic the query names ("python threads")
TITLE_LIFT = 0.15  # share of the query's terms found in an entry's question
MISMATCH = 0.1  # ... an entry whose question names a different topic than the query does
TOPIC_LIFT = 0.03  # ... or of a topic a word of the query is close to
SURE = 0.64  # a cosine this high answers on its own
LIKELY = 0.4  # ... this high answers when the words back it
BACKED = 0.35  # lexical score (coverage x strength) that backs a likely match
AGREE_COS = 0.55  # ... this high answers when BM25 ranks the same entry first
# a rare technical term matched in full ("pgbouncer", "istio sidecar") with a clear lead
RARE_COS, RARE_LEX, RARE_MARGIN = 0.25, 0.85, 0.12
POOL = 30


def lexical_is_certain(result: SearchResult) -> bool:
    """A lexical answer so clear that embedding the query would not change it."""
    if result.answer_id is None or not result.hits:
        return False
    if result.named_topics and result.answer_id.split(".", 1)[0] not in result.named_topics:
        return False  # "is python threaded?" must not stop at Django's threading entry
    second = result.hits[1].score if len(result.hits) > 1 else 0.0
    return result.coverage >= 0.9 and result.hits[0].score - second >= 0.4


def hybrid_search(
    index: SearchIndex,
    dense: DenseIndex | None,
    query: str,
    qvecs: Sequence[Vectors],
    *,
    limit: int = 5,
) -> SearchResult:
    """Rank the bank for ``query`` with both retrievers; ``answer_id`` only when one fits.

    ``qvecs`` are the query as said and, when search corrected it, as understood: an
    entry's cosine is the better of the two.
    """
    lexical = search(index, query, limit=POOL)
    if dense is None or not qvecs or not dense.ids:
        return replace(lexical, hits=lexical.hits[:limit])
    cos = np.max([dense.scores(v) for v in qvecs], axis=0)
    lex = np.zeros(len(dense.ids), dtype=np.float32)
    pos = {eid: i for i, eid in enumerate(dense.ids)}
    at = {eid: i for i, eid in enumerate(index.ids)}  # entry id -> its place in the index
    for h in lexical.hits:
        if h.entry_id in pos:
            lex[pos[h.entry_id]] = h.score
    fused = cos + LEX_WEIGHT * lex
    for topics, lift in ((lexical.named_topics, NAMED_LIFT), (lexical.near_topics, TOPIC_LIFT)):
        if topics:
            wanted = set(topics)
            mask = np.array([eid.split(".", 1)[0] in wanted for eid in dense.ids], np.float32)
            fused = fused + lift * mask
    terms = set(terms_of(lexical.understood.split()))
    if terms:
        # the entry whose question is about these very words ("consistent hashing") over one
        # that only lists them among its variants or tags
        for j, eid in enumerate(dense.ids):
            own = index.question_terms.get(at.get(eid, -1), frozenset())
            fused[j] += TITLE_LIFT * len(terms & own) / len(terms)
    if lexical.named_topics:
        # "is Python threaded?" is not "is Django single-threaded?": an entry whose question
        # names a topic the query doesn't, while the query names another, steps back
        named = set(lexical.named_topics)
        for j, eid in enumerate(dense.ids):
            its = index.question_topics.get(at.get(eid, -1))
            if its and not its & named:
                fused[j] -= MISMATCH
    order = np.argsort(-fused, kind="stable")[:limit]
    hits = tuple(Hit(dense.ids[i], round(float(fused[i]), 3)) for i in order)
    best = int(order[0])
    margin = float(fused[best] - fused[order[1]]) if len(order) > 1 else 1.0
    agree = bool(lexical.hits) and lexical.hits[0].entry_id == dense.ids[best]
    sure = fits(float(cos[best]), float(lex[best]), margin)
    # both retrievers put the same entry first: strong evidence even for a long, rambling
    # question whose many words dilute both scores
    answer = dense.ids[best] if sure or (agree and cos[best] >= AGREE_COS) else None
    return replace(lexical, hits=hits, answer_id=answer)


def fits(cos: float, lex: float, margin: float) -> bool:
    """Whether the best entry answers the query (thresholds calibrated on the dev split)."""
    return (
        cos >= SURE
        or (cos >= LIKELY and lex >= BACKED)
        or (cos >= RARE_COS and lex >= RARE_LEX and margin >= RARE_MARGIN)
    )
