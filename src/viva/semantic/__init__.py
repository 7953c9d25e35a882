"""The semantic layer: sentence embeddings without torch.

``Embedder`` is the seam every user of embeddings codes against (retrieval, intents, the
grader's paraphrase recall); ``viva.semantic.minilm.MiniLM`` is the real one
(all-MiniLM-L6-v2 run by our own NumPy forward pass), and tests of other parts may pass a
scripted one. Rows are L2-normalised, so a dot product is a cosine.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Protocol

import numpy as np
from numpy.typing import NDArray

Vectors = NDArray[np.float32]
DIM = 384


class Embedder(Protocol):
    def encode(self, texts: Sequence[str]) -> Vectors:
        """One L2-normalised row per text, shape (len(texts), DIM)."""
        ...


def normalise(x: NDArray[np.floating]) -> Vectors:
    """Rows scaled to unit length (a zero row stays zero)."""
    norms = np.linalg.norm(x, axis=-1, keepdims=True)
    out: Vectors = (x / np.maximum(norms, 1e-12)).astype(np.float32)
    return out
