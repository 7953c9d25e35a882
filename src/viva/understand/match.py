"""The intent table compiled: the exact matcher and the classifier's examples. Pure.

Built once per conversation. ``whole`` says which intent an utterance is when it is nothing
but a command; ``within`` finds intents said inside a longer sentence, with where they were
said (so the rest of the sentence can be judged for a subject); ``examples`` are the
table's sentences, for the nearest-neighbour classifier and the voice grammar.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from viva.understand.intents import Kind
from viva.understand.table import NUMBERS, ORDINALS, PERSIST, RULES
from viva.understand.template import expand, regex

LISTS = {"number": [*NUMBERS, *ORDINALS], "ordinal": list(ORDINALS)}
SAMPLES = {"number": ["three", "12"], "ordinal": ["first", "last"]}


@dataclass(frozen=True, slots=True)
class Found:
    kind: Kind
    start: int
    end: int
    groups: dict[str, str]


class Matcher:
    def __init__(self) -> None:
        self.whole_rx = [(r.kind, regex(t, LISTS, whole=True)) for r in RULES for t in r.wholes]
        self.within_rx = [(r.kind, regex(t, LISTS, whole=False)) for r in RULES for t in r.withins]
        self.persist_rx = re.compile(
            "|".join(regex(p, LISTS, whole=False).pattern for p in PERSIST)
        )

    def whole(self, t: str) -> Found | None:
        text = t + " "
        for kind, rx in self.whole_rx:
            m = rx.match(text)
            if m:
                return Found(kind, 0, len(t), {k: v.strip() for k, v in m.groupdict().items() if v})
        return None

    def within(self, t: str) -> list[Found]:
        """Every intent said in ``t``, in the order said, overlapping ones dropped
        (for one stretch of words the table's earlier rule wins)."""
        text = t + " "
        taken: list[Found] = []
        for kind, rx in self.within_rx:
            for m in rx.finditer(text):
                start, end = m.start(), m.end() - 1
                if any(start < f.end and f.start < end for f in taken):
                    continue
                if any(f.kind is kind for f in taken):
                    continue
                taken.append(Found(kind, start, end, {}))
        return sorted(taken, key=lambda f: f.start)

    def persistent(self, t: str) -> bool:
        return bool(self.persist_rx.search(t + " "))


def examples() -> list[tuple[str, Kind]]:
    """The table's sentences: each whole template expanded, and each within phrase alone."""
    out: list[tuple[str, Kind]] = []
    for rule in RULES:
        for t in (*rule.wholes, *rule.withins):
            out += [(s, rule.kind) for s in expand(t, SAMPLES, limit=6)]
    return list(dict.fromkeys(out))
