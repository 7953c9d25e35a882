"""``viva bank lint`` end to end: schema, content rules and snippet runs.

The bank package does the pure checks; this module adds the ones with effects (running
snippets in subprocesses) and puts every problem in one sorted list. Snippet outcomes are
remembered by a hash of the snippet and the interpreter, so a second lint only runs what
changed.
"""

from __future__ import annotations

import hashlib
import json
import os
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from viva import __version__
from viva.bank.loader import Loaded, load
from viva.bank.model import Bank, Snippet
from viva.errors import Problem
from viva.sandbox import TIMEOUT_S, Outcome, run_many


@dataclass(frozen=True, slots=True)
class SnippetStats:
    total: int
    run: int
    passed: int


@dataclass(frozen=True, slots=True)
class LintReport:
    loaded: Loaded
    problems: list[Problem]
    snippets: SnippetStats

    @property
    def errors(self) -> list[Problem]:
        return [p for p in self.problems if p.severity == "error"]

    @property
    def warnings(self) -> list[Problem]:
        return [p for p in self.problems if p.severity != "error"]


def _runnable(snippet: Snippet) -> bool:
    return snippet.run and snippet.lang == "python" and snippet.expected_output is not None


def _key(snippet: Snippet) -> str:
    h = hashlib.blake2b(digest_size=16)
    for part in (
        __version__,
        sys.version,
        snippet.code,
        snippet.expected_output or "",
        str(snippet.check),
    ):
        h.update(part.encode())
        h.update(b"\0")
    return h.hexdigest()


def load_memo(path: Path | None) -> dict[str, list[object]]:
    """Remembered snippet results; missing or damaged files just mean running again."""
    if path is None:
        return {}
    try:
        memo = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    return memo if isinstance(memo, dict) else {}


def save_memo(path: Path, memo: dict[str, Any]) -> None:
    """Remember snippet results (atomically); a failure only costs a re-run next time."""
    from viva.errors import StoreError
    from viva.store.private import FILE_MODE, private_dir

    try:
        private_dir(path.parent)
        tmp = path.with_suffix(".tmp")
        tmp.unlink(missing_ok=True)
        fd = os.open(tmp, os.O_CREAT | os.O_EXCL | os.O_WRONLY | os.O_NOFOLLOW, FILE_MODE)
        with os.fdopen(fd, "w", encoding="utf-8") as fh:
            fh.write(json.dumps(memo))
        tmp.replace(path)
    except (OSError, StoreError):
        pass  # remembering is an optimisation only


def run_cached(
    snippets: list[Snippet], cache_dir: Path | None, *, timeout: float = TIMEOUT_S
) -> list[Outcome]:
    """Outcomes for ``snippets``, running only those not remembered from an earlier run."""
    path = cache_dir / "snippets.json" if cache_dir else None
    memo = load_memo(path)
    keys = [_key(s) for s in snippets]
    todo = [i for i, k in enumerate(keys) if k not in memo]
    for i, outcome in zip(
        todo, run_many([snippets[i] for i in todo], timeout=timeout), strict=True
    ):
        memo[keys[i]] = [outcome.ok, outcome.code, outcome.message]
    if path and todo:
        save_memo(path, memo)
    return [Outcome(bool(memo[k][0]), str(memo[k][1]), str(memo[k][2])) for k in keys]


def snippet_stats(bank: Bank, cache_dir: Path | None, *, run: bool = False) -> SnippetStats:
    """Snippets in the bank, how many have a result and how many passed. Without ``run``
    only remembered results count: nothing is executed."""
    snippets = [s for e in bank.entries for s in e.snippets]
    runnable = [s for s in snippets if _runnable(s)]
    if run:
        outcomes = run_cached(runnable, cache_dir)
        return SnippetStats(len(snippets), len(outcomes), sum(o.ok for o in outcomes))
    memo = load_memo(cache_dir / "snippets.json" if cache_dir else None)
    known = [memo[k] for k in map(_key, runnable) if isinstance(memo.get(k), list) and memo[k]]
    return SnippetStats(len(snippets), len(known), sum(bool(m[0]) for m in known))


def lint(
    root: Path,
    *,
    run_snippets: bool = True,
    topics: set[str] | None = None,
    cache_dir: Path | None = None,
    timeout: float = TIMEOUT_S,
) -> LintReport:
    """Every problem of the bank under ``root`` (restricted to ``topics`` when given)."""
    loaded = load(root)
    problems = list(loaded.problems)
    jobs: list[tuple[str, int, Snippet]] = []
    total = 0
    for entry in loaded.bank.entries:
        if topics and entry.topic not in topics:
            continue
        for i, snippet in enumerate(entry.snippets):
            total += 1
            if _runnable(snippet):
                doc = loaded.entry_docs[entry.id]
                jobs.append((doc.path, doc.line("snippets", i, "code"), snippet))
    outcomes = (
        run_cached([s for _, _, s in jobs], cache_dir, timeout=timeout) if run_snippets else []
    )
    for (path, line, snippet), outcome in zip(jobs, outcomes, strict=False):
        if not outcome.ok:
            problems.append(
                Problem(path, line, outcome.code, f"snippet '{snippet.id}': {outcome.message}")
            )
    if topics:
        problems = [p for p in problems if any(f"/{t}/" in f"/{p.path}" for t in topics)]
    problems.sort(key=lambda p: (p.path, p.line, p.code))
    passed = sum(o.ok for o in outcomes)
    return LintReport(loaded, problems, SnippetStats(total, len(outcomes), passed))
