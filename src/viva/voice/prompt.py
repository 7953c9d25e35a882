"""The glossary Whisper is primed with: the bank's common terms, then the current question's. Pure.

Whisper reads its initial prompt as text that came just before the speech, so terms written
there the way the bank writes them ("GIL", "Kubernetes", "FastAPI") come out spelled that
way and win over sound-alikes ("friend" for "thread" was the typical miss without one).
faster-whisper keeps only the last ~220 tokens of a prompt, so the question's own terms go
last, where they are never cut, and the whole prompt stays well under that.
"""

from __future__ import annotations

import re
from collections import Counter

from viva.bank.model import Bank, Entry

BANK_TERMS = 30  # the bank's most used tags; the question's terms come on top
ENTRY_TERMS = 16
_WORD = re.compile(r"[A-Za-z][\w+#./-]*")


def _clean(term: str) -> str:
    return " ".join(term.replace("`", "").split()).strip(" .,;:")


def bank_terms(bank: Bank, limit: int = BANK_TERMS) -> list[str]:
    """Topic names and the tags most entries share, most used first."""
    counts: Counter[str] = Counter()
    spelled: dict[str, str] = {}
    for e in bank.entries:
        for tag in e.tags:
            t = _clean(tag)
            if t and len(t.split()) <= 3:
                counts[t.lower()] += 1
                # "FastAPI" over "fastapi": the way it is written is the way Whisper writes it
                if sum(c.isupper() for c in t) > sum(
                    c.isupper() for c in spelled.get(t.lower(), "")
                ):
                    spelled[t.lower()] = t
                spelled.setdefault(t.lower(), t)
    names = [_clean(t.name) for t in bank.topics]
    common = [spelled[k] for k, _ in counts.most_common() if k not in {n.lower() for n in names}]
    return list(dict.fromkeys(names + common))[: len(names) + limit]


def entry_terms(entry: Entry, limit: int = ENTRY_TERMS) -> list[str]:
    """The question's tags, compared terms and short key-point phrases."""
    out = [*entry.tags, *entry.compare]
    for kp in entry.key_points:
        out += [p for p in kp.phrases if len(p.split()) <= 3]
    seen: dict[str, str] = {}
    for t in (_clean(t) for t in out):
        if t and _WORD.search(t):
            seen.setdefault(t.lower(), t)
    return list(seen.values())[:limit]


def command_prompt(phrases: list[str], topics: list[str]) -> str:
    """For an utterance the grammar was unsure of: the commands' own words, then topics.

    Measured: a lone "slower" primed with the interview glossary came out "It's like that.";
    primed with command words, "slower.".
    """
    return "Commands: " + ", ".join([*phrases, *topics]) + "."


RATING_PROMPT = "How well did you know it? Again. Hard. Good. Easy. Good."


def initial_prompt(common: list[str], entry: Entry | None) -> str:
    """``common`` terms, then the current question's terms, as one glossary sentence."""
    terms = list(common)
    if entry is not None:
        own = entry_terms(entry)
        terms = [t for t in terms if t.lower() not in {o.lower() for o in own}] + own
    return "Interview glossary: " + ", ".join(terms) + "."
