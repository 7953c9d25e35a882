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
    return [t for t in map(str.strip, text.splitlines()) if t]
