"""Start-up and retrieval figures for a 1,000-entry synthetic bank.

Prints, each as median and spread over several runs:
- ``python -c pass`` (the floor) and cold ``viva ask ... --json`` with a warm cache, as
  new processes, with their ratio;
- the cache build (YAML parse + index) in-process, and the first ``viva ask`` that builds it;
- per-query retrieval time in-process over a set of queries.

Run: ``make bench`` or ``.venv/bin/python bench/bench_start.py [--entries N] [--runs R]``.
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

from synthetic import generate

from viva.bank.loader import load
from viva.search.index import build_index
from viva.search.query import search
from viva.store.bankcache import compile_bank

ROOT = Path(__file__).resolve().parents[1]
VIVA = str(Path(sys.executable).with_name("viva"))
QUERIES = [
    "what is the g i l",
    "give example for this service discourse",
    "how do I bake bread",
    "difference between jenkins and kubernetes",
    "cache queue worker",
    "retry timeout circuit",
    "what is cooper netties",
    "see i see d pipeline",
    "decorator generator closure",
    "how does the index replica interact with the shard",
]


def fmt(samples: list[float], unit: str = "ms", scale: float = 1000.0) -> str:
    xs = sorted(s * scale for s in samples)
    med = statistics.median(xs)
    p90 = xs[min(len(xs) - 1, int(0.9 * len(xs)))]
    return f"median {med:8.2f} {unit}  min {xs[0]:8.2f}  p90 {p90:8.2f}  max {xs[-1]:8.2f}  (n={len(xs)})"


def time_cmd(cmd: list[str], env: dict[str, str], runs: int) -> list[float]:
    out = []
    for _ in range(runs):
        t = time.perf_counter()
        subprocess.run(
            cmd, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=True
        )
        out.append(time.perf_counter() - t)
    return out


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--entries", type=int, default=1000)
    ap.add_argument("--runs", type=int, default=15)
    args = ap.parse_args()
    tmp = Path(tempfile.mkdtemp(prefix="viva-bench-"))
    try:
        content = generate(ROOT / "content", tmp / "content", args.entries)
        env = {**os.environ, "VIVA_CONTENT": str(content), "VIVA_HOME": str(tmp / "home")}
        print(f"synthetic bank: {args.entries} entries in {content}")
        print(f"python: {sys.version.split()[0]}, cores: {os.cpu_count()}\n")

        builds = []
        for _ in range(3):
            t = time.perf_counter()
            compile_bank(content)
            builds.append(time.perf_counter() - t)
        print(f"cache build in-process      {fmt(builds)}")

        first = time_cmd([VIVA, "ask", "what is the gil", "--json"], env, 1)
        print(f"first viva ask (builds)     {fmt(first)}")

        floor = time_cmd([sys.executable, "-c", "pass"], env, args.runs)
        cold = time_cmd([VIVA, "ask", "what is the g i l", "--json"], env, args.runs)
        print(f"python -c pass              {fmt(floor)}")
        print(f"viva ask --json, warm cache {fmt(cold)}")
        ratio = statistics.median(cold) / statistics.median(floor)
        print(f"ratio viva ask / python -c pass (medians): {ratio:.1f}x")

        index = build_index(load(content, content_rules=False).bank)
        per_query = []
        for _ in range(20):
            for q in QUERIES:
                t = time.perf_counter()
                search(index, q)
                per_query.append(time.perf_counter() - t)
        print(f"retrieval per query         {fmt(per_query)}")
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


if __name__ == "__main__":
    main()
