"""Matching a clause against the bank's facts: backing, opposite, swapped terms, misconceptions.

The measures the statement checker (``judge``, ``statement``) and the answer grader share:
how much of a clause's weighted words a fact holds, whether a fact clause says the same
words the other way round (a negation, an antonym, reversed roles), whether the clause is a
fact with one term swapped for another the entry discusses, and how closely a whole
statement says a misconception.
"""

from __future__ import annotations

from dataclasses import dataclass
from math import fsum

from viva.grade.facts import Fact, FactKind
from viva.grade.qualified import denies_qualifier
from viva.grade.words import Clause, Lexicon

AGREE_AT = 0.8  # share of a clause's weight one fact must back for "agree"
PART_AT = 0.55  # ... for "partly"
CONTRA_AT = 0.6  # a fact this close but with the opposite sign contradicts the clause
MISC_AT = 0.62  # a misconception or red flag this close is what the learner said
CANDIDATES = 4
KEY_WORD = 0.8  # idf above which a word the fact lacks blocks "agree"
# small words that decide what a sentence claims: "the same thing", "more", "only once"
DECISIVE = frozenset({"same", "more", "top", "one", "once", "before", "after", "both", "own"})
CONFLICT_AT = 0.25  # share of the shared words' weight said the other way round
# ... of a belief's part a clause holds whole (the negated verb of "won't add a new column
# to an existing table" is a small share of its weight)
PART_CONFLICT_AT = 0.2


@dataclass(frozen=True, slots=True)
class Match:
    fact: Fact
    score: float  # share of the clause's weight found in the fact
    contradicts: bool
    reason: str = ""


def overlap(lex: Lexicon, tokens: tuple[str, ...] | frozenset[str], other: frozenset[str]) -> float:
    """Weighted share of ``tokens`` present in ``other``."""
    if not other:
        return 0.0
    weights = [(lex.weight(t), t in other) for t in set(tokens)]
    total = fsum(w for w, _ in weights)
    if total == 0:
        return 0.0
    return fsum(w for w, held in weights if held) / total


def conflicts(clause: Clause, fc: Clause) -> list[str]:
    """Shared words one side says positively and the other negatively.

    Where both clauses hold a negation, its reach is too uncertain to compare word by word
    ("has no built-in CSRF protection" / "has no CSRF protection built in"), so only
    antonyms count; where one side alone is negated, the words in its reach do.
    """
    if clause.elliptic or fc.elliptic:
        return []
    neg = clause.negated != fc.negated
    if neg and (_qualified(clause, fc) or _qualified(fc, clause)):
        neg = False  # "doesn't automatically index" denies "automatically", not "index"
    # a word said both ways on one side ("async drivers with async def, sync ones with def")
    # conflicts only with a side that never says it the way the other does
    return [
        t
        for t in dict.fromkeys(clause.tokens)
        if t in fc.tokens
        and not clause.signs_of(t, neg) & fc.signs_of(t, neg)
        and not (t in COUNTS and not _counts_against(clause, fc, t, neg))
    ]


# "one" and its antonyms ("several", "many"): a count conflicts only where both sides count
# the same thing ("several algorithms behind the same interface" is not against
# "algorithms behind one interface")
COUNTS = frozenset({"one"})


def _counts(c: Clause, token: str, negations: bool) -> set[tuple[str | None, bool]]:
    """Each time the clause says the count: what it counts (the word after it) and its sign.
    A negation that reached the count only past the word it denies is not on the count:
    "never share one session" denies sharing, not "one". Each occurrence stands alone:
    "single responsibility ... only one method" counts two things."""
    out = set()
    for at, t in enumerate(c.tokens):
        if t != token:
            continue
        scoped = c.scoped[at] and negations and not (at > 0 and c.scoped[at - 1])
        counted = c.tokens[at + 1] if at + 1 < len(c.tokens) else None
        out.add((counted, c.flips[at] != scoped))
    return out


def _counts_against(clause: Clause, fc: Clause, token: str, neg: bool) -> bool:
    """Both sides count the same thing, with opposite signs."""
    mine = _counts(clause, token, neg)
    return any((what, not sign) in mine for what, sign in _counts(fc, token, neg))


# words a negation may deny by themselves: "doesn't always", "not automatically", "not just"
QUALIFIERS = frozenset(
    {
        "always",
        "automatically",
        "necessarily",
        "only",
        "just",
        "directly",
        "immediately",
        "fully",
        "completely",
        "entirely",
        "all",
        "every",
    }
)


def _qualified(negated: Clause, other: Clause) -> bool:
    """The negation falls on a qualifier the other side doesn't say."""
    return any(
        s and t in QUALIFIERS and t not in other.tokens
        for t, s in zip(negated.tokens, negated.scoped, strict=True)
    )


def _closest(lex: Lexicon, clause: Clause, fact: Fact) -> Clause | None:
    """The fact's clause that shares most with ``clause`` (the same subject counts extra)."""
    best: tuple[float, Clause] | None = None
    pred = [t for t in clause.tokens if t != clause.subject]
    for fc in fact.clauses:
        s = overlap(lex, clause.tokens, frozenset(fc.tokens))
        # the same subject counts only with something said of it: "for example to ghcr.io
        # with GITHUB_TOKEN" is not what "with GitHub you can't deploy a container" is about
        if clause.subject is not None and pred and not any(t in fc.tokens for t in pred):
            s -= 0.2
        elif clause.subject is not None and clause.subject == fc.subject:
            s += 0.2
        if best is None or s > best[0]:
            best = (s, fc)
    return best[1] if best else None


def align(lex: Lexicon, clause: Clause, fact: Fact) -> Match:
    """How well one fact backs a clause, and whether it says the opposite."""
    score = overlap(lex, clause.tokens, fact.tokens)
    if len(set(clause.tokens) & fact.tokens) < 2:
        # no clause of the fact can share the two words an opposite needs (below): the
        # common case, most facts searched for a claim share a word with it at most
        return Match(fact, score, False)
    fc = _closest(lex, clause, fact)
    if fc is None:
        return Match(fact, score, False)
    # "it can build and push container images and deploy them": the fact's "it" is what
    # the entry is about, so its subject is not missing, and "container" is not its subject
    led = fc.text.split(maxsplit=1)[:1] in (["it"], ["they"])
    # "Flask is smaller and older, with ... synchronous code by default": a clause without a
    # subject goes on about the subject of the clause before it
    at = next(i for i, x in enumerate(fact.clauses) if x is fc)  # (equal clauses recur)
    before = fact.clauses[at - 1].subject if at and fc.subject is None else None
    led = led or (before is not None and before == clause.subject)
    fc_subject = None if led else fc.subject
    predicate = tuple(t for t in clause.tokens if t != clause.subject)
    fc_pred = tuple(t for t in fc.tokens if t != fc_subject)
    s = overlap(lex, clause.tokens, frozenset(fc.tokens))
    pred_cover = overlap(lex, predicate, frozenset(fc.tokens)) if predicate else s
    if clause.subject and led and predicate:
        s = max(s, pred_cover)
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
    if against == [clause.subject] and (
        # the subject said as its antonym and a negation besides: two flips, which may
        # cancel ("with optimistic locking nothing is locked" vs "pessimistic locking locks")
        clause.negated != fc.negated
        # or it names the other thing and says too little of this fact's predicate to deny
        # it ("pessimistic locking locks until you commit" vs "optimistic locking checks a
        # version")
        or len(set(predicate) & set(fc_pred)) < 2
    ):
        against = []
    weight_against = fsum(lex.weight(t) for t in against)
    # a negation alone needs two shared words besides the subject to be about the same
    # thing ("the GIL lets one thread run" vs "the GIL does not make code thread-safe");
    # an antonym ("mutable" / "immutable") is enough on its own
    antonym = any(clause.sign(t, False) != fc.sign(t, False) for t in against)
    need = min(2, len(set(predicate)), len(set(fc_pred)))
    if not antonym and len(shared - {clause.subject, fc_subject}) < need:
        against = []
    if not antonym and clause.subject is not None and clause.subject not in fact.tokens:
        against = []  # "Kubernetes doesn't build images" vs "building images is CI's job"
    if against and not antonym and denies_qualifier(clause, fc.text):
        against = []  # "doesn't open it just on one node" grants opening it
    if (
        against
        and s >= CONTRA_AT
        and pred_cover >= CONTRA_AT
        and (
            weight_against >= CONFLICT_AT * fsum(lex.weight(t) for t in shared - {clause.subject})
            or any(
                t in DECISIVE for t in against
            )  # "many threads" vs "one thread": small, decisive
        )
    ):
        return Match(fact, score, True, "opposite")
    if (
        clause.subject
        and fc.subject
        and clause.subject != fc.subject
        and clause.subject in fact.tokens
        and pred_cover >= 0.8
        and any(
            o.subject == clause.subject
            and conflicts(clause, o)
            and overlap(lex, predicate, frozenset(o.tokens)) >= 0.8
            for o in fact.clauses
        )
    ):
        return Match(fact, score, True, "reversed")
    return Match(fact, score, False)


def signs_agree(lex: Lexicon, clause: Clause, fact: Fact) -> bool:
    """No shared word of the closest fact clause is said the other way round."""
    fc = _closest(lex, clause, fact)
    return fc is None or not conflicts(clause, fc)


def misconception_score(lex: Lexicon, whole: Clause, fact: Fact) -> float:
    """How closely the statement says a misconception: both ways round, the weaker side."""
    said = overlap(lex, whole.tokens, fact.tokens)
    if said == 0:
        return 0.0
    claimed = overlap(lex, tuple(fact.tokens), frozenset(whole.tokens))
    return min(said, (said + claimed) / 2)


def negates(lex: Lexicon, clauses: list[Clause], fact: Fact) -> bool:
    """The statement denies the misconception: a clause of it says the opposite, or a
    contrast ("..., instead of rebuilding it per environment") rules out what it claims."""
    for c in clauses:
        if align(lex, c, fact).contradicts:
            return True
        # "if the registry goes down, all calls stop" is denied by "if the registry goes down
        # the calls don't all stop": a clause that holds one part of the belief whole, and
        # says it the other way round
        if len(fact.clauses) > 1 and any(_denies_part(lex, c, fc) for fc in fact.clauses):
            return True
        if fact.kind.negative and any(_denies_belief(lex, c, fc) for fc in fact.clauses):
            return True
        if c.elliptic and len(set(c.tokens)) >= 2:
            for fc in fact.clauses:
                if not fc.negated and overlap(lex, c.tokens, frozenset(fc.tokens)) >= 0.75:
                    return True
        if c.elliptic:
            # "read replicas scale the reads, not the writes": the one word that makes the
            # belief wrong, ruled out and said nowhere else (also with words of its own: "...,
            # but not which user is buying")
            rest = {t for o in clauses if o is not c for t in o.tokens}
            if any(
                t in fc.tokens and False in fc.signs_of(t) and t not in rest
                for t in c.tokens
                for fc in fact.clauses
            ):
                return True
    return False


DENIES_AT = 0.7  # share of a belief clause a negated clause must hold, and of itself said


def _denies_belief(lex: Lexicon, clause: Clause, belief: Clause) -> bool:
    """The belief said back with a negation it lacks, whatever the weight of the negated
    word: "the Decorator pattern doesn't need to inherit from the class it decorates"
    against "the Decorator pattern needs inheritance from the class it decorates" ("need"
    weighs little, so the share of weight said the other way round is small)."""
    if not clause.negated or belief.negated or clause.elliptic:
        return False
    if not any(
        clause.sign(t) and any(b[:5] == t[:5] for b in belief.tokens) for t in clause.tokens
    ):
        return False  # the negation reaches no word of the belief ("inherit", "inheritance")
    return (
        overlap(lex, belief.tokens, frozenset(clause.tokens)) >= DENIES_AT
        and overlap(lex, clause.tokens, frozenset(belief.tokens)) >= DENIES_AT
    )


def _denies_part(lex: Lexicon, clause: Clause, part: Clause) -> bool:
    if len(set(part.tokens)) < 2 or overlap(lex, part.tokens, frozenset(clause.tokens)) < 0.8:
        return False
    against = fsum(lex.weight(t) for t in conflicts(clause, part))
    return against > 0 and against >= PART_CONFLICT_AT * fsum(
        lex.weight(t) for t in set(part.tokens)
    )


def best_match(lex: Lexicon, clause: Clause, facts: list[Fact]) -> Match | None:
    """The fact that best backs a clause; a strong contradiction outranks weaker backing."""
    matches = [align(lex, clause, f) for f in facts]
    if not matches:
        return None
    contra = [m for m in matches if m.contradicts]
    backing = max(
        (m for m in matches if not m.contradicts),
        key=lambda m: (round(m.score, 2), m.fact.kind.priority),
        default=None,
    )
    strongest_contra = max(contra, key=lambda m: m.score, default=None)
    if strongest_contra and (backing is None or strongest_contra.score >= backing.score - 0.1):
        return strongest_contra
    # A key point the clause says nearly word for word the other way round ("a Python list
    # is immutable" against "A list is mutable") outranks backing that only holds the
    # clause's words scattered through a longer sentence about something else ("because a
    # tuple cannot change ... which it can't do with a list").
    said_back = max(
        (m for m in contra if m.fact.kind in KEY_KINDS and said_of(lex, clause, m.fact)),
        key=lambda m: m.score,
        default=None,
    )
    if said_back and backing and not said_of(lex, clause, backing.fact):
        return said_back
    return backing


KEY_KINDS = (FactKind.POINT, FactKind.SHORT, FactKind.CORRECTION)
SAID_OF_AT = 0.75  # share of a fact clause's words the claim must say...
SAID_MOSTLY_AT = 0.6  # ...and share of the claim's words that clause holds ("python" extra)


def said_of(lex: Lexicon, clause: Clause, fact: Fact) -> bool:
    """The claim says one of the fact's clauses nearly whole, and little else."""
    return any(
        overlap(lex, fc.tokens, frozenset(clause.tokens)) >= SAID_OF_AT
        and overlap(lex, clause.tokens, frozenset(fc.tokens)) >= SAID_MOSTLY_AT
        for fc in fact.clauses
    )
