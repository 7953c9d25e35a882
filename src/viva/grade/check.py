"""Checking a learner's statement: agree, partly, disagree or unsure - never a guess.

The statement is split into clauses; each clause is set against the facts of the entries
the search finds for it. Agreement needs every clause backed by one fact with the same
polarity and no absolute word the bank doesn't use; a clause that matches a misconception
or red flag, or that says the opposite of a fact (a negation, an antonym, reversed roles),
is named as the wrong part with the correction. Anything the bank does not cover is
``unsure``, with the nearest entries.
"""

from __future__ import annotations

from dataclasses import dataclass

from viva.bank.model import Bank
from viva.grade.facts import Fact, FactBook, FactKind
from viva.grade.model import Check, Verdict
from viva.grade.words import Clause, Lexicon, strip_wrappers
from viva.search.index import SearchIndex
from viva.search.query import search

AGREE_AT = 0.8  # share of a clause's weight one fact must back for "agree"
PART_AT = 0.55  # ... for "partly"
CONTRA_AT = 0.6  # a fact this close but with the opposite sign contradicts the clause
MISC_AT = 0.62  # a misconception or red flag this close is what the learner said
CANDIDATES = 4
KEY_WORD = 0.8  # idf above which a word the fact lacks blocks "agree"
CONFLICT_AT = 0.25  # share of the shared words' weight said the other way round
# when two facts back a clause equally, quote the most central one
PRIORITY = {FactKind.POINT: 5, FactKind.SHORT: 4, FactKind.CORRECTION: 3, FactKind.SIMPLE: 2,
            FactKind.ANSWER: 1, FactKind.MISCONCEPTION: 0, FactKind.RED_FLAG: 0}  # fmt: skip


@dataclass(frozen=True, slots=True)
class Match:
    fact: Fact
    score: float  # share of the clause's weight found in the fact
    contradicts: bool
    reason: str = ""


def overlap(lex: Lexicon, tokens: tuple[str, ...] | frozenset[str], other: frozenset[str]) -> float:
    """Weighted share of ``tokens`` present in ``other``."""
    total = sum(lex.weight(t) for t in set(tokens))
    if total == 0:
        return 0.0
    return sum(lex.weight(t) for t in set(tokens) if t in other) / total


def conflicts(clause: Clause, fc: Clause) -> list[str]:
    """Shared words one side says positively and the other negatively.

    Where both clauses hold a negation, its reach is too uncertain to compare word by word
    ("has no built-in CSRF protection" / "has no CSRF protection built in"), so only
    antonyms count; where one side alone is negated, the words in its reach do.
    """
    if clause.elliptic or fc.elliptic:
        return []
    neg = clause.negated != fc.negated
    return [t for t in dict.fromkeys(clause.tokens)
            if t in fc.tokens and clause.sign(t, neg) != fc.sign(t, neg)]  # fmt: skip


def _closest(lex: Lexicon, clause: Clause, fact: Fact) -> Clause | None:
    """The fact's clause that shares most with ``clause`` (the same subject counts extra)."""
    best: tuple[float, Clause] | None = None
    for fc in fact.clauses:
        s = overlap(lex, clause.tokens, frozenset(fc.tokens))
        s += 0.2 if clause.subject is not None and clause.subject == fc.subject else 0.0
        if best is None or s > best[0]:
            best = (s, fc)
    return best[1] if best else None


def align(lex: Lexicon, clause: Clause, fact: Fact) -> Match:
    """How well one fact backs a clause, and whether it says the opposite."""
    score = overlap(lex, clause.tokens, fact.tokens)
    fc = _closest(lex, clause, fact)
    if fc is None:
        return Match(fact, score, False)
    predicate = tuple(t for t in clause.tokens if t != clause.subject)
    fc_pred = tuple(t for t in fc.tokens if t != fc.subject)
    s = overlap(lex, clause.tokens, frozenset(fc.tokens))
    pred_cover = overlap(lex, predicate, frozenset(fc.tokens)) if predicate else s
    if clause.subject and clause.subject == fc.subject and fc_pred:
        # the learner may say more about the same subject: "tuples can't be changed once
        # created" still denies "tuples are mutable"
        s = max(s, overlap(lex, fc.tokens, frozenset(clause.tokens)))
        pred_cover = max(pred_cover, overlap(lex, fc_pred, frozenset(clause.tokens)))
    shared = set(clause.tokens) & set(fc.tokens)
    # one shared word is too little to call a contradiction ("even with the GIL")
    if len(shared) < 2:
        return Match(fact, score, False)
    against = conflicts(clause, fc)
    weight_against = sum(lex.weight(t) for t in against)
    # a negation alone needs two shared words besides the subject to be about the same
    # thing ("the GIL lets one thread run" vs "the GIL does not make code thread-safe");
    # an antonym ("mutable" / "immutable") is enough on its own
    antonym = any(clause.sign(t, False) != fc.sign(t, False) for t in against)
    need = min(2, len(set(predicate)), len(set(fc_pred)))
    if not antonym and len(shared - {clause.subject, fc.subject}) < need:
        against = []
    if (
        against and s >= CONTRA_AT and pred_cover >= CONTRA_AT
        and weight_against >= CONFLICT_AT * sum(lex.weight(t) for t in shared - {clause.subject})
    ):  # fmt: skip
        return Match(fact, score, True, "opposite")
    if (
        clause.subject and fc.subject and clause.subject != fc.subject
        and clause.subject in fact.tokens and pred_cover >= 0.8
        and any(o.subject == clause.subject and conflicts(clause, o)
                and overlap(lex, predicate, frozenset(o.tokens)) >= 0.8 for o in fact.clauses)
    ):  # fmt: skip
        return Match(fact, score, True, "reversed")
    return Match(fact, score, False)


def signs_agree(lex: Lexicon, clause: Clause, fact: Fact) -> bool:
    """No shared word of the closest fact clause is said the other way round."""
    fc = _closest(lex, clause, fact)
    return fc is None or not conflicts(clause, fc)


def _misconception(lex: Lexicon, whole: Clause, fact: Fact) -> float:
    """How closely the statement says a misconception: both ways round, the weaker side."""
    said = overlap(lex, whole.tokens, fact.tokens)
    claimed = overlap(lex, tuple(fact.tokens), frozenset(whole.tokens))
    return min(said, (said + claimed) / 2)


def _negates(lex: Lexicon, clauses: list[Clause], fact: Fact) -> bool:
    """The statement denies the misconception: a clause of it says the opposite."""
    return any(align(lex, c, fact).contradicts for c in clauses)


def check_statement(text: str, bank: Bank, index: SearchIndex, book: FactBook) -> Check:
    lex = book.lexicon
    claim = strip_wrappers(text)
    clauses = lex.clauses(claim)
    whole = lex.clause(claim)
    if not clauses:
        return Check(Verdict.UNSURE, "I couldn't find a claim in that to check.")
    result = search(index, claim)
    ids = [h.entry_id for h in result.hits[:CANDIDATES]]
    near = tuple(ids[:3])
    if not ids:
        return Check(Verdict.UNSURE, "My question bank doesn't cover that, so I can't say whether "
                     "it's right. I won't guess.")  # fmt: skip
    facts = [f for i in ids for f in book.of(i)]
    positives = [f for f in facts if not f.kind.negative]
    negatives = [f for f in facts if f.kind.negative]

    # 1. a misconception or red flag said in other words
    wrong = max(((_misconception(lex, whole, f), f) for f in negatives), default=None,
                key=lambda x: x[0])  # fmt: skip
    per_clause = [_best(lex, c, positives) for c in clauses]
    best_pos = max((_misconception(lex, whole, f) for f in positives), default=0.0)
    # saying the opposite of a misconception is right - unless it also contradicts a fact
    denies = (
        wrong is not None
        and _negates(lex, clauses, wrong[1])
        and not any(m and m.contradicts for m in per_clause)
    )
    if wrong and wrong[0] >= MISC_AT and wrong[0] >= best_pos - 0.05 and not denies:
        fact = wrong[1]
        return Check(Verdict.DISAGREE,
                     f"No - that's a common misconception: \"{fact.text}\" isn't right. {fact.correction or ''}".strip(),
                     fact.correction, fact.entry_id, near)  # fmt: skip

    # 2. clause by clause: backed, contradicted, or not covered
    contradicted = [(c, m) for c, m in zip(clauses, per_clause, strict=True) if m and m.contradicts]
    backed = [(c, m) for c, m in zip(clauses, per_clause, strict=True)
              if m and not m.contradicts and m.score >= AGREE_AT and not _unbacked(lex, c, m.fact)]  # fmt: skip
    loose = [(c, m) for c, m in zip(clauses, per_clause, strict=True)
             if m and not m.contradicts and m.score >= PART_AT and (c, m) not in backed]  # fmt: skip
    if contradicted:
        c, m = contradicted[0]
        what = (
            "has the roles the wrong way round"
            if m.reason == "reversed"
            else "says the opposite of what's true"
        )
        if backed:
            ok = backed[0][0].text
            return Check(Verdict.PARTLY,
                         f"Partly. \"{ok}\" is right, but \"{c.text}\" {what}. {m.fact.text}",
                         m.fact.text, m.fact.entry_id, near)  # fmt: skip
        return Check(Verdict.DISAGREE, f"No - \"{c.text}\" {what}. {m.fact.text}",
                     m.fact.text, m.fact.entry_id, near)  # fmt: skip
    if backed and len(backed) == len(clauses):
        extra = _overreach(clauses, [m for _, m in backed])
        src = backed[0][1].fact
        if extra:
            return Check(Verdict.PARTLY,
                         f"Partly. The idea is right, but \"{extra}\" goes too far: the bank doesn't say that. {src.text}",
                         src.text, src.entry_id, near)  # fmt: skip
        return Check(Verdict.AGREE, f"Yes, that's right. {src.text}", None, src.entry_id, near)
    if backed or loose:
        good = (backed or loose)[0]
        held = {id(c) for c, _ in (*backed, *loose)}
        rest = [c.text for c in clauses if id(c) not in held] or [
            c.text for c in clauses if c is not good[0]
        ]
        unclear = f' I can\'t confirm "{rest[0]}" from what I know.' if rest else ""
        said = good[1].fact.text.rstrip(".")
        return Check(Verdict.PARTLY,
                     f"Partly. What I can confirm: {said}.{unclear}",
                     good[1].fact.text, good[1].fact.entry_id, near)  # fmt: skip
    names = [q.question for i in near if (q := bank.get(i))]
    return Check(Verdict.UNSURE,
                 "I can't confirm or deny that from my question bank, so I won't guess. "
                 + ("The closest questions I have: " + " / ".join(names) if names else ""),
                 None, None, near)  # fmt: skip


def _best(lex: Lexicon, clause: Clause, facts: list[Fact]) -> Match | None:
    """The fact that best backs a clause; a strong contradiction outranks weaker backing."""
    matches = [align(lex, clause, f) for f in facts]
    if not matches:
        return None
    contra = [m for m in matches if m.contradicts]
    backing = max((m for m in matches if not m.contradicts),
                  key=lambda m: (round(m.score, 2), PRIORITY[m.fact.kind]), default=None)  # fmt: skip
    strongest_contra = max(contra, key=lambda m: m.score, default=None)
    if strongest_contra and (backing is None or strongest_contra.score >= backing.score - 0.1):
        return strongest_contra
    return backing


def _unbacked(lex: Lexicon, clause: Clause, fact: Fact) -> list[str]:
    """Words of weight the fact doesn't use: one changed word ("process" for "thread") is
    enough to withhold agreement."""
    return [t for t in clause.tokens if t not in fact.tokens and lex.weight(t) >= KEY_WORD]


def _overreach(clauses: list[Clause], backing: list[Match]) -> str | None:
    """An absolute word ("always", "only", "never") that the backing facts don't use."""
    for clause, match in zip(clauses, backing, strict=True):
        used = {a for fc in match.fact.clauses for a in fc.absolutes}
        extra = clause.absolutes - used
        if extra:
            return sorted(extra)[0]
    return None
