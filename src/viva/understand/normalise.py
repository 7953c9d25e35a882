"""Utterance text made fit to match: folded, letters joined, misheard command words fixed,
filler words at either end dropped, number words read. Pure.

Input may be typed or transcribed from speech, so the same steps serve both: "nex" is next,
"go to question for" is four, "hey hello can you ... please" loses its wrapping.
"""

from __future__ import annotations

import re

from rapidfuzz.distance import OSA

from viva.bank.model import Level
from viva.text import fold, join_spelled_letters
from viva.understand.table import LEVEL_WORDS, NUMBER_WORDS

# Control bytes and U+FFFD (undecodable input) never come from a person typing or speaking.
JUNK = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\ufffd]")

FILLERS = re.compile(
    r"^(?:(?:hey|hi|hello|okay|ok|so|um+|uh+|hmm+|well|now|yeah|yes|alright|right|please|"
    r"kindly|can you|could you|would you|will you|can u|pls|viva|coach|sir|madam|just|then|and|"
    r"i said|do one thing|do the needful|actually|basically|oh|no|see|like|but)\s+)+"
)
# Politeness and Indian-English tags at the end ("next please", "one more example na").
TRAILING = re.compile(
    r"(?:\s+(?:please|pls|plz|na|yaar|ya|sir|madam|maam|bro|man|kindly|okay|ok|also))+$"
)

# Misheard or mistyped command words. Short words get an explicit list; longer ones are
# corrected by one edit, but only towards words whose neighbours are not everyday words
# ("slower" is left out: "lower" is one edit away).
SOUNDS_LIKE = {"nex": "next", "nxt": "next", "necks": "next", "paws": "pause", "repit": "repeat"}
FUZZY_TARGETS = frozenset(
    """repeat example examples previous question questions another simple simpler slowly
    continue beginner beginners intermediate senior advanced answer answers explain elaborate
    interview interviews""".split()
)
NOT_TYPOS = frozenset("sample samples simply".split())


def _correct(tokens: list[str], keep: frozenset[str]) -> list[str]:
    keep = keep | NOT_TYPOS | FUZZY_TARGETS
    out = []
    for tok in tokens:
        if tok in SOUNDS_LIKE:
            tok = SOUNDS_LIKE[tok]
        elif len(tok) >= 5 and tok not in keep:
            near = [w for w in FUZZY_TARGETS if OSA.distance(tok, w, score_cutoff=1) == 1]
            tok = near[0] if len(near) == 1 else tok  # two candidates: leave it alone
        out.append(tok)
    return out


def fold_words(text: str, keep: frozenset[str] = frozenset()) -> str:
    """Folded text with spelled letters joined and misheard command words fixed."""
    tokens = join_spelled_letters(fold(text.replace("'", "").replace("\u2019", "")).split())
    return " ".join(_correct(tokens, keep))


def strip_fillers(folded: str) -> str:
    """Fillers dropped at either end; "yes" or "okay" said alone is kept (it is an answer)."""
    stripped = TRAILING.sub("", FILLERS.sub("", folded + " ").strip())
    return stripped or TRAILING.sub("", folded) or folded


def normalise(text: str, keep: frozenset[str] = frozenset()) -> str:
    return strip_fillers(fold_words(text, keep))


_CARDINAL = re.compile(r"\b(" + "|".join(sorted(NUMBER_WORDS, key=len, reverse=True)) + r")\b")


def digits(t: str) -> str:
    """Cardinal number words as digits ("ten python questions" -> "10 python questions")."""
    return _CARDINAL.sub(lambda m: str(NUMBER_WORDS[m.group(1)]), t)


COUNT = re.compile(
    r"\b(?:top|first|give me|list|ask me|only|just|want|need)\s+(\d{1,3})\b|"
    r"\b(\d{1,3})\s+(?:\w+\s+){0,3}?(?:questions?|topics|qs|concepts|areas|things)\b|"
    r"\b(\d{1,3})$|^(\d{1,3})\b"
)


def count_in(t: str) -> int | None:
    """How many questions or topics were asked for ("top 20", "ten python questions")."""
    m = COUNT.search(digits(t))
    if not m:
        return None
    n = int(next(g for g in m.groups() if g))
    return n if 0 < n <= 200 else None


def levels_in(t: str) -> tuple[Level, ...]:
    """Levels named; "beginner to senior" spans a range, "beginner and senior" names two."""
    found = {lv for w, lv in LEVEL_WORDS.items() if re.search(rf"\b{w}\b", t)}
    if len(found) > 1 and re.search(r"\b(to|till|until|through|upto|up to)\b", t):
        return tuple(Level(v) for v in range(min(found), max(found) + 1))
    return tuple(sorted(found))
