"""Grading an answer in the learner's own words against an entry's weighted key points.

A key point counts as made when one of its phrases appears as whole words in a clause of
the same polarity ("not hosted" does not make "hosted"), when a clause restates the point
itself, or - with the optional semantic layer - when a sentence means the same and does
not contradict it. Wrong claims (misconceptions, red flags, statements that contradict a
key point) cap the score: an answer that says something false is never ``good``.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from viva.bank.model import Entry, KeyPoint
from viva.grade.check import MISC_AT, _align, _misconception, overlap
from viva.grade.facts import Fact, FactBook, FactKind
from viva.grade.insights import fillers, repeated
from viva.grade.model import AnswerVerdict, Grade, Insights
from viva.grade.semantic import Similar
from viva.grade.words import Clause, Lexicon

POINT_AT = 0.6  # share of a key point's words one clause must restate
GOOD_AT = 70
PARTIAL_AT = 30
WRONG_CAP = 40  # the most an answer with a false claim can score
SHORT_CAP = 30  # the most a handful of words can score
GENERIC = 1.0  # a one-word phrase weighing less than this is too common to count alone
ON_TOPIC_AT = 0.3


def _phrase_hits(lex: Lexicon, clauses: list[Clause], phrase: str) -> bool:
    ph = lex.clause(phrase)
    if not ph.tokens or len(phrase.strip()) < 2:
        return False
    n = len(ph.tokens)
    for c in clauses:
        for i in range(len(c.tokens) - n + 1):
            if c.tokens[i : i + n] == ph.tokens and c.polarity == ph.polarity:
                return True
    return False


def _covered(
    lex: Lexicon, clauses: list[Clause], point: KeyPoint, fact: Fact | None, similar: Similar | None
) -> bool:
    hits = [p for p in point.phrases if _phrase_hits(lex, clauses, p)]
    strong = [p for p in hits if len(lex.clause(p).tokens) > 1 or lex.weight(lex.clause(p).tokens[0]) >= GENERIC]
    if strong or len(hits) >= 2:
        return True
    if fact is not None:
        for c in clauses:
            m = _align(lex, c, fact)
            if not m.contradicts and overlap(lex, fact.tokens, frozenset(c.tokens)) >= POINT_AT:
                return True
            if hits and not m.contradicts and overlap(lex, fact.tokens, frozenset(c.tokens)) >= POINT_AT / 2:
                return True  # a common phrase plus part of the point's own words
    if similar is not None and fact is not None:
        return any(not _align(lex, c, fact).contradicts for c in similar(point.point, clauses))
    return False


def _wrong_claims(lex: Lexicon, clauses: list[Clause], sentences: list[Clause], facts: Sequence[Fact]) -> list[str]:
    found: list[str] = []
    for f in facts:
        if f.kind.negative:
            for s in sentences:
                if _misconception(lex, s, f) >= MISC_AT and not any(
                    _align(lex, c, f).contradicts for c in clauses
                ):
                    found.append(f.correction or f.text)
                    break
        elif f.kind in (FactKind.POINT, FactKind.SHORT, FactKind.CORRECTION):
            for c in clauses:
                m = _align(lex, c, f)
                if m.contradicts and m.score >= POINT_AT:
                    found.append(f.text)
                    break
    return list(dict.fromkeys(found))


def grade_answer(entry: Entry, text: str, book: FactBook, similar: Similar | None = None) -> Grade:
    lex = book.lexicon
    clauses = lex.clauses(text)
    sentences = [lex.clause(s) for s in _sentences(text)]
    facts = book.of(entry.id)
    point_facts = {f.point_id: f for f in facts if f.kind is FactKind.POINT}
    covered: list[KeyPoint] = []
    missed: list[KeyPoint] = []
    for kp in entry.key_points:
        (covered if _covered(lex, clauses, kp, point_facts.get(kp.id), similar) else missed).append(kp)
    wrong = _wrong_claims(lex, clauses, sentences, facts)
    red = [f.text for f in facts if f.kind is FactKind.RED_FLAG and f.correction is not None
           and any(_misconception(lex, s, f) >= MISC_AT for s in sentences)]  # fmt: skip
    raw = sum(k.weight for k in covered)
    score = raw
    content = [t for c in clauses for t in c.tokens]
    if len(set(content)) < 5:
        score = min(score, SHORT_CAP)
    if wrong:
        score = min(score, WRONG_CAP)
    on_topic = overlap(lex, tuple(content), book.vocab.get(entry.id, frozenset())) if content else 0.0
    required_missed = any(k.required for k in missed)
    if wrong:
        verdict = AnswerVerdict.PARTIAL if raw >= GOOD_AT else AnswerVerdict.WRONG
    elif not covered and on_topic < ON_TOPIC_AT:
        verdict, score = AnswerVerdict.OFF_TOPIC, 0
    elif score >= GOOD_AT and not required_missed:
        verdict = AnswerVerdict.GOOD
    elif score >= PARTIAL_AT or covered:
        verdict = AnswerVerdict.PARTIAL
        score = min(score, GOOD_AT - 1)
    else:
        verdict = AnswerVerdict.WRONG
    return Grade(
        entry.id, score, verdict,
        tuple(k.point for k in covered), tuple(k.point for k in missed),
        tuple(wrong), tuple(dict.fromkeys(red)),
        _insights(lex, clauses, entry, covered, missed, text),
    )  # fmt: skip


def _sentences(text: str) -> list[str]:
    return [s for s in re.split(r"(?<=[.!?])\s+|\s(?:and also|also|plus)\s", text) if s.strip()]


def _insights(
    lex: Lexicon, clauses: list[Clause], entry: Entry, covered: list[KeyPoint],
    missed: list[KeyPoint], text: str,
) -> Insights:  # fmt: skip
    terms = list(dict.fromkeys([*entry.compare, *entry.tags]))
    used = [t for t in terms if _phrase_hits(lex, clauses, t)]
    used += [p for k in covered for p in k.phrases if _phrase_hits(lex, clauses, p) and p not in used]
    missing = [t for t in terms if t not in used][:3]
    missing += [k.phrases[0] for k in missed if k.phrases and k.phrases[0] not in missing]
    return Insights(len(text.split()), tuple(used[:8]), tuple(missing[:6]), fillers(text), repeated(text))
