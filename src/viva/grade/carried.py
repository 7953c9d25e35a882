"""A key point said of the other compared thing is not credited: "RabbitMQ is the
partitioned log" does not make "Kafka is a partitioned log". The answer grader uses it; the
reading of which thing a stretch is about is ``roles``'.
"""

from __future__ import annotations

from collections.abc import Sequence

from viva.grade.check import overlap
from viva.grade.facts import Fact
from viva.grade.roles import Term, term_runs
from viva.grade.words import Clause, Lexicon

CARRY_AT = 0.4  # share of a key point's other words one answer clause must say to carry it


def said_of_other(
    lex: Lexicon,
    point: Fact,
    phrases: Sequence[str],
    clauses: Sequence[Clause],
    terms: tuple[Term, ...],
) -> bool:
    """The answer says a key point about one compared thing, but of another: every part of
    the answer that carries the point (one of its phrases, or most of its other words) names
    another thing and not this one ("RabbitMQ is the partitioned log" does not make "Kafka
    is a partitioned log")."""
    # only a point wholly about one thing: "VMs run their own kernel; containers share the
    # host's" is about both, whether or not "VMs" is read as a name
    whole = term_runs(point.clauses, terms)
    named = whole[0][0] if len(whole) == 1 else []
    if len(named) != 1 or not clauses:
        return False
    this = set(named[0])
    rest = tuple(t for t in dict.fromkeys(point.tokens) if t not in this)
    # a phrase of one word ("next") is too common to say alone where the point was made
    marks = [m for p in phrases if (m := set(lex.clause(p).tokens) - this)]
    if not rest:
        return False
    # the answer's clauses grouped as the fact's are: "... and rabbitmq is the partitioned
    # log that keeps records" - the relative clause is still RabbitMQ's
    carriers = [
        said
        for said, run in term_runs(clauses, terms)
        if (words := frozenset(t for c in run for t in c.tokens))
        and (_marked(marks, words) or overlap(lex, rest, words) >= CARRY_AT)
    ]
    return bool(carriers) and all(said and named[0] not in said for said in carriers)


def _marked(marks: Sequence[set[str]], words: frozenset[str]) -> bool:
    """A phrase of two words or more, or two phrases of one word, said in ``words``: what
    credits a key point (``grade.answer``) marks where it was said."""
    hits = [m for m in marks if m <= words]
    return any(len(m) > 1 for m in hits) or len(hits) >= 2
