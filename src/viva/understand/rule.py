"""One intent's templates, as the intent table writes them (see ``viva.understand.table``)."""

from __future__ import annotations

from dataclasses import dataclass

from viva.understand.intents import Kind


@dataclass(frozen=True, slots=True)
class Rule:
    """An intent's templates, one a line (blank lines and surrounding space ignored)."""

    kind: Kind
    whole: str = ""
    within: str = ""

    @property
    def wholes(self) -> list[str]:
        return _lines(self.whole)

    @property
    def withins(self) -> list[str]:
        return _lines(self.within)


def _lines(text: str) -> list[str]:
    return [
        NEXT_AFTER_ACK if t == "NEXT_AFTER_ACK" else t
        for t in map(str.strip, text.splitlines())
        if t
    ]


_ACK = "(ok|okay|got it|fine|good|great|done|understood|i understood|thanks|thank you|yes|alright|cool|nice|sorry|yeah|go ahead)"
NEXT_AFTER_ACK = f"[{_ACK}] [{_ACK}] (next|next one|next question|move on|go ahead|go next|lets go|lets move on) [please|sir|one|question]"
