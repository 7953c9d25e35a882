"""Conversation figures on a 1,000-entry synthetic bank.

- per-turn latency of the engine in-process (parse + step) over a scripted 500-turn session,
  median and p99;
- the same script on the real bank with the whole understanding layer and hybrid search
  (sentence model loaded, shipped vectors): per-turn median, p90, p99;
- start-up of ``viva chat --plain`` to its first turn (a new process, warm bank cache),
  beside ``python -c pass``.

Run: ``.venv/bin/python bench/bench_session.py [--turns 500] [--runs 10]``.
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from bench_start import fmt
from synthetic import generate

from viva.app.library import Library
from viva.session.context import Ctx
from viva.session.engine import step
from viva.session.state import State
from viva.understand.reader import Expect, Understanding, Vocabulary, parse, understand

ROOT = Path(__file__).resolve().parents[1]
SCRIPT = [
    "top 20 python questions for beginner to intermediate",
    "give an example",
    "another example",
    "in simple words",
    "repeat the last word",
    "next",
    "why",
    "go on",
    "slower",
    "how many left",
    "what is the difference between cache and queue",
    "next",
    "more detail",
    "faster",
    "top 10 important topics in microservices",
    "so a cache is a queue right",
    "go back to question 2",
    "questions only",
    "answer",
    "with answers",
    "follow up",
    "previous",
    "next",
    "help",
    "blah blah",
]


def first_turn_time(env: dict[str, str]) -> float:
    t = time.perf_counter()
    proc = subprocess.Popen(
        [str(Path(sys.executable).with_name("viva")), "chat", "--plain"],
        env=env,
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,
        text=True,
    )
    assert proc.stdout and proc.stdin
    proc.stdout.readline()
    elapsed = time.perf_counter() - t
    proc.communicate("quit\n", timeout=30)
    return elapsed


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--turns", type=int, default=500)
    ap.add_argument("--runs", type=int, default=10)
    args = ap.parse_args()
    tmp = Path(tempfile.mkdtemp(prefix="viva-bench-"))
    try:
        content = generate(ROOT / "content", tmp / "content", 1000)
        svc = Library(content=content, data=tmp / "home")
        ctx = Ctx(svc.bank, svc.index)
        vocab = Vocabulary.from_bank(svc.bank)
        state = State()
        per_turn = []
        for i in range(args.turns):
            line = SCRIPT[i % len(SCRIPT)]
            t = time.perf_counter()
            state, _ = step(state, parse(line, vocab), ctx)
            per_turn.append(time.perf_counter() - t)
        xs = sorted(per_turn)
        p99 = xs[min(len(xs) - 1, int(0.99 * len(xs)))] * 1000
        print(
            f"synthetic bank: 1000 entries; python {sys.version.split()[0]}, cores: {os.cpu_count()}\n"
        )
        print(f"engine turn (parse+step)     {fmt(per_turn)}  p99 {p99:.2f} ms")
        real_turns(args.turns)
        env = {**os.environ, "VIVA_CONTENT": str(content), "VIVA_HOME": str(tmp / "home")}
        first_turn_time(env)  # builds the cache and the database once
        floor = []
        for _ in range(args.runs):
            t = time.perf_counter()
            subprocess.run([sys.executable, "-c", "pass"], check=True)
            floor.append(time.perf_counter() - t)
        starts = [first_turn_time(env) for _ in range(args.runs)]
        print(f"python -c pass               {fmt(floor)}")
        print(f"viva chat --plain first turn {fmt(starts)}")
        print(f"ratio (medians): {statistics.median(starts) / statistics.median(floor):.1f}x")
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


def real_turns(turns: int) -> None:
    """Per-turn latency on the real bank with embeddings: understand + step, as in `viva`."""
    svc = Library()
    svc.model  # noqa: B018 - loaded before timing, as the chat runner loads it on first need
    svc.dense  # noqa: B018
    ctx = Ctx(svc.bank, svc.index, find=svc.search, facts=lambda: svc.facts)
    reader = Understanding(Vocabulary.from_bank(svc.bank), find=svc.search, index=svc.index)
    state = State()
    per_turn = []
    for i in range(turns):
        line = SCRIPT[i % len(SCRIPT)]
        t = time.perf_counter()
        for intent in understand(line, reader, Expect(answer=state.quiz)):
            state, _ = step(state, intent, ctx)
        per_turn.append(time.perf_counter() - t)
    xs = sorted(per_turn)
    pct = lambda q: xs[min(len(xs) - 1, int(q * len(xs)))] * 1000  # noqa: E731
    print(f"real bank ({len(svc.bank.entries)} entries), understanding + hybrid search + step:")
    print(f"  per turn {fmt(per_turn)}  p90 {pct(0.9):.2f} ms  p99 {pct(0.99):.2f} ms")


if __name__ == "__main__":
    main()
