"""Sentence vectors kept on disk, keyed by a hash of their text.

Encoding the whole bank takes about a minute on two cores, so its vectors ship with viva as a
generated file (``viva/data/bank-vectors.npz``, rebuilt by ``viva bank vectors`` and checked
current by a test) and any text it lacks (an edited or added entry, another content folder) is
encoded once and kept in the learner's cache. Vectors are float16: 768 bytes a text, and
cosines stay within 1e-3 of float32.
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import tempfile
import zipfile
from collections.abc import Callable, Iterable, Sequence
from pathlib import Path

import numpy as np

from viva.semantic import DIM, Vectors

SHIPPED = Path(__file__).resolve().parents[1] / "data" / "bank-vectors.npz"
KEY_BYTES = 12


def text_key(text: str) -> bytes:
    return hashlib.blake2b(" ".join(text.split()).encode("utf-8"), digest_size=KEY_BYTES).digest()


class VectorBook:
    """text key -> float16 vector; reads any number of files, writes one."""

    def __init__(self) -> None:
        self.rows: dict[bytes, np.ndarray] = {}

    def read(self, path: Path) -> bool:
        """Add the vectors of ``path``; False (and nothing added) when missing or damaged."""
        try:
            with np.load(path, allow_pickle=False) as data:
                keys, vecs = data["keys"], data["vectors"]
        except (OSError, ValueError, KeyError, zipfile.BadZipFile):
            return False
        if vecs.ndim != 2 or vecs.shape[1] != DIM or len(keys) != len(vecs):
            return False
        if keys.ndim != 2 or keys.shape[1] != KEY_BYTES:
            return False
        for k, v in zip(keys, vecs, strict=True):
            self.rows.setdefault(k.tobytes(), v)
        return True

    def get(self, text: str) -> np.ndarray | None:
        return self.rows.get(text_key(text))

    def add(self, texts: Sequence[str], vectors: Vectors) -> None:
        for t, v in zip(texts, vectors, strict=True):
            self.rows[text_key(t)] = v.astype(np.float16)

    def write(self, path: Path, only: Iterable[str] | None = None) -> None:
        """Save (atomically) every vector, or only those of ``only`` texts."""
        keys = list(self.rows) if only is None else list(dict.fromkeys(map(text_key, only)))
        keys = [k for k in keys if k in self.rows]
        # raw bytes, not a numpy "S" string: those drop trailing zero bytes
        arr_keys = np.frombuffer(b"".join(keys), dtype=np.uint8).reshape(len(keys), KEY_BYTES)
        vecs = np.stack([self.rows[k] for k in keys]) if keys else np.zeros((0, DIM), np.float16)
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=".vectors-", suffix=".npz")
        os.close(fd)
        try:
            np.savez_compressed(tmp, keys=arr_keys, vectors=vecs.astype(np.float16))
            mask = os.umask(0)  # mkstemp makes the file private; a shipped file is read by all
            os.umask(mask)
            os.chmod(tmp, 0o666 & ~mask)
            os.replace(tmp, path)
        except BaseException:
            Path(tmp).unlink(missing_ok=True)
            raise

    def vectors(
        self,
        texts: Sequence[str],
        encode: Callable[[Sequence[str]], Vectors],
        progress: Callable[[int, int], None] | None = None,
        batch: int = 32,
    ) -> tuple[Vectors, int]:
        """A row per text (float32), encoding the missing ones; returns (matrix, encoded)."""
        missing = list(dict.fromkeys(t for t in texts if self.get(t) is None))
        for start in range(0, len(missing), batch):
            chunk = missing[start : start + batch]
            self.add(chunk, encode(chunk))
            if progress:
                progress(min(start + batch, len(missing)), len(missing))
        if not texts:
            return np.zeros((0, DIM), np.float32), len(missing)
        rows = [self.get(t) for t in texts]
        return np.stack([r for r in rows if r is not None]).astype(np.float32), len(missing)


# The intent table's example sentences (the understanding layer's nearest-neighbour
# fallback): a file of their own, so content edits and table edits never touch each other.
SHIPPED_INTENTS = SHIPPED.with_name("intent-vectors.npz")


def cached_vectors(
    texts: Sequence[str],
    encode: Callable[[Sequence[str]], Vectors],
    cache: Path | None,
    shipped: Path = SHIPPED_INTENTS,
) -> Vectors:
    """Rows for ``texts`` from the shipped file, then ``cache``; the rest are encoded once
    and kept in ``cache`` (a read-only data folder only costs the encoding next time)."""
    book = VectorBook()
    book.read(shipped)
    if cache is not None:
        book.read(cache)
    matrix, encoded = book.vectors(texts, encode)
    if encoded and cache is not None:
        with contextlib.suppress(OSError):
            book.write(cache, texts)
    return matrix
