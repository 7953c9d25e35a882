"""Steps said in the wrong order: "drop the old column first and then deploy the new code",
where the bank says to deploy code that no longer uses the column first and drop it after.

Both the claim and the fact must say they are a sequence ("first", "then", "before",
"later", ...); words that each says once are the steps' anchors, and the claim is out of
order when more pairs of anchors run the other way round in the fact than the same way.
Texts with "after", "until", "once" or "if" are left alone: their word order is not their
order in time ("drop it after the deploy", "if a before-request hook returns ..."). The statement checker (``judge``) uses it.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from itertools import combinations

from viva.grade.check import overlap
from viva.grade.facts import Fact, FactKind
from viva.grade.words import Lexicon

MARKERS = frozenset("first then before later finally afterwards next last".split())
UNSURE = frozenset("after afterward until once while meanwhile unless when whenever if".split())
ORDER_KINDS = (FactKind.POINT, FactKind.SHORT, FactKind.CORRECTION, FactKind.ANSWER)
ABOUT_AT = 0.6  # weighted share of the claim's words the fact must hold
ANCHOR_WEIGHT = 1.0  # idf below which a word is too common to mark a step


def sequenced(text: str) -> bool:
    """The text orders steps in time, and its word order is that order."""
    words = set(re.findall(r"[a-z]+", text.lower()))
    return bool(words & MARKERS) and not words & UNSURE


def _once(lex: Lexicon, tokens: Sequence[str]) -> dict[str, int]:
    """Position of each word said exactly once (markers and common words aside)."""
    seen: dict[str, list[int]] = {}
    for i, t in enumerate(tokens):
        seen.setdefault(t, []).append(i)
    return {
        t: at[0]
        for t, at in seen.items()
        if len(at) == 1 and t not in MARKERS and lex.weight(t) >= ANCHOR_WEIGHT
    }


def out_of_order(
    lex: Lexicon, text: str, tokens: Sequence[str], facts: Sequence[Fact]
) -> Fact | None:
    """The fact whose steps the claim says in the other order."""
    if not sequenced(text):
        return None
    mine = _once(lex, tokens)
    if len(mine) < 2:
        return None
    best: tuple[int, Fact] | None = None
    for f in facts:
        if f.kind not in ORDER_KINDS or not sequenced(f.text):
            continue
        if overlap(lex, tuple(tokens), f.tokens) < ABOUT_AT:
            continue
        theirs = _once(lex, [t for c in f.clauses for t in c.tokens])
        shared = [t for t in mine if t in theirs]
        turned = same = 0
        for a, b in combinations(shared, 2):
            if (mine[a] < mine[b]) == (theirs[a] < theirs[b]):
                same += 1
            else:
                turned += 1
        if turned > same and (best is None or turned - same > best[0]):
            best = (turned - same, f)
    return best[1] if best else None
