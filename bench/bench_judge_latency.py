"""``check`` and ``grade`` latency of this tree against another revision, in the same session.

A machine's speed drifts from one session to the next (the same code measured 38.8 ms and
20.3 ms median per lexical check on two days), so a figure is only worth comparing with one
taken beside it. This bench checks out ``--base`` (default ``HEAD``) into a temporary git
worktree and, for several rounds, runs the same measurement in a fresh process for each tree,
alternating which goes first. Each process loads the bank and the semantic layer, then times:

- ``check`` lexical, over a fixed sample of the labelled statements (tests/data/grading);
- ``check`` with the semantic layer, the same statements, each new to the process (encoded once);
- ``grade`` with the semantic layer, over a fixed sample of the labelled answers.

It prints, per tree, the median over rounds of each round's median (ms), the spread of those
medians, and the ratio this tree / base. Rounds, not calls, give the spread: calls within one
process share its warm caches and its slice of machine load.

Run: ``.venv/bin/python bench/bench_judge_latency.py [--base REV] [--rounds 3] [--n 200]``.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
MEASURES = ("check lexical", "check semantic", "grade semantic")


def child(n: int) -> None:
    """Measure this process's ``viva`` (whatever ``sys.path`` finds) and print JSON."""
    from bench_grade import SPLITS, TRUE_ONLY, rows, timed  # (this folder: sys.path[0])

    from viva.app.library import Library

    # every labelled statement and answer, files in name order as before
    named = {s for s, _ in SPLITS.values()} | {TRUE_ONLY}
    files = [*sorted(n for n in named if n != "statements.yaml"), "statements.yaml"]
    statements = [str(r["text"]) for name in files for r in rows(name)]
    answers = [
        (str(q["id"]), str(a["text"]))
        for name in sorted(a for _, a in SPLITS.values() if a)
        for q in rows(name)
        for a in q["answers"]
    ]
    rng = random.Random(7)
    rng.shuffle(statements)
    rng.shuffle(answers)
    lib = Library()
    lib.model.encode(["load the model"])
    lib.warm_meanings()
    lib.check("warm up the checker", semantic=True)

    plain, worded, graded = iter(statements[:n]), iter(statements[:n]), iter(answers[: n // 2])
    out = {
        "check lexical": timed(lambda: lib.check(next(plain)), n, 1)[0],
        "check semantic": timed(lambda: lib.check(next(worded), semantic=True), n, 1)[0],
        "grade semantic": timed(lambda: lib.grade(*next(graded), semantic=True), n // 2, 1)[0],
    }
    import viva

    out["from"] = str(Path(viva.__file__).parents[1])  # type: ignore[assignment]
    print(json.dumps(out))


def run(src: Path, n: int, home: Path) -> dict[str, float]:
    """One measurement of the tree at ``src`` in a fresh process, with its own data folder
    (``home``): the learner's real cache is neither read nor pruned, and each tree keeps its
    compiled bank between rounds."""
    env = {**os.environ, "PYTHONPATH": str(src), "VIVA_HOME": str(home)}
    proc = subprocess.run(
        [sys.executable, str(Path(__file__).resolve()), "--child", "--n", str(n)],
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    if proc.returncode != 0:
        raise SystemExit(f"the measurement of {src} failed:\n{proc.stderr.strip()}")
    got: dict[str, Any] = json.loads(proc.stdout.strip().splitlines()[-1])
    if Path(got.pop("from")) != src:  # an installed viva shadowing the tree measured
        raise SystemExit(f"measured the wrong tree: {src} asked for")
    return got


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--base", default="HEAD", help="the revision to compare with")
    ap.add_argument("--rounds", type=int, default=3)
    ap.add_argument("--n", type=int, default=200, help="statements timed (answers: half)")
    ap.add_argument("--child", action="store_true", help=argparse.SUPPRESS)
    args = ap.parse_args()
    if args.n < 2 or args.rounds < 1:
        raise SystemExit("--n must be at least 2 (half as many answers are timed), --rounds 1")
    if args.child:
        child(args.n)
        return
    with tempfile.TemporaryDirectory() as tmp:
        base_tree = Path(tmp) / "base"
        subprocess.run(
            [
                "git",
                "-C",
                str(ROOT),
                "worktree",
                "add",
                "-q",
                "--detach",
                str(base_tree),
                args.base,
            ],
            check=True,
        )
        try:
            trees = {"this tree": ROOT / "src", f"base {args.base}": base_tree / "src"}
            homes = {
                "this tree": Path(tmp) / "home-this",
                f"base {args.base}": Path(tmp) / "home-base",
            }
            got: dict[str, list[dict[str, float]]] = {k: [] for k in trees}
            for r in range(args.rounds):
                order = list(trees) if r % 2 == 0 else list(reversed(trees))
                for name in order:
                    got[name].append(run(trees[name], args.n, homes[name]))
            report(got, args.rounds, args.n)
        finally:
            subprocess.run(
                ["git", "-C", str(ROOT), "worktree", "remove", "--force", str(base_tree)],
                check=False,
            )


def report(got: dict[str, list[dict[str, float]]], rounds: int, n: int) -> None:
    print(f"median ms per call over {rounds} rounds ({n} statements, {n // 2} answers each):")
    mine, base = list(got)
    for m in MEASURES:
        cells = []
        medians = {}
        for name in (mine, base):
            xs = [g[m] for g in got[name]]
            medians[name] = statistics.median(xs)
            cells.append(f"{name} {medians[name]:.1f} ({min(xs):.1f}-{max(xs):.1f})")
        ratio = medians[mine] / medians[base]
        print(f"  {m:15} " + "; ".join(cells) + f"; ratio {ratio:.2f}")


if __name__ == "__main__":
    main()
