"""Whether a claim says one of the bank's wrong beliefs: in other words (the semantic
layer), or not at all - because it says none of the belief's wrong part, says the belief's
own correction, or says a key point that the belief goes on past (``backed_short_of``).
``judge`` and the answer grader use these.
"""

from __future__ import annotations

import re
from collections.abc import Mapping

from viva.grade.check import (
    AGREE_AT,
    KEY_WORD,
    align,
    conflicts,
    misconception_score,
    negates,
    overlap,
)
from viva.grade.contradict import AUTHORITY, condition_of, roles_differ, states_predicate
from viva.grade.facts import Fact, FactBook, FactKind
from viva.grade.roles import swapped_roles
from viva.grade.semantic import SEMANTIC_KINDS, Meaning
from viva.grade.wordlists import un_negated
from viva.grade.words import Clause, Lexicon, gstem

SHORT_PART = 2  # a belief clause of this many tokens or fewer is a name, not a claim
WRONG_PART_AT = 0.3  # share of a belief's own words (those its correction lacks) a claim says
SEM_MISC_AT = 0.72  # cosine at which a claim means a misconception or red flag
SEM_MARGIN = 0.04  # ... and is this much closer to it than to any fact of the entry
SEM_SAME_AT = 0.88  # cosine at which a claim is the belief itself, in other words
SEM_SAME_MARGIN = 0.08  # ... this much closer to it than to any fact of the entry
SEM_WORDS = 0.34  # ... sharing at least this much of its weighted words


def says_correction(
    lex: Lexicon,
    unit: Clause,
    belief: Fact,
    positives: list[Fact],
    score: float,
    pairs: Mapping[str, tuple[tuple[str, ...], ...]],
) -> bool:
    """The claim says the belief's own correction, the same way round and more closely than
    the belief: "if a class only has repr, str falls back to it" shares words with "repr
    falls back to str", and says what the bank says instead."""
    f = correction_of(belief, positives)
    if f is None:
        return False
    m = align(lex, unit, f)
    if m.contradicts or m.score < max(AGREE_AT, score):
        return False
    # its words with the compared things traded ("having filters the rows before grouping
    # and where the groups") say the belief, not the correction
    return swapped_roles(lex, lex.clauses(unit.text), [f], pairs) is None


def denies_by_polarity(lex: Lexicon, unit: Clause, clauses: list[Clause], belief: Fact) -> bool:
    """A claim negated where the belief is not: it denies the belief in words of its own ("a
    taint doesn't throw out the running Pods" against "a NoSchedule taint evicts the Pods
    already running"). A longer claim is read at its clause that says most of the belief
    ("once TLS ends at the load balancer, the rest is not automatically encrypted"), and its
    own clauses one by one ("Secrets aren't just encoded, they're encrypted"). The other way
    round (a belief that denies, a claim that doesn't) is left to the other gates: read so
    too, it turned more false statements to "partly" than true ones to "yes"."""
    if any(fc.negated for fc in belief.clauses):
        return False
    if len(clauses) > 1 and unit not in clauses:
        # (a condition asserts nothing: "once TLS ends at the load balancer, ...")
        said, text = tuple(belief.tokens), unit.text  # (the whole claim, "if" and all)
        asserted = [c for c in clauses if not condition_of(c, text)] or clauses
        unit = max(asserted, key=lambda c: overlap(lex, said, frozenset(c.tokens)))
    # "never slower" is "always faster": a negation on an antonym of the belief's word says
    # the belief's way ("you don't need a separate server" still denies "each needs its own")
    theirs = {t: sign for fc in belief.clauses for t, sign in zip(fc.tokens, fc.signs, strict=True)}
    return unit.negated and not any(
        f and s and theirs.get(t) is False
        for t, f, s in zip(unit.tokens, unit.flips, unit.scoped, strict=True)
    )


def correction_of(belief: Fact, positives: list[Fact]) -> Fact | None:
    """The fact the bank holds for the belief's correction, among the entry's facts."""
    if not belief.correction:
        return None
    # a correction of two sentences is two facts: the first is what it says instead
    return next(
        (
            f
            for f in positives
            if f.kind is FactKind.CORRECTION
            and f.entry_id == belief.entry_id
            and (f.text == belief.correction or belief.correction.startswith(f.text))
        ),
        None,
    )


def means_misconception(
    lex: Lexicon,
    text: str,
    whole: Clause,
    clauses: list[Clause],
    positives: list[Fact],
    negatives: list[Fact],
    meaning: Meaning,
) -> Fact | None:
    """A misconception the claim means, by embedding, when no fact is as close and the words
    don't deny it. Only wrong beliefs the claim says most of in words, the same way round,
    are compared, so most claims are never encoded; one whose wrong part the words miss
    must be the belief itself in other words (``SEM_SAME_AT``)."""
    suspects = [
        f
        for f in negatives
        if misconception_score(lex, whole, f) >= SEM_WORDS
        and states_predicate(lex, whole, f, positives)
        and not negates(lex, clauses, f)
        and not roles_differ(lex, clauses, f)
        and not says_antonym(whole, f)
        # a red flag names a practice; saying what it breaks is not doing it ("time.sleep
        # in an async def blocks the loop")
        and f.kind is FactKind.MISCONCEPTION
        # sentence vectors barely hear "not": a claim said the other way round from the
        # belief ("FastAPI itself doesn't open a port") is left to the words
        and negated_alike(whole, f)
    ]
    if not suspects:
        return None
    positives = [f for f in positives if f.kind in SEMANTIC_KINDS]
    neg_sims = meaning.similarity(text, [f.text for f in suspects])
    pos_sims = meaning.similarity(text, [f.text for f in positives]) if positives else []
    ranked = sorted(
        (
            (sim, f, says_wrong_part(lex, whole, f, positives))
            for sim, f in zip(neg_sims, suspects, strict=True)
        ),
        key=lambda x: -x[0],
    )
    # the beliefs whose wrong part is said come first, as before the same-belief rule
    ranked = [x for x in ranked if x[2]][:2] + [x for x in ranked if not x[2]][:1]
    for sim, fact, wrong_part in ranked:
        if sim < SEM_MISC_AT:
            break
        closest_fact = max(
            (s for s, f in zip(pos_sims, positives, strict=True) if f.entry_id == fact.entry_id),
            default=0.0,
        )
        if wrong_part:
            if sim >= closest_fact + SEM_MARGIN:
                return fact
        elif sim >= SEM_SAME_AT and sim >= closest_fact + SEM_SAME_MARGIN:
            # the belief in other words throughout ("no two pieces of code should ever
            # look alike" for "never two lines of code that look the same"): the vector
            # hears what the words of its wrong part miss
            return fact
    return None


def negated_alike(whole: Clause, belief: Fact) -> bool:
    """Both hold a negation or neither does, or the claim's negation is said by an "un-"
    word of the belief: "rows another transaction hasn't committed" are "uncommitted rows"."""
    theirs = any(c.negated for c in belief.clauses)
    if whole.negated == theirs:
        return True
    if theirs:
        return False
    denied = {t for t, s in zip(whole.tokens, whole.scoped, strict=True) if s}
    words = re.findall(r"[a-z]+", belief.text.lower())
    return any((base := un_negated(w)) and gstem(base) in denied for w in words)


def says_antonym(unit: Clause, belief: Fact) -> bool:
    """The claim says a word of the belief as its antonym: "Python is dynamically and
    strongly typed" is not "Python is dynamically typed, so it is weakly typed". Only words
    one side says by an antonym count (a negation's reach is too loose to trust here); the
    signs compared include negations, so "Python isn't strongly typed" still says "weakly"."""
    for fc in belief.clauses:
        for t in set(unit.tokens) & set(fc.tokens):
            flipped = True in unit.signs_of(t, False) or True in fc.signs_of(t, False)
            if flipped and not unit.signs_of(t) & fc.signs_of(t):
                return True
    return False


def says_wrong_part(lex: Lexicon, unit: Clause, belief: Fact, positives: list[Fact]) -> bool:
    """The claim says some of what makes the belief wrong: the belief's words its correction
    doesn't use. "db create all only makes tables that don't exist yet" shares "create all"
    and "table" with "db.create_all() will add my new column to the existing table", but
    says nothing of adding a column, which is the wrong part. A belief with no correction,
    or none of its own words, is not checked this way."""
    correction = correction_of(belief, positives)
    if correction is None or belief.kind is not FactKind.MISCONCEPTION:
        return True
    fixed = correction.tokens
    said = frozenset(unit.tokens)
    # per clause of the belief: "Docker on its own is an orchestrator, so I do not need
    # anything else" is said by its first clause alone
    for part in _parts(belief):
        own = tuple(t for t in part if t not in fixed)
        if not own or overlap(lex, own, said) >= WRONG_PART_AT:
            return True
    return False


def _parts(belief: Fact) -> list[tuple[str, ...]]:
    """The belief's clauses, a name cut off by punctuation ("db.create_all()") joined to
    the clause after it."""
    out: list[tuple[str, ...]] = []
    carry: tuple[str, ...] = ()
    for c in belief.clauses:
        carry += c.tokens
        if len(carry) > SHORT_PART:
            out.append(carry)
            carry = ()
    if carry:
        out.append(carry)
    return out


def given_names(book: FactBook, fact: Fact) -> tuple[frozenset[str], frozenset[str]]:
    """The names an entry's key points leave unsaid - its tags and the bank's entities (the
    book's own set, not copied) - and the things it compares, which are not among them:
    which of those a sentence names is what it says."""
    compared = frozenset(t for seq in book.pairs.get(fact.entry_id, ()) for t in seq)
    return book.terms.get(fact.entry_id, frozenset()), compared


def backed_short_of(
    lex: Lexicon,
    unit: Clause,
    belief: Fact,
    positives: list[Fact],
    names: tuple[frozenset[str], frozenset[str]],
) -> bool:
    """A key point says the claim, the same way round, and the belief goes on past both
    with words of weight neither says: "the code after yield in a fixture is the teardown"
    is "code after yield is teardown and runs even when the test fails", not "fixture
    teardown code after yield is skipped when the test fails". The entry's own names
    ("pytest", "fixture") go without saying in its key points (``given_names``)."""
    terms, compared = names

    def given(t: str) -> bool:
        return t in terms and t not in compared

    # the claim's own subject is never taken as said: "ModelSerializer runs model clean"
    # is not backed by a clause about the model's clean
    said = tuple(t for t in unit.tokens if not given(t) or t == unit.subject)
    if len(set(said)) < 2:
        return False
    for f in positives:
        # the belief's own correction is what it gets wrong, not a second opinion
        if f.kind not in AUTHORITY or f.entry_id != belief.entry_id or f.text == belief.correction:
            continue
        for fc in f.clauses:
            if sum(1 for t in set(fc.tokens) if not given(t)) < 3:
                continue  # a fragment ("flask db upgrade") backs nothing
            # one clause of it holds the claim: words spread over a key point's clauses
            # may hold it with the roles traded ("function scope ... per test; session
            # scope ... once")
            held = frozenset(t for t in said if t in fc.tokens or (given(t) and t != unit.subject))
            if (
                overlap(lex, said, held) < AGREE_AT
                # and the clause says all of it: "Docker Swarm is Docker's own
                # orchestrator" doesn't back "Docker on its own is an orchestrator"
                or overlap(lex, fc.tokens, frozenset(unit.tokens)) < AGREE_AT
                or conflicts(unit, fc)
                or unit.negated != fc.negated
                or unit.absolutes - fc.absolutes  # "can never leak": not what it says
            ):
                continue
            beyond = [
                t
                for t in belief.tokens
                if t not in unit.tokens and t not in f.tokens and lex.weight(t) >= KEY_WORD
            ]
            if beyond:
                return True
    return False


FIX_MARGIN = 0.05  # a claim this much closer in meaning to the correction is not the belief


def closer_to_fix(meaning: Meaning | None, lex: Lexicon, unit: Clause, belief: Fact) -> bool:
    """With the semantic layer: the claim says a word of the belief's correction the belief
    lacks, and reads clearly closer to the correction than to the belief or any clause of it
    ("an index makes reads faster but writes slower" against "more indexes always make the
    database faster", corrected "each index speeds some reads but slows every write"), so
    it is not the belief, whatever words the two share. ("querysets are cached globally" is
    one clause of its belief said whole: that clause is what it is compared with.)"""
    if meaning is None or not belief.correction:
        return False
    fix_only = set(lex.clause(belief.correction).tokens) - belief.tokens
    if not fix_only & set(unit.tokens):
        return False
    sides = [belief.text, *(c.text for c in belief.clauses if len(belief.clauses) > 1)]
    sims = meaning.similarity(unit.text, [belief.correction, *sides])
    return sims[0] >= max(sims[1:]) + FIX_MARGIN
