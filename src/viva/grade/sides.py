"""Two things a key point sets side by side, clause by clause ("apply is declarative and
idempotent; create is imperative and fails if the object exists"), and a claim that gives one
of them the other's predicate ("apply is imperative"). Read from the fact's own clauses, so it
needs no ``compare`` list (``roles`` reads the entries that have one).
"""

from __future__ import annotations

import re

from viva.grade.check import conflicts
from viva.grade.contradict import AUTHORITY
from viva.grade.facts import Fact
from viva.grade.words import Clause, Lexicon

MIXED_WEIGHT = 1.0  # a predicate word this rare says what the clause claims of its first word


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
