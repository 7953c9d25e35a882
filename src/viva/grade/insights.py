"""Delivery insights for a spoken answer: length, filler words, repeated words, the terms
used and the terms worth using.

These describe how something was said, never whether it was right: they feed the learner's
feedback and the mock interview summary, not the score.
"""

from __future__ import annotations

import re
from collections import Counter

from viva.bank.model import Entry, KeyPoint
from viva.grade.model import Insights
from viva.grade.words import Lexicon
from viva.text import STOPWORDS, fold

# Fillers worth pointing out. "like" is also a verb and a preposition, so it counts only
# where a filler usually sits: at the start, after a pause or comma, or after "so"/"is".
FILLER_WORDS = ("um", "umm", "uh", "uhh", "erm", "er", "basically", "actually", "literally")
FILLER_PHRASES = ("you know", "i mean", "kind of", "sort of", "so yeah", "or something")
_LIKE = re.compile(r"(?:^|[,.]\s*|\b(?:um+|uh+|so|and|it's|its|is|was)\s+)like\b", re.I)


def fillers(text: str) -> dict[str, int]:
    words = fold(text).split()
    counts: Counter[str] = Counter(w for w in words if w in FILLER_WORDS)
    joined = " " + " ".join(words) + " "
    for phrase in FILLER_PHRASES:
        n = joined.count(f" {phrase} ")
        if n:
            counts[phrase] = n
    likes = len(_LIKE.findall(text))
    if likes:
        counts["like"] = likes
    return dict(sorted(counts.items(), key=lambda kv: (-kv[1], kv[0])))


def repeated(text: str, top: int = 3, at_least: int = 3) -> tuple[tuple[str, int], ...]:
    """The content words said most often (three times or more)."""
    words = [w for w in fold(text).split() if w not in STOPWORDS and len(w) > 3]
    words = [w for w in words if w not in FILLER_WORDS]
    common = [(w, n) for w, n in Counter(words).most_common() if n >= at_least]
    return tuple(common[:top])


def insights(
    lex: Lexicon, entry: Entry, covered: list[KeyPoint], missed: list[KeyPoint], text: str
) -> Insights:
    """What a graded answer said and how: its length, the entry's terms and the covered
    points' phrases it used, the terms and missed points' phrases worth using, fillers and
    repeated words."""
    # terms are words said, not meanings: "cannot be modified" isn't a term the learner used
    # when they said "immutable", even though it makes the same point
    said = f" {' '.join(lex.words(text))} "
    terms = list(dict.fromkeys([*entry.compare, *entry.tags]))
    phrases = [p for k in covered for p in k.phrases]
    used = [t for t in dict.fromkeys([*terms, *phrases]) if f" {' '.join(lex.words(t))} " in said]
    missing = [t for t in terms if t not in used][:3]
    missing += [k.phrases[0] for k in missed if k.phrases and k.phrases[0] not in missing]
    return Insights(
        len(text.split()), tuple(used[:8]), tuple(missing[:6]), fillers(text), repeated(text)
    )
