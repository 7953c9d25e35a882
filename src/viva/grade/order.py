"""Steps said in the wrong order: "drop the old column first and then deploy the new code",
where the bank says to deploy code that no longer uses the column first and drop it after.

Both the claim and the fact must say they are a sequence ("first", "then", "before",
"later", ...); the markers cut each text into steps, words that each says once are the
anchors, and the claim is out of order when more pairs of anchors, in two different steps of
either text, run the other way round in the fact than the same way. Two words of one step
in both are not an order: "copy requirements and pip install" is one step, as is "copy and
install requirements". "A first guess" and "the last seen id" are no step; "the first step"
is.
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


# "a first guess", "the last seen id": an adjective, no step; but "the first step" (thing,
# stage, phase) is one
def _ordinal(word: str) -> str:
    return (
        "(?:"
        + "".join(rf"(?<!\b{d} )" for d in ("a", "an", "the", "its", "your", "their", "my"))
        + rf"{word}|{word}(?= (?:step|thing|stage|phase)s?\b))"
    )


FIRST, LAST = _ordinal("first"), _ordinal("last")
MARK = re.compile(
    r"\b(" + "|".join(sorted(MARKERS - {"first", "last"})) + "|" + FIRST + "|" + LAST + r")\b"
)
# where one step ends and the next begins; "first" followed by "in", "for" ... ends no step
# ("put the equality columns first in a composite index" is one step)
BETWEEN = re.compile(
    r"\b(then|before|later|finally|afterwards|next|"
    + LAST
    + "|"
    + FIRST
    + r"(?! (?:in|on|of|for|at|into|inside|within|when)\b))\b"
)


def sequenced(text: str) -> bool:
    """The text orders steps in time, and its word order is that order."""
    low = text.lower()
    return bool(MARK.search(low)) and not set(re.findall(r"[a-z]+", low)) & UNSURE


def _steps(lex: Lexicon, text: str) -> dict[str, tuple[int, int]]:
    """The step and place of each word said exactly once (markers and common words aside)."""
    seen: dict[str, list[tuple[int, int]]] = {}
    at = 0
    for step, part in enumerate(BETWEEN.split(text.lower())[::2]):
        for t in lex.clause(part).tokens if part.strip() else ():
            seen.setdefault(t, []).append((step, at))
            at += 1
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
    mine = _steps(lex, text)
    if len(mine) < 2:
        return None
    best: tuple[int, Fact] | None = None
    for f in facts:
        if f.kind not in ORDER_KINDS or not sequenced(f.text):
            continue
        if overlap(lex, tuple(tokens), f.tokens) < ABOUT_AT:
            continue
        theirs = _steps(lex, f.text)
        shared = [t for t in mine if t in theirs]
        turned = same = 0
        for a, b in combinations(shared, 2):
            if mine[a][0] == mine[b][0] and theirs[a][0] == theirs[b][0]:
                continue
            if (mine[a] < mine[b]) == (theirs[a] < theirs[b]):
                same += 1
            else:
                turned += 1
        if turned > same and (best is None or turned - same > best[0]):
            best = (turned - same, f)
    return best[1] if best else None
