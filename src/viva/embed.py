"""Compatibility seam for the grader's paraphrase recall: the sentence model as ``embed``.

The model itself is ``viva.semantic.minilm.MiniLM`` (NumPy, part of the default install);
this module keeps the grader's older ``embed(texts) -> list of lists`` interface working.
"""

from __future__ import annotations

import importlib.util
from collections.abc import Sequence

from viva.semantic.minilm import MODULE
from viva.semantic.minilm import MiniLM as _Model


class MiniLM:
    """``Embedder`` (list interface) over the NumPy all-MiniLM-L6-v2."""

    def __init__(self, model: _Model | None = None) -> None:
        self._model = model

    def load(self) -> None:
        if self._model is None:
            self._model = _Model()

    def embed(self, texts: Sequence[str]) -> list[list[float]]:
        self.load()
        assert self._model is not None
        return [[float(x) for x in v] for v in self._model.encode(texts)]


def available() -> bool:
    return importlib.util.find_spec(MODULE) is not None
