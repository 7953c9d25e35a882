"""The learner's own rating of a revealed answer, and how people say it.

Kept apart from ``cards`` (which loads the FSRS package) so the conversation can understand
"that was easy" without loading the scheduler.
"""

from __future__ import annotations

import re
from enum import IntEnum

_WORDS = {
    "again": 1,
    "forgot": 1,
    "forgotten": 1,
    "no idea": 1,
    "didnt know": 1,
    "did not know": 1,
    "1": 1,
    "one": 1,
    "hard": 2,
    "difficult": 2,
    "tough": 2,
    "2": 2,
    "two": 2,
    "good": 3,
    "ok": 3,
    "okay": 3,
    "fine": 3,
    "3": 3,
    "three": 3,
    "easy": 4,
    "4": 4,
    "four": 4,
}
_LONGEST_RATING = 4  # words: "it was pretty easy"; longer is an answer, not a rating


class Rate(IntEnum):
    """The learner's own rating of a studied question, as FSRS sees it."""

    AGAIN = 1
    HARD = 2
    GOOD = 3
    EASY = 4

    @classmethod
    def parse(cls, text: str) -> Rate | None:
        """A short reply that names one rating ("good", "that was hard", "3."), else None."""
        words = re.findall(r"[a-z0-9]+", text.lower().replace("'", ""))
        if not words or len(words) > _LONGEST_RATING or "not" in words:
            return None
        joined = " ".join(words)
        found = {r for phrase, r in _WORDS.items() if re.search(rf"\b{phrase}\b", joined)}
        return cls(found.pop()) if len(found) == 1 else None
