"""The semantic layer's seam for grading: the ``Embedder`` protocol, cached meanings, recall.

``viva.semantic`` provides the real embedder (all-MiniLM-L6-v2 run with NumPy); anything with
``encode(texts) -> float32 array (n, 384)`` of L2-normalised rows fits, so tests pass a
scripted one. Similarity only says what a sentence is about; it never decides right or wrong
(an inverted answer embeds as close as a correct one), so the grader still checks polarity,
roles and misconceptions on whatever this finds. Vectors are cached per text: the bank's
facts are encoded once (``warm``), a learner's sentence once per call.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from typing import Any, Protocol

import numpy as np

from viva.grade.facts import FactBook, FactKind
from viva.grade.words import Clause

SEMANTIC_KINDS = (FactKind.MISCONCEPTION, FactKind.RED_FLAG, FactKind.POINT, FactKind.CORRECTION)

SIMILAR_AT = 0.62

# (key point text, answer clauses) -> the clauses that say the same thing in other words
Similar = Callable[[str, Sequence[Clause]], list[Clause]]


class Embedder(Protocol):
    """``viva.semantic.Embedder``'s shape, restated so the grader imports no model code."""

    def encode(self, texts: Sequence[str]) -> Any:
        """A float32 array of shape (len(texts), dim), rows L2-normalised."""
        ...


class Meaning:
    """Cosine similarities between texts, each text encoded once."""

    def __init__(self, embedder: Embedder, cache_limit: int = 50_000) -> None:
        self._embedder = embedder
        self._vectors: dict[str, np.ndarray] = {}
        self._limit = cache_limit
        self.fresh: set[str] = set()  # texts encoded since the owner last saved vectors
        self.encoded = 0  # texts run through the model (not found in a cache)

    def warm(self, texts: Iterable[str], batch: int = 32) -> None:
        """Encode texts ahead of use (the bank's facts), shortest first, in small batches."""
        todo = sorted({t for t in texts if t not in self._vectors}, key=len)
        for i in range(0, len(todo), batch):
            self._encode(todo[i : i + batch])

    def vectors(self) -> dict[str, np.ndarray]:
        return self._vectors

    def preload_book(self, book: Any) -> None:
        """Take the vectors a ``viva.semantic.book.VectorBook`` holds for texts asked later."""
        self._book = book

    def _from_book(self, text: str) -> np.ndarray | None:
        book = getattr(self, "_book", None)
        row = book.get(text) if book is not None else None
        return None if row is None else np.asarray(row, dtype=np.float32)

    def _encode(self, texts: Sequence[str]) -> None:
        if len(self._vectors) + len(texts) > self._limit:
            self._vectors.clear()
        todo = []
        for t in texts:
            row = self._from_book(t)
            if row is None:
                todo.append(t)
            else:
                self._vectors[t] = row
        if todo:
            rows = np.asarray(self._embedder.encode(list(todo)), dtype=np.float32)
            for t, v in zip(todo, rows, strict=True):
                self._vectors[t] = v
            self.fresh.update(todo)
            self.encoded += len(todo)

    def vector(self, text: str) -> np.ndarray:
        if text not in self._vectors:
            self._encode([text])
        return self._vectors[text]

    def similarity(self, text: str, others: Sequence[str]) -> list[float]:
        if not others:
            return []
        todo = [t for t in dict.fromkeys(others) if t not in self._vectors]
        if todo:
            self._encode(todo)
        q = self.vector(text)
        mat = np.stack([self._vectors[o] for o in others])
        return [float(x) for x in mat @ q]


def semantic_texts(book: FactBook) -> list[str]:
    """The facts the grader compares by meaning: wrong beliefs and what is true instead."""
    return [f.text for facts in book.facts.values() for f in facts if f.kind in SEMANTIC_KINDS]


def similar_with(embedder: Embedder | Meaning, threshold: float = SIMILAR_AT) -> Similar:
    """A paraphrase finder: the clauses whose meaning is close to a key point."""
    meaning = embedder if isinstance(embedder, Meaning) else Meaning(embedder)

    def find(point: str, clauses: Sequence[Clause]) -> list[Clause]:
        if not clauses:
            return []
        sims = meaning.similarity(point, [c.text for c in clauses])
        return [c for c, s in zip(clauses, sims, strict=True) if s >= threshold]

    return find
