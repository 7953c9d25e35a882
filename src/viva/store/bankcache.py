"""The compiled bank cache: parsing hundreds of YAML files at every start is too slow.

The bank and its search index are pickled under ``<data dir>/cache/``. Unpickling runs
code, so a cache file is loaded only when it and its folder are the user's alone (0700). The key is a hash of
viva's version and every content file's path and bytes, so any edit (or an upgrade) makes a
new cache; stale files are removed. A cache that cannot be read is rebuilt, never trusted.
"""

from __future__ import annotations

import hashlib
import os
import pickle
import sys
import tempfile
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from viva import __version__
from viva.bank.loader import content_files, load
from viva.bank.model import Bank
from viva.errors import Problem, StoreError
from viva.search.index import SearchIndex, build_index
from viva.store.private import private_dir, trusted

if TYPE_CHECKING:  # built and loaded only by what grades
    from viva.grade.facts import FactBook

FORMAT = 4  # bump when Compiled changes
# Problems that cost an entry its place in the bank (the rest only matter to the linter).
DROPPING = frozenset(
    {"V001", "V002", "V003", "V004", "V011", "V012", "V013", "V020", "V021", "V022"}
)


@dataclass(frozen=True, slots=True)
class Compiled:
    """What a start needs: the bank, its search index and the problems found loading it."""

    bank: Bank
    index: SearchIndex
    problems: tuple[Problem, ...]
    key: str


# The modules whose classes are pickled, and every viva module they import: a change to any
# of them (a new field on a frozen dataclass, a word table the facts are read with, how text
# is folded) must rebuild the cache even when viva's version number hasn't moved.
# tests/test_cache.py holds that this list covers their imports.
PICKLED_ROOTS = ("bank/model.py", "search/index.py", "grade/facts.py")
PICKLED = (
    *PICKLED_ROOTS,
    "search/aliases.py",
    "grade/words.py",
    "grade/wordlists.py",
    "understand/claimwords.py",
    "grade/model.py",
    "text.py",
    "session/teach.py",
    "session/state.py",
    "schedule/rating.py",
)


def _code_stamp() -> bytes:
    package = Path(__file__).resolve().parents[1]
    h = hashlib.blake2b(digest_size=8)
    for rel in PICKLED:
        try:
            h.update((package / rel).read_bytes())
        except OSError:
            h.update(rel.encode())
    return h.digest()


def cache_key(root: Path) -> str:
    h = hashlib.blake2b(f"viva {__version__} format {FORMAT}".encode(), digest_size=16)
    h.update(_code_stamp())
    for path in content_files(root):
        h.update(str(path.relative_to(root)).encode())
        h.update(b"\0")
        try:
            h.update(path.read_bytes())
        except OSError:
            h.update(b"<unreadable>")
        h.update(b"\0")
    return h.hexdigest()


def compile_bank(root: Path, key: str | None = None) -> Compiled:
    """Load the YAML and build the index (what the cache stores).

    ``key`` is the hash taken *before* loading, so a file edited while loading makes the
    next start's key differ and rebuild, rather than caching old text under a new key.
    """
    key = key or cache_key(root)
    loaded = load(root, content_rules=False)
    errors = tuple(p for p in loaded.problems if p.code in DROPPING)
    from viva.semantic.minilm import common_words

    return Compiled(loaded.bank, build_index(loaded.bank, common_words()), errors, key)


def _write_atomically(path: Path, data: bytes) -> None:
    private_dir(path.parent)
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=".tmp-", suffix=".pickle")
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def _read(path: Path) -> object | None:
    """A cached object, or None when missing, unreadable, damaged (then it is removed) or
    in a place someone else could have written (then it is left alone and not loaded)."""
    try:
        fd = os.open(path, os.O_RDONLY | os.O_NOFOLLOW)
    except OSError:
        return None  # missing, unreadable or a symlink: build it again
    try:
        with os.fdopen(fd, "rb") as fh:
            if not trusted(fh.fileno(), path.parent):
                _warn_untrusted(path.parent)
                return None
            got: object = pickle.load(fh)
            return got
    except OSError:
        return None
    except Exception:  # a damaged cache file is rebuilt, whatever is wrong with it
        path.unlink(missing_ok=True)
        return None


def _warn_untrusted(folder: Path) -> None:
    sys.stderr.write(
        f"viva: warning: not loading the cache in {folder}: it is not yours alone "
        "(owned by someone else or writable by others); run `chmod 700` on it\n"
    )


def _keep(path: Path, value: object, stale: str) -> None:
    """Cache ``value`` at ``path`` and drop the other files matching ``stale``."""
    try:
        _write_atomically(path, pickle.dumps(value, protocol=pickle.HIGHEST_PROTOCOL))
        for old in path.parent.glob(stale):
            if old != path:
                old.unlink(missing_ok=True)
    except (OSError, StoreError):
        pass  # a read-only data dir costs speed, not correctness


def load_facts(compiled: Compiled, cache_dir: Path | None) -> FactBook:
    """The grader's facts for a compiled bank, cached beside it under the same key.

    A separate file, loaded only by what grades (check, grade, the conversation), so
    ``viva ask`` doesn't pay for unpickling them.
    """
    from viva.grade.facts import FactBook
    from viva.grade.facts import build as build_facts

    path = cache_dir / f"facts-{compiled.key}.pickle" if cache_dir else None
    got = _read(path) if path else None
    if isinstance(got, FactBook):
        return got
    facts = build_facts(compiled.bank, compiled.index)
    if path is not None:
        _keep(path, facts, "facts-*.pickle")
    return facts


def load_bank(root: Path, cache_dir: Path | None) -> tuple[Compiled, bool]:
    """The compiled bank, from the cache when it is fresh; returns (compiled, was_cached)."""
    key = cache_key(root)
    path = cache_dir / f"bank-{key}.pickle" if cache_dir else None
    got = _read(path) if path else None
    if isinstance(got, Compiled) and got.key == key:
        return got, True
    compiled = compile_bank(root, key)
    if path is not None:
        _keep(path, compiled, "bank-*.pickle")
    return compiled, False
