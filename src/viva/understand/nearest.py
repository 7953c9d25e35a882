"""The nearest-neighbour fallback: an utterance no template covers, read by meaning. Pure.

The intent table's example sentences (``match.examples()``: every whole template expanded,
every within phrase alone) are embedded once; a short utterance that nothing else understood
takes the intent of its closest example when the cosine is high enough (``reader.NEAREST_AT``,
calibrated on the dev split). A question number or a quiz topic is never made up, and a
guess never ends the conversation or greets. The vectors and the encoder are passed in
(the application layer owns the model and the cache), and nothing is computed until the
first utterance that needs it, so a text coach that understands every line never loads the
model.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING

from viva.understand.intents import Kind
from viva.understand.match import examples

if TYPE_CHECKING:  # building the reader imports no NumPy; the first guess does, with the model
    from viva.semantic import Vectors

# Intents a guess never stands for: a question number or a quiz topic must be said; a misread
# line must not end the conversation ("let's leave this one" is near "let's stop"); and a
# greeting is what the table lists, since a mishearing with "hello" in it ("see you say
# hello", the seed's noise) is near "hello" by that one word, not by what it means.
NEVER_GUESSED = frozenset({Kind.GOTO, Kind.QUIZ, Kind.QUIT, Kind.GREETING})


def example_texts() -> list[str]:
    """The sentences whose vectors the fallback needs (what ships, what a cache holds)."""
    return [text for text, kind in examples() if kind not in NEVER_GUESSED]


class Nearest:
    """``nearest(text) -> (kind, cosine)`` over the table's examples.

    ``vectors(texts)`` gives the examples' unit rows (shipped, cached or encoded);
    ``encode(texts)`` embeds the utterance. Both are called lazily, on first use."""

    def __init__(
        self,
        vectors: Callable[[Sequence[str]], Vectors],
        encode: Callable[[Sequence[str]], Vectors],
    ) -> None:
        self._vectors = vectors
        self._encode = encode
        self._kinds: list[Kind] = []
        self._matrix: Vectors | None = None

    def _load(self) -> Vectors:
        if self._matrix is None:
            pairs = [(t, k) for t, k in examples() if k not in NEVER_GUESSED]
            self._kinds = [k for _, k in pairs]
            self._matrix = self._vectors([t for t, _ in pairs])
        return self._matrix

    def __call__(self, text: str) -> tuple[Kind, float]:
        matrix = self._load()
        query = self._encode([text])[0]
        cosines = matrix @ query
        best = int(cosines.argmax())
        return self._kinds[best], float(cosines[best])
