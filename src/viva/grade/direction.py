"""A direction said the other way round: "responses go through the middleware top to bottom"
where the bank says requests go top to bottom and responses come back bottom to top.

Every word of such a claim is in the fact, so word overlap backs it; only the order of the
two ends of "A to B" tells them apart. A fact's sentence is cut into stretches (at
punctuation and at "and", "but", "while", "whereas"), and a stretch is about the first word
it names that is not a context ("in Django the request ..." is about the request). The claim
is reversed when a stretch of a fact about the same thing says "B to A" and none says
"A to B". The statement checker (``judge``) uses it.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from viva.grade.check import overlap
from viva.grade.facts import Fact, FactBook, FactKind
from viva.grade.words import Lexicon

# "from the top to the bottom", "top to bottom", "python values to strings"
_PAIR = re.compile(r"\b([a-z0-9][\w-]*)\s+to\s+(?:the\s+|a\s+|an\s+)?([a-z0-9][\w-]*)\b")
_STRETCH = re.compile(r"[,;:.()]|\b(?:and|but|while|whereas)\b")
_CONDITION = re.compile(r"\b(?:if|when|whenever|unless)\b")
_NEGATED = re.compile(r"\b(?:not|never|no|don't|doesn't|isn't|aren't|won't|can't|cannot)\b")

ABOUT_AT = 0.7  # share of the claim's stretch (its two ends left out) a fact must hold
Way = tuple[str | None, tuple[str, str]]  # what a stretch is about, and its "A to B"


def _ways(lex: Lexicon, text: str) -> list[Way]:
    out: list[Way] = []
    for stretch in _STRETCH.split(text.lower()):
        if _NEGATED.search(stretch) or _CONDITION.search(stretch):
            continue  # "doesn't go top to bottom", "if traffic is one-way ...": no direction
        tokens = [t for t in lex.clause(stretch).tokens if t not in lex.contexts]
        lead = tokens[0] if tokens else None
        for m in _PAIR.finditer(stretch):
            a, b = lex.clause(m[1]).tokens, lex.clause(m[2]).tokens
            numbers = m[1].lstrip("-").isdigit() and m[2].lstrip("-").isdigit()
            if len(a) == 1 and len(b) == 1 and a != b and not numbers:  # (a range either way)
                out.append((lead, (a[0], b[0])))
    return out


def _fact_ways(book: FactBook, text: str) -> list[Way]:
    """A fact's directions, read once per fact book: the bank's facts are read for every
    claim that has a direction of its own."""
    found = book.directions.get(text)
    if found is None:
        found = book.directions[text] = _ways(book.lexicon, text)
    return found


def reversed_direction(book: FactBook, claim: str, facts: Sequence[Fact]) -> Fact | None:
    """The fact that says the claim's "A to B" as "B to A" of the same thing."""
    lex = book.lexicon
    said = _ways(lex, claim)
    if not said:
        return None
    # (an analogy's "pages three to six" is no direction of the thing)
    ways = [
        (f, _fact_ways(book, f.text))
        for f in facts
        if f.kind is not FactKind.SIMPLE and " to " in f.text.lower()
    ]
    for lead, (a, b) in said:
        if lead is None:
            continue
        same = any(w == (lead, (a, b)) for _, fw in ways for w in fw)
        if same:
            continue
        for f, fw in ways:
            if (lead, (b, a)) in fw:
                return f
    return _said_in_other_words(lex, claim, said, ways)


def _said_in_other_words(
    lex: Lexicon, claim: str, said: list[Way], ways: list[tuple[Fact, list[Way]]]
) -> Fact | None:
    """The fact's stretch may be about the same thing in other words ("import runs the code
    bottom to top" against "... caches the module before running its code top to bottom"):
    no fact says "A to B" of anything, the claim doesn't say "B to A" of something else
    ("checked top to bottom, and you read the traceback bottom to top"), and a fact that
    says "B to A" holds most of the rest of the claim's stretch (the two ends, which any
    such fact holds, left out)."""
    pairs = {pair for _, pair in said}
    for stretch in _STRETCH.split(claim.lower()):
        for lead, (a, b) in _ways(lex, stretch):
            if lead is None or (b, a) in pairs:
                continue
            if any(w == (a, b) for _, fw in ways for _, w in fw):
                continue
            rest = tuple(t for t in lex.clause(stretch).tokens if t not in (a, b))
            for f, fw in ways:
                if (
                    rest
                    and any(w == (b, a) for _, w in fw)
                    and overlap(lex, rest, f.tokens) >= ABOUT_AT
                ):
                    return f
    return None
