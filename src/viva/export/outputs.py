"""The real output of each snippet, for exports: run once, remembered by a content hash.

The linter remembers only whether a snippet passed; a study guide shows what the code
printed, so this keeps stdout too (``snippet-output.json`` in the cache folder). Snippets
are executed only when asked (``viva export --run``); otherwise remembered output is used,
and snippets without it keep their written expected output, marked as not run.
"""

from __future__ import annotations

import hashlib
import sys
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from viva import __version__
from viva.bank.model import Check, Entry, Snippet


@dataclass(frozen=True, slots=True)
class Output:
    text: str  # what to show under the code
    ran: bool  # True: printed by running it now (or remembered from an identical run)
    ok: bool = True  # the run matched the bank's expected output
    note: str = ""


def _key(snippet: Snippet) -> str:
    h = hashlib.blake2b(digest_size=16)
    for part in (__version__, sys.version, snippet.code):
        h.update(part.encode())
        h.update(b"\0")
    return h.hexdigest()


def _runnable(s: Snippet) -> bool:
    return s.run and s.lang == "python"


def real_outputs(
    entries: Iterable[Entry], cache_dir: Path | None, *, run: bool = False
) -> dict[tuple[str, str], Output]:
    """(entry id, snippet id) -> what the snippet prints: remembered output, or with ``run``
    the output of running the snippets not yet remembered (in the sandbox)."""
    from viva.linting import load_memo, save_memo
    from viva.sandbox import run_many

    pairs = [(e, s) for e in entries for s in e.snippets]
    path = cache_dir / "snippet-output.json" if cache_dir else None
    memo = load_memo(path)
    todo = [s for _, s in pairs if run and _runnable(s) and _key(s) not in memo]
    for s, outcome in zip(todo, run_many(todo), strict=True):
        shown = outcome.stdout
        if s.check is Check.RAISES and outcome.ok:
            shown += (
                f"Traceback (most recent call last):\n  ...\n{s.expected_output or ''}".rstrip()
                + "\n"
            )
        memo[_key(s)] = [shown, outcome.ok, outcome.message]
    if path and todo:
        save_memo(path, memo)
    out: dict[tuple[str, str], Output] = {}
    for e, s in pairs:
        hit = memo.get(_key(s)) if _runnable(s) else None
        if isinstance(hit, list) and len(hit) == 3:
            out[(e.id, s.id)] = Output(str(hit[0]), True, bool(hit[1]), str(hit[2]))
        elif s.expected_output is not None:
            why = s.note or ("not a Python snippet" if s.lang != "python" else "not run")
            out[(e.id, s.id)] = Output(s.expected_output, False, True, why)
    return out
