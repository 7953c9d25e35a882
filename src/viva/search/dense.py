"""Dense retrieval: each entry's best cosine between the query and its questions.

An entry is represented by its question, its variants and its compared terms ("Flask vs
FastAPI"); its score is the maximum cosine over them, since a learner's phrasing is usually
close to one way of asking, not to their average. Pure: the vectors are computed at the edge
and handed in.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from viva.bank.model import Bank, Entry
from viva.semantic import Vectors


def entry_texts(entry: Entry) -> list[str]:
    texts = [entry.question, *entry.variants]
    if len(entry.compared) >= 2:
        texts.append(" vs ".join(entry.compared))
    return texts


def bank_texts(bank: Bank) -> tuple[list[str], list[int]]:
    """Every text to embed and, for each, the index of its entry in ``bank.entries``."""
    texts: list[str] = []
    owner: list[int] = []
    for i, entry in enumerate(bank.entries):
        for t in entry_texts(entry):
            texts.append(t)
            owner.append(i)
    return texts, owner


@dataclass(frozen=True, slots=True)
class DenseIndex:
    ids: tuple[str, ...]
    owner: np.ndarray  # row -> entry index
    matrix: Vectors  # one unit row per text

    @classmethod
    def build(cls, bank: Bank, matrix: Vectors) -> DenseIndex:
        _, owner = bank_texts(bank)
        return cls(tuple(e.id for e in bank.entries), np.array(owner, dtype=np.int64), matrix)

    def scores(self, query: Vectors) -> np.ndarray:
        """Per entry, the best cosine of ``query`` (a unit vector) with its texts."""
        sims = self.matrix @ query.reshape(-1)
        best = np.full(len(self.ids), -1.0, dtype=np.float32)
        np.maximum.at(best, self.owner, sims)
        return best
