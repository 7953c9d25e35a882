"""A value said wrong: an HTTP status code other than the one the bank gives for the same
situation ("over the rate limit the API returns 503 with Retry-After" where the bank says
429 Too Many Requests with Retry-After), or an amount of time, size or percent other than
the bank's for the same setting ("gunicorn's default worker timeout is sixty seconds" where
the bank says 30 seconds by default).

A claim's code is wrong when an authoritative fact (key point, short answer, correction) of
a candidate entry names another code in a clause that shares the claim's situation - a fair
share of that clause's other words - and the entry never uses the claim's code at all (an
entry that also discusses 503 elsewhere leaves the claim to the other rules). The statement
checker (``judge``) uses it.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from viva.grade.amounts import UNITS, Amount, amounts, same
from viva.grade.check import KEY_WORD, overlap
from viva.grade.contradict import AUTHORITY
from viva.grade.facts import Fact, FactKind
from viva.grade.words import Clause, Lexicon, gstem

CODE = re.compile(r"^[1-5][0-9][0-9]$")
UNIT_TOKENS = frozenset(gstem(u) for u in UNITS if u.isalpha())  # as the lexicon reads them
SITUATION_AT = 0.3  # share of the fact clause's other words the claim says
AMOUNT_AT = 0.6  # share of the words around a claim's amount a stretch of a fact says
AMOUNT_MARGIN = 0.15  # ... a stretch giving the claim's own amount this close leaves it be
# the facts that give amounts: settings' defaults are mostly said in the explanation
AMOUNT_KINDS = (*AUTHORITY, FactKind.ANSWER)
# "more than 30 seconds" is a bound, not the value; "raised it to 120 seconds", "requests
# that take 45 seconds" give a value of the learner's own, not the setting's default
BOUNDS = re.compile(
    r"\b(?:more|less|fewer|longer|shorter|bigger|smaller|higher|lower|over|under|above|below"
    r"|least|most|upto|up to|within|than|about|around|roughly|approximately|nearly|almost|max"
    r"|maximum|minimum|exceeds?|(?<!default )(?<!defaults )(?<!defaulting )to|from|for|instead of|takes?|took|taking|set|raised|lowered"
    r"|increased?|bumped?)\s*$|~\s*$"
)
# a fact sentence that gives an amount as an example, not as the setting's value
EXAMPLE = re.compile(r"\b(?:for example|e\.g\.|say|such as|about|roughly|around|up to|like|if)\b|~")
INSTANCE = re.compile(r"\b(?:an?)\s*$", re.I)
# the words that make an amount a setting's value: "30 seconds by default", "capped at 5 minutes"
SETTING = frozenset({"default", "limit", "max", "maximum", "minimum", "cap", "most"})
# a cheap first look for those words in a fact's text, identifiers too ("maxSurge")
SETTING_SAID = re.compile("|".join(sorted(SETTING)))
# the learner's own setup: "we run gunicorn with a timeout of 120 seconds"
OWN = re.compile(r"\b(?:we|our|us|my)\b", re.I)
CAMEL = re.compile(r"(?<=[a-z])(?=[A-Z])")
SENTENCES = re.compile(r"(?<=[.!?])\s+")


def _codes(tokens: Sequence[str]) -> set[str]:
    """Status codes; a number with a unit after it ("120 seconds") is an amount."""
    return {
        t
        for i, t in enumerate(tokens)
        if CODE.match(t) and (i + 1 == len(tokens) or tokens[i + 1] not in UNIT_TOKENS)
    }


def wrong_value(
    lex: Lexicon, clause: Clause, text: str, facts: Sequence[Fact]
) -> tuple[Fact, str, str] | None:
    """A status code said wrong in the clause, or an amount said wrong in the claim (``text``,
    as said: "4-5 minutes" is a range there): the fact, what it says instead, and why
    ("value" for a code, "amount" for an amount)."""
    code = wrong_code(lex, clause, facts)
    if code is not None:
        return code, code.text, "value"
    amount = wrong_amount(lex, text, facts)
    return None if amount is None else (amount[0], amount[1], "amount")


def wrong_code(lex: Lexicon, clause: Clause, facts: Sequence[Fact]) -> Fact | None:
    """The fact that gives another status code where the clause gives one."""
    said = _codes(clause.tokens)
    if not said:
        return None
    used: dict[str, set[str]] = {}
    for f in facts:
        used.setdefault(f.entry_id, set()).update(c for fc in f.clauses for c in _codes(fc.tokens))
    rest = frozenset(t for t in clause.tokens if t not in said)
    for f in sorted(facts, key=lambda f: -f.kind.priority):
        if f.kind not in AUTHORITY or said & used.get(f.entry_id, set()):
            continue
        for fc in f.clauses:
            theirs = _codes(fc.tokens)
            words = tuple(t for t in fc.tokens if t not in theirs)
            # one light word ("the default is 422") is no situation; "410 Gone" is one
            named = len(set(words)) >= 2 or any(lex.weight(t) >= KEY_WORD for t in words)
            if theirs and named and overlap(lex, words, rest) >= SITUATION_AT:
                return f
    return None


def wrong_amount(lex: Lexicon, text: str, facts: Sequence[Fact]) -> tuple[Fact, str] | None:
    """The fact that gives another amount for the setting a claim (``text``, as said) gives
    one for, and the sentence that says so: the words around an amount of the claim are said
    around an amount of the same kind (time, size, percent) that the bank gives as a default
    or a limit, and no stretch as close gives the claim's own. Identifiers are read in words
    ("terminationGracePeriodSeconds" says "grace period"); the bank's other numbers are
    illustrations ("an RPO of 15 minutes ..."), not settings to hold a claim to."""
    if lex.clause(text).negated or OWN.search(text):
        return None  # "the timeout is not sixty seconds", "we run it with 120 seconds"
    said_all = amounts(text)
    # what the candidate facts give as a default or limit, read once per claim
    given = (
        [
            (f, part, around, theirs)
            for f in facts
            if f.kind in AMOUNT_KINDS and SETTING_SAID.search(f.text.lower())
            for part, around, theirs in _stretches(lex, f.text)
        ]
        if said_all
        else []
    )
    for k, said in enumerate(said_all):
        if BOUNDS.search(text[: said.start]):
            continue
        # the words around it in its own part of the claim, not "..., after that the master
        # kills the stuck worker"
        lo = max(text.rfind(p, 0, said.start) for p in ",;") + 1
        hi = min((e for p in ",;" if (e := text.find(p, said.end)) >= 0), default=len(text))
        mine = tuple(lex.clause(_around(text, said_all, k, lo, hi)).tokens)
        if len(set(mine)) < 2:
            continue
        rows = [
            (overlap(lex, mine, around), theirs, f, part)
            for f, part, around, theirs in given
            if theirs.dimension == said.dimension and not _other_thing(lex, mine, around)
        ]
        top = max((row[0] for row in rows), default=0.0)
        close = [theirs for s, theirs, _, _ in rows if s >= top - AMOUNT_MARGIN]
        # the claim gives the bank's amount itself, here or beside it ("the default of 30
        # seconds was killing slow workers, so we raised it to 120 seconds")
        if top < AMOUNT_AT or any(same(a, theirs) for a in said_all for theirs in close):
            continue
        return next((f, part) for s, _, f, part in rows if s == top)
    return None


def _other_thing(lex: Lexicon, mine: Sequence[str], around: frozenset[str]) -> bool:
    """The stretch names a thing the claim doesn't and lacks one the claim names: Docker's
    10 seconds is not Kubernetes' grace period."""
    names = frozenset(mine) & lex.entities
    return bool(names - around) and bool((around & lex.entities) - names)


def _stretches(lex: Lexicon, text: str) -> list[tuple[str, frozenset[str], Amount]]:
    """Each amount a fact gives as a default or a limit, with the sentence that gives it and
    the words around it: from the amount before it (or the start of its part of the
    sentence) to the amount after. An amount after "a"/"an" is an instance ("a 500 MB upload
    means 500 MB of RAM"), and so is the same amount again in that part."""
    out: list[tuple[str, frozenset[str], Amount]] = []
    for sentence in SENTENCES.split(text):
        if EXAMPLE.search(sentence.lower()):
            continue
        for part in sentence.split("; "):
            found = amounts(part)
            instances = [a for a in found if INSTANCE.search(part[: a.start])]
            for k, a in enumerate(found):
                if any(same(a, i) for i in instances):
                    continue
                words = CAMEL.sub(" ", _around(part, found, k))
                around = frozenset(lex.clause(words).tokens)
                if around & SETTING:
                    out.append((sentence.strip(), around, a))
    return out


def _around(text: str, found: Sequence[Amount], k: int, lo: int = 0, hi: int = -1) -> str:
    """The words around the k-th amount: from the amount before it to the amount after, and
    within ``lo`` and ``hi``."""
    a = found[k]
    start = max(found[k - 1].end if k else 0, lo)
    end = min(found[k + 1].start if k + 1 < len(found) else len(text), hi if hi >= 0 else len(text))
    return text[start : a.start] + " " + text[a.end : end]
