"""How often something happens, said wrong: "with Depends FastAPI creates the dependency once
at start-up" where the bank says FastAPI calls it per request, or "the middleware's init runs
for every request" where the bank says once, at start-up.

A text's scope is "start-up" when it says "once at start-up", "when the server starts" and
the like, and "request" when it says "per request", "for every call" (a "not per request"
says nothing). A claim that says start-up is about start-up even if it also says what
happens per request ("... once at start-up and reuses it for every request"); a fact clause
counts only when it says one scope. The claim is wrong when a key point, short answer or
correction says the other scope in a clause about the same thing (most of the claim's other
words). The statement checker (``judge``) uses it.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from viva.grade.check import overlap
from viva.grade.contradict import AUTHORITY
from viva.grade.facts import Fact
from viva.grade.words import Clause, Lexicon

STARTUP = re.compile(
    r"\b(once (at|on|during) start[ -]?up|(at|on|during) start[ -]?up|once per process|"
    r"when the (app|application|server|process|worker) (starts|boots|loads)|at import( time)?|"
    r"once when the (app|application|server|process) starts)\b"
)
PER = re.compile(r"(?<!not )\b(per|each|every|for every|for each) (single )?(request|call)\b")
# "per process" is start-up scope too, but only inside a claim that pairs two things with two
# scopes ("one engine per process and one session per request"): each scope then belongs to
# the words just before it
PROCESS = re.compile(r"\b(?:once |one )?per (?:process|worker)\b")
MARK = re.compile("|".join(p.pattern for p in (STARTUP, PROCESS, PER)))
SCOPE_WORDS = frozenset("once start up startup per each every request call process".split())
SAME_THING_AT = 0.6  # share of the claim's other words the fact clause holds


def scope(text: str, lead: bool = False) -> str | None:
    """ "startup", "request" or None; with ``lead`` (a claim) start-up wins over per request."""
    low = text.lower()
    start, per = bool(STARTUP.search(low)), bool(PER.search(low))
    if start and (lead or not per):
        return "startup"
    if per and not start:
        return "request"
    return None


def _paired(lex: Lexicon, text: str) -> list[tuple[frozenset[str], str]]:
    """Each scope said with the words just before it (back to the last comma, semicolon,
    "and" or earlier scope): "one engine per process and one session per request" gives
    ({engine}, startup) and ({session}, request)."""
    out: list[tuple[frozenset[str], str]] = []
    at = 0
    low = text.lower()
    for m in MARK.finditer(low):
        before = re.split(r"[,;()]| and | but | while ", low[at : m.start()])[-1]
        words = frozenset(t for t in lex.clause(before).tokens if t not in SCOPE_WORDS)
        if words:
            out.append((words, "request" if PER.match(m.group(0)) else "startup"))
        at = m.end()
    return out


def _traded_scope(lex: Lexicon, text: str, facts: Sequence[Fact]) -> Fact | None:
    """A claim of two things with two scopes: the fact that gives one of them the other."""
    mine = _paired(lex, text)
    for f in sorted(facts, key=lambda f: -f.kind.priority):
        if f.kind not in AUTHORITY:
            continue
        for words, said in mine:
            for theirs, other in _paired(lex, f.text):
                if (
                    other != said
                    and overlap(lex, tuple(words), theirs) >= SAME_THING_AT
                    and overlap(lex, tuple(theirs), words) >= SAME_THING_AT
                ):
                    return f
    return None


def wrong_scope(lex: Lexicon, clause: Clause, facts: Sequence[Fact]) -> Fact | None:
    """The fact that says the clause's action happens at the other scope."""
    low = clause.text.lower()
    if PROCESS.search(low) and PER.search(low):
        return _traded_scope(lex, clause.text, facts)
    said = scope(clause.text, lead=True)
    if said is None:
        return None
    words = tuple(t for t in clause.tokens if t not in SCOPE_WORDS)
    if len(words) < 2:
        return None
    # the most central fact first: a key point is the better correction
    for f in sorted(facts, key=lambda f: -f.kind.priority):
        if f.kind not in AUTHORITY:
            continue
        for fc in f.clauses:
            theirs = scope(fc.text)
            if (
                theirs is not None
                and theirs != said
                and overlap(lex, words, frozenset(fc.tokens)) >= SAME_THING_AT
            ):
                return f
    return None
