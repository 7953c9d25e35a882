"""The compiled bank cache: reused when fresh, rebuilt when content changes or is damaged."""

from __future__ import annotations

import shutil
from pathlib import Path

from tests.conftest import DATA
from viva.store.bankcache import load_bank


def make_bank(tmp_path: Path) -> Path:
    root = tmp_path / "content"
    shutil.copytree(DATA / "bank", root)
    return root


def test_second_load_comes_from_the_cache(tmp_path: Path) -> None:
    root, cache = make_bank(tmp_path), tmp_path / "cache"
    first, cached1 = load_bank(root, cache)
    second, cached2 = load_bank(root, cache)
    assert (cached1, cached2) == (False, True)
    assert second.bank.entries == first.bank.entries
    assert len(list(cache.glob("bank-*.pickle"))) == 1


def test_an_edit_rebuilds_and_removes_the_stale_cache(tmp_path: Path) -> None:
    root, cache = make_bank(tmp_path), tmp_path / "cache"
    first, _ = load_bank(root, cache)
    entry = root / "python" / "tuple-basics.yaml"
    entry.write_text(
        entry.read_text().replace("What is a tuple in Python?", "What is a Python tuple?")
    )
    second, cached = load_bank(root, cache)
    assert not cached
    assert second.key != first.key
    assert second.bank.entries[0].question == "What is a Python tuple?"
    assert [p.name for p in cache.glob("bank-*.pickle")] == [f"bank-{second.key}.pickle"]


def test_a_corrupt_cache_file_is_rebuilt(tmp_path: Path) -> None:
    root, cache = make_bank(tmp_path), tmp_path / "cache"
    compiled, _ = load_bank(root, cache)
    (cache / f"bank-{compiled.key}.pickle").write_bytes(b"\x80\x05garbage")
    again, cached = load_bank(root, cache)
    assert not cached
    assert again.bank.entries == compiled.bank.entries
    _, cached = load_bank(root, cache)
    assert cached


def test_an_unwritable_cache_dir_still_loads(tmp_path: Path) -> None:
    root = make_bank(tmp_path)
    blocker = tmp_path / "not-a-dir"
    blocker.write_text("a file where the cache folder should be")
    compiled, cached = load_bank(root, blocker / "cache")
    assert not cached and len(compiled.bank.entries) == 1


def test_grader_facts_are_cached_beside_the_bank_and_rebuilt_when_damaged(tmp_path: Path) -> None:
    from viva.store.bankcache import load_facts

    root, cache = make_bank(tmp_path), tmp_path / "cache"
    compiled, _ = load_bank(root, cache)
    first = load_facts(compiled, cache)
    path = cache / f"facts-{compiled.key}.pickle"
    assert path.exists()
    assert load_facts(compiled, cache).facts.keys() == first.facts.keys()
    path.write_bytes(b"not a pickle")
    again = load_facts(compiled, cache)
    assert again.facts.keys() == first.facts.keys() and path.read_bytes() != b"not a pickle"


def _viva_imports(package: Path, rel: str, seen: set[str]) -> None:
    """``rel`` and every viva module it imports, transitively (paths below ``package``)."""
    import ast

    if rel in seen:
        return
    seen.add(rel)
    for node in ast.walk(ast.parse((package / rel).read_text())):
        if isinstance(node, ast.ImportFrom) and node.module and node.module.startswith("viva."):
            path = node.module.split(".", 1)[1].replace(".", "/")
            for candidate in (f"{path}.py", f"{path}/__init__.py"):
                if (package / candidate).exists():
                    _viva_imports(package, candidate, seen)
                    break


def test_the_cache_key_covers_every_module_the_pickles_are_built_with() -> None:
    """A word table moved out of grade/words.py once left cached facts stale: the key must
    change with every module the pickled bank, index and facts are built from."""
    from viva.store import bankcache

    package = Path(bankcache.__file__).resolve().parents[1]
    needed: set[str] = set()
    for root in bankcache.PICKLED_ROOTS:
        _viva_imports(package, root, needed)
    assert needed <= set(bankcache.PICKLED), needed - set(bankcache.PICKLED)
    assert all((package / rel).is_file() for rel in bankcache.PICKLED)
