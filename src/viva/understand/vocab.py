"""The bank's topic names and aliases as the understanding layer sees them. Pure."""

from __future__ import annotations

from dataclasses import dataclass, field

from viva.bank.model import Bank
from viva.search.aliases import phrase_table
from viva.text import fold, join_spelled_letters


@dataclass(frozen=True, slots=True)
class Vocabulary:
    """Topic names and aliases (folded) -> topic id; built from the bank by the caller."""

    topics: dict[str, str] = field(default_factory=dict)
    # every word of every topic phrase: never "corrected" into a command word
    words: frozenset[str] = frozenset()

    @classmethod
    def from_bank(cls, bank: Bank) -> Vocabulary:
        """Every topic's id (also with spaces), name and aliases."""
        pairs: list[tuple[str, str]] = []
        for t in bank.topics:
            pairs += [(t.id, t.id), (t.id.replace("-", " "), t.id), (t.name, t.id)]
            pairs += [(a, t.id) for a in t.aliases]
        # spoken forms search knows ("kuber netes", "jango") name the topic too
        known = {fold(p): topic for p, topic in pairs}
        for form, canon in phrase_table().items():
            if fold(canon) in known:
                pairs.append((form, known[fold(canon)]))
        return cls.from_pairs(pairs)

    @classmethod
    def from_pairs(cls, pairs: list[tuple[str, str]]) -> Vocabulary:
        table: dict[str, str] = {}
        for phrase, topic in pairs:
            key = " ".join(join_spelled_letters(fold(phrase).split()))
            if key:
                table.setdefault(key, topic)
        return cls(table, frozenset(w for key in table for w in key.split()))

    def find_topic(self, text: str) -> str | None:
        """The topic named in ``text`` (longest phrase wins, then the first)."""
        found = self.find_topics(text)
        return found[0] if found else None

    def find_topics(self, text: str) -> list[str]:
        """Every topic named in ``text``, in order, each once ("python and django")."""
        words, found, i = text.split(), [], 0
        while i < len(words):
            for n in range(min(4, len(words) - i), 0, -1):
                topic = self.topics.get(" ".join(words[i : i + n]))
                if topic:
                    found.append(topic)
                    i += n
                    break
            else:
                i += 1
        return list(dict.fromkeys(found))
