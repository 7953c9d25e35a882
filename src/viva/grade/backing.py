"""Whether a match backs a claim in full: every shared word said the way the fact says it
(and none of what the fact rules out), no word of weight the fact lacks, no absolute the fact
doesn't use, and when a key point says the claim nearly word for word.
"""

from __future__ import annotations

from collections.abc import Mapping

from viva.grade.check import DECISIVE, KEY_KINDS, KEY_WORD, Match, conflicts, overlap
from viva.grade.facts import Fact, FactKind
from viva.grade.words import Clause, Lexicon

RULED_OUT_WORDS = 2


def said_alike(clause: Clause, fact: Fact, plain_claim: bool = True) -> bool:
    """Every word the clause shares with the fact is said the way some clause of it says it:
    "calling a generator function runs it" is not said alike by "calling it returns a
    generator object without running the body", however light "run" weighs. ``plain_claim``:
    the whole claim has no negation, so it can't be speaking of what the fact rules out
    ("without slots, Python stores attributes in a per-instance dict" can)."""
    if clause.negated:
        return True  # a negation's reach is too loose to weigh word by word here
    plain = [fc for fc in fact.clauses if not fc.elliptic]  # "..., not a generator" sets aside
    said = {t for fc in plain for t in fc.tokens}
    # what the fact rules out ("propagate into the test instead of turning into a 500 page")
    # is not what it says: a claim that says two or more of those words is not said alike
    ruled_out = {t for fc in fact.clauses if fc.elliptic for t in fc.tokens} - said
    if plain_claim and len(ruled_out & set(clause.tokens)) >= RULED_OUT_WORDS:
        return False
    return all(
        clause.signs_of(t) & frozenset(s for fc in plain for s in fc.signs_of(t))
        for t in set(clause.tokens) & said
    )


VERBATIM_AT = 0.9  # share of each side's weight: the clause is the fact clause, reworded at most
VERBATIM_WORDS = 2  # one word is a fragment ("sla" of "sla and slo mean the same thing")


def _in_order(a: tuple[str, ...], b: tuple[str, ...]) -> bool:
    """The words both say come in the same order: "changes inside a container do not change
    the image" and "changes inside an image do not change the container" share every word."""
    both = set(a) & set(b)
    return list(dict.fromkeys(t for t in a if t in both)) == list(
        dict.fromkeys(t for t in b if t in both)
    )


def said_verbatim(lex: Lexicon, clause: Clause, facts: list[Fact]) -> bool:
    """A key point, short answer or correction says the clause nearly word for word, the
    same way round (its negation, its word order and every shared word's sign as the clause
    has them)."""
    return len(clause.tokens) >= VERBATIM_WORDS and any(
        fc.negated == clause.negated
        and len(fc.tokens) >= VERBATIM_WORDS
        and overlap(lex, clause.tokens, frozenset(fc.tokens)) >= VERBATIM_AT
        and overlap(lex, fc.tokens, frozenset(clause.tokens)) >= VERBATIM_AT
        and _in_order(clause.tokens, fc.tokens)
        and not conflicts(clause, fc)
        for f in facts
        if f.kind in (FactKind.POINT, FactKind.SHORT, FactKind.CORRECTION)
        for fc in f.clauses
    )


def unbacked(lex: Lexicon, clause: Clause, fact: Fact) -> list[str]:
    """Words of weight the fact doesn't use: one changed word ("process" for "thread") is
    enough to withhold agreement."""
    return [
        t
        for t in clause.tokens
        if t not in fact.tokens and (lex.weight(t) >= KEY_WORD or t in DECISIVE)
    ]


def overreach(clauses: list[Clause], backing: list[Match]) -> str | None:
    """An absolute word ("always", "only", "never") that the backing facts don't use."""
    for clause, match in zip(clauses, backing, strict=True):
        used = {a for fc in match.fact.clauses for a in fc.absolutes}
        extra = clause.absolutes - used
        if extra:
            return sorted(extra)[0]
    return None


def stated_of_subject(
    lex: Lexicon,
    clause: Clause,
    facts: list[Fact],
    pairs: Mapping[str, tuple[tuple[str, ...], ...]],
) -> bool:
    """A key point, short answer or correction says the clause of the same thing: one of its
    clauses is about the clause's subject and holds every word of it in order, said the same
    way ("Kubernetes runs your containers on a cluster" states "kubernetes is what runs the
    containers"), before it names another thing its entry compares ("Django's view is
    closer to an MVC controller and the template to an MVC view" states nothing of the
    template)."""
    subject = clause.subject
    said = list(zip(clause.tokens, clause.signs, strict=True))
    if subject is None or len(said) < 2:
        return False
    for f in facts:
        if f.kind not in KEY_KINDS:
            continue
        others = {t[-1] for t in pairs.get(f.entry_id, ()) if t} - {subject}
        for fc in f.clauses:
            if fc.subject != subject and fc.tokens[:1] != (subject,):
                continue
            cut = next((i for i, t in enumerate(fc.tokens) if i and t in others), None)
            own = list(zip(fc.tokens, fc.signs, strict=True))[:cut]
            # in the claim's order: "UNION removes all duplicate rows" doesn't state "UNION
            # ALL removes duplicates"
            if _in_order_signed(said, own):
                return True
    return False


def _in_order_signed(part: list[tuple[str, bool]], whole: list[tuple[str, bool]]) -> bool:
    """Every (word, sign) of ``part`` occurs in ``whole`` in the same order."""
    it = iter(whole)
    return all(any(w == p for w in it) for p in part)
