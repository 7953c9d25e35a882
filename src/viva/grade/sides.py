"""Two things set side by side: by a key point, clause by clause ("apply is declarative and
idempotent; create is imperative and fails if the object exists"), and a claim that gives one
of them the other's predicate ("apply is imperative"), read from the fact's own clauses, so
it needs no ``compare`` list; and by one clause of a claim, each thing with the other's role
("star args collects the keyword arguments and kwargs the positional ones"), read with the
entry's ``compare`` list as ``roles`` reads two claims in a row; and a claim that says of
one compared thing what a key point says of the other ("an image is the running instance").
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping, Sequence

from viva.grade.check import conflicts, overlap
from viva.grade.contradict import AUTHORITY
from viva.grade.facts import Fact, FactKind
from viva.grade.roles import Term, compared_in, traded_across
from viva.grade.words import Clause, Lexicon

RIVAL_BACKED_AT = 0.6  # share of the claim a fact about its own compared thing must hold
MIXED_WEIGHT = 1.0  # a predicate word this rare says what the clause claims of its first word


def gives_role_away(
    lex: Lexicon, clause: Clause, fact: Fact, pairs: Mapping[str, tuple[tuple[str, ...], ...]]
) -> bool:
    """The clause says of one of the things an entry compares what the bank says of the
    other, and never names the other: "an image is the running instance" where a container
    is. Only compared things swap roles this way (list/tuple, image/container)."""
    if fact.kind not in (FactKind.POINT, FactKind.SHORT) or clause.subject is None:
        return False
    seqs = pairs.get(fact.entry_id, ())

    def names(c: Clause) -> bool:  # a compared name as roles reads one: "paths" is no os.path
        return any(c.subject in t for t in compared_in(c.tokens, seqs))

    # the clause is about its subject only when the subject leads it ("it holds back the
    # liveness" is about the startup probe, not liveness)
    if not names(clause) or clause.tokens[0] != clause.subject:
        return False
    pred = tuple(t for t in clause.tokens if t != clause.subject)
    for fc in fact.clauses:
        if (
            fc.subject is not None
            and fc.subject != clause.subject
            and names(fc)
            and fc.subject not in clause.tokens
            and len(pred) >= 2
            and overlap(lex, pred, frozenset(fc.tokens)) >= 0.8
        ):
            return True
    return False


def leads_mixed(lex: Lexicon, clause: Clause, facts: list[Fact]) -> Fact | None:
    """A fact whose clauses say one thing of the clause's first word and the clause's
    predicate of another, never the two together: "apply is declarative and idempotent;
    create is imperative" against "apply is imperative". Works without a ``compare`` list,
    by each fact clause's first word. The predicate must be held whole by the other clause
    ("threads share it" and "processes have separate memory" don't make "threads share
    memory" mixed)."""
    if len(clause.tokens) < 2 or clause.negated or clause.elliptic or not _copular(clause):
        return None
    lead, rest = clause.tokens[0], [t for t in clause.tokens[1:] if t != clause.tokens[0]]
    heavy = [t for t in rest if lex.weight(t) >= MIXED_WEIGHT]
    if not heavy:
        return None
    for f in facts:
        if f.kind not in AUTHORITY or len(f.clauses) < 2:
            continue
        if any(lead in fc.tokens and any(t in fc.tokens for t in heavy) for fc in f.clauses):
            continue  # some clause says them together
        mine = [fc for fc in f.clauses if fc.tokens[:1] == (lead,) and _copular(fc)]
        other = [
            fc
            for fc in f.clauses
            if fc.tokens
            and _copular(fc)
            and fc.tokens[0] != lead
            and lead not in fc.tokens
            and all(t in fc.tokens for t in rest)
            and not conflicts(clause, fc)
        ]
        if mine and other:
            return f
    return None


_DETERMINERS = frozenset({"a", "an", "the"})


def _copular(clause: Clause) -> bool:
    """ "apply is declarative", "the create command is imperative": a thing, then "is" or
    "are" - the shape in which an entry sets two things side by side."""
    words = [w for w in re.findall(r"[a-z]+", clause.text.lower()) if w not in _DETERMINERS]
    return len(words) >= 3 and any(w in ("is", "are") for w in words[1:3])


# where one clause sets two things side by side: "star args collects the keyword arguments
# and kwargs collects the positional ones" (the clause cutter cuts at "and" only before a
# thing the whole bank names, and an entry's own compared terms are not among them)
_SIDE_BY_SIDE = re.compile(r",?\s+\b(?:and|but|while|whereas)\b\s+", re.I)


def traded_within(
    lex: Lexicon, clause: Clause, facts: list[Fact], pairs: Mapping[str, tuple[Term, ...]]
) -> Fact | None:
    """A clause that sets two compared things side by side, each with what the bank says of
    the other ("star args collects the keyword arguments into a dict and kwargs collects the
    positional ones into a list"): read as the two clauses it is, the way two claims in a row
    are (``traded_across``)."""
    for cut in _SIDE_BY_SIDE.finditer(clause.text):
        left, right = clause.text[: cut.start()], clause.text[cut.end() :]
        first, second = lex.clause(left), lex.clause(right)
        if len(first.tokens) < 2 or len(second.tokens) < 2:
            continue
        found = traded_across(lex, first, second, facts, pairs)
        if found is not None:
            return found[0]
    return None


def traded_in_a_row(
    lex: Lexicon,
    said: Sequence[Clause],
    settled: Sequence[bool],
    facts: Callable[[int], list[Fact]],
    pairs: Mapping[str, tuple[Term, ...]],
) -> list[tuple[int, Fact, Fact]]:
    """Two claims in a row, each giving one compared thing what the bank says of the other
    ("a normal view stores the result like a table, and a materialised view runs the query
    every time"): for each such pair, the first one's index and the fact each took. A claim
    already ``settled`` (judged wrong) is left alone; ``facts(k)`` are what claims k and k+1
    are read against. The statement checker and the answer grader both read claims so."""
    found = []
    for k in range(len(said) - 1):
        if settled[k] or settled[k + 1]:
            continue
        pair = traded_across(lex, said[k], said[k + 1], facts(k), pairs)
        if pair is not None:
            found.append((k, *pair))
    return found


def about_rival(
    lex: Lexicon,
    whole: Clause,
    belief: Fact,
    positives: list[Fact],
    pairs: Mapping[str, tuple[Term, ...]],
) -> bool:
    """The belief is about the rival of the compared thing the claim names, and the bank says
    the claim of its own thing: "Kubernetes restarts a container when its liveness probe
    fails" is not "when a readiness probe fails, Kubernetes restarts the container", since a
    key point says a failing liveness probe restarts it; a startup probe, of which the bank
    says no such thing, gets no such pass."""
    terms = pairs.get(belief.entry_id, ())
    theirs = set(compared_in([t for fc in belief.clauses for t in fc.tokens], terms))
    mine = [t for t in compared_in(whole.tokens, terms) if t not in theirs]
    if not mine or not theirs - set(compared_in(whole.tokens, terms)):
        return False
    return any(
        f.entry_id == belief.entry_id
        and f.kind in AUTHORITY
        and any(set(t) <= f.tokens for t in mine)
        and overlap(lex, whole.tokens, f.tokens) >= RIVAL_BACKED_AT
        for f in positives
    )
