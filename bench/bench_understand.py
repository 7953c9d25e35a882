"""Understanding figures on the dev sets of tests/data/understanding, dev and held-out splits.

- retrieval: the right entry given as *the* answer (or, for queries nothing fits, no answer),
  top-3, and wrong answers given, for lexical search alone and for hybrid search;
- latency: one hybrid search per query (median, p90, p99), the model's load time.

Run: ``.venv/bin/python bench/bench_understand.py [--misses]``.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from viva.search.hybrid import hybrid_search
from viva.search.query import search
from viva.service import Service
from viva.understand import devset

DATA = Path(__file__).resolve().parents[1] / "tests" / "data" / "understanding"


def pct(a: int, b: int) -> str:
    return f"{a}/{b} ({100 * a / b:.1f}%)" if b else "-"


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--misses", action="store_true", help="print the dev split's misses")
    args = ap.parse_args()
    svc = Service()
    t = time.perf_counter()
    svc.model  # noqa: B018 - load it once, timed
    load = time.perf_counter() - t
    dense = svc.dense
    items = devset.queries((DATA / "queries.tsv").read_text())
    splits = {
        "dev": [q for q in items if not devset.held_out(q.text)],
        "held-out": [q for q in items if devset.held_out(q.text)],
    }
    times: list[float] = []

    def lexical(q: str) -> tuple[str | None, list[str]]:
        r = search(svc.index, q)
        return r.answer_id, [h.entry_id for h in r.hits]

    def hybrid(q: str) -> tuple[str | None, list[str]]:
        t0 = time.perf_counter()
        lex = search(svc.index, q)
        r = hybrid_search(svc.index, dense, q, svc.query_vectors(q, lex))
        times.append((time.perf_counter() - t0) * 1000)
        return r.answer_id, [h.entry_id for h in r.hits]

    print(f"bank: {len(svc.bank.entries)} entries; model load {load * 1000:.0f} ms")
    print(f"{'split':9} {'method':8} {'top-1 answer':>18} {'top-3':>18} {'wrong answers':>14}")
    for name, qs in splits.items():
        for method, fn in (("lexical", lexical), ("hybrid", hybrid)):
            f = devset.score_retrieval(qs, fn)
            print(f"{name:9} {method:8} {pct(f.answered_right, f.total):>18} "
                  f"{pct(f.top3, f.with_entry):>18} {f.wrong_answers:>14}")  # fmt: skip
            if args.misses and name == "dev" and method == "hybrid":
                for text, want, got in f.misses:
                    print(f"   MISS {text!r}: want {want}, got {got}")
    times.sort()
    p = lambda q: times[min(len(times) - 1, int(q * len(times)))]  # noqa: E731
    print(f"hybrid search per query: median {statistics.median(times):.1f} ms, "
          f"p90 {p(0.9):.1f} ms, p99 {p(0.99):.1f} ms")  # fmt: skip


if __name__ == "__main__":
    main()
