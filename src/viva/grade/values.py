"""A value said wrong: an HTTP status code other than the one the bank gives for the same
situation ("over the rate limit the API returns 503 with Retry-After" where the bank says
429 Too Many Requests with Retry-After).

A claim's code is wrong when an authoritative fact (key point, short answer, correction) of
a candidate entry names another code in a clause that shares the claim's situation - a fair
share of that clause's other words - and the entry never uses the claim's code at all (an
entry that also discusses 503 elsewhere leaves the claim to the other rules). The statement
checker (``judge``) uses it.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence

from viva.grade.check import overlap
from viva.grade.contradict import AUTHORITY
from viva.grade.facts import Fact
from viva.grade.words import Clause, Lexicon

CODE = re.compile(r"^[1-5][0-9][0-9]$")
SITUATION_AT = 0.3  # share of the fact clause's other words the claim says


def _codes(tokens: Iterable[str]) -> set[str]:
    return {t for t in tokens if CODE.match(t)}


def wrong_code(lex: Lexicon, clause: Clause, facts: Sequence[Fact]) -> Fact | None:
    """The fact that gives another status code where the clause gives one."""
    said = _codes(clause.tokens)
    if not said:
        return None
    used: dict[str, set[str]] = {}
    for f in facts:
        used.setdefault(f.entry_id, set()).update(_codes(f.tokens))
    rest = frozenset(t for t in clause.tokens if t not in said)
    for f in sorted(facts, key=lambda f: -f.kind.priority):
        if f.kind not in AUTHORITY or said & used.get(f.entry_id, set()):
            continue
        for fc in f.clauses:
            theirs = _codes(fc.tokens)
            words = tuple(t for t in fc.tokens if t not in theirs)
            if theirs and words and overlap(lex, words, rest) >= SITUATION_AT:
                return f
    return None
