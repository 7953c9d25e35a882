"""Understanding figures on the dev sets of tests/data/understanding, dev and held-out splits.

- retrieval: the right entry given as *the* answer (or, for queries nothing fits, no answer),
  top-3, and wrong answers given, for lexical search alone and for hybrid search;
- latency: one hybrid search per query (median, p90, p99), the model's load time;
- intents: utterances.tsv (dev and held-out splits) and paraphrases.tsv (held-out paraphrases
  no template was written for), read by the templates alone and with the nearest-neighbour
  fallback the coach uses.

Run: ``.venv/bin/python bench/bench_understand.py [--misses]``.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from viva.app.library import Library
from viva.search.hybrid import hybrid_search
from viva.search.query import search
from viva.semantic.book import cached_vectors
from viva.understand import devset
from viva.understand.nearest import Nearest
from viva.understand.reader import Expect, Understanding, Vocabulary, understand
from viva.understand.reading import reading

DATA = Path(__file__).resolve().parents[1] / "tests" / "data" / "understanding"


def pct(a: int, b: int) -> str:
    return f"{a}/{b} ({100 * a / b:.1f}%)" if b else "-"


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--misses", action="store_true", help="print the dev split's misses")
    args = ap.parse_args()
    svc = Library()
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
            print(
                f"{name:9} {method:8} {pct(f.answered_right, f.total):>18} "
                f"{pct(f.top3, f.with_entry):>18} {f.wrong_answers:>14}"
            )
            if args.misses and name == "dev" and method == "hybrid":
                for text, want, got in f.misses:
                    print(f"   MISS {text!r}: want {want}, got {got}")
    print(f"hybrid search per query: {spread(times)}")
    intents(svc, args.misses)


def intents(svc: Library, misses: bool) -> None:
    """Intent accuracy on the dev and held-out splits of utterances.tsv and on the held-out
    paraphrases, without and with the nearest-neighbour fallback (what the coach uses)."""
    vocab = Vocabulary.from_bank(svc.bank)
    cache = Path(tempfile.mkdtemp()) / "intent-vectors.npz"  # the shipped file, or encode
    nearest = Nearest(lambda t: cached_vectors(t, svc.model.encode, cache), svc.model.encode)
    readers = {
        "templates": Understanding(vocab, find=svc.search, index=svc.index),
        "+ nearest": Understanding(vocab, find=svc.search, index=svc.index, nearest=nearest),
    }
    lines = devset.utterances((DATA / "utterances.tsv").read_text())
    para = devset.utterances((DATA / "paraphrases.tsv").read_text())
    splits = {
        "dev": [x for x in lines if not devset.held_out(x.text)],
        "held-out": [x for x in lines if devset.held_out(x.text)],
        "paraphrases (all held out)": para,
    }
    print(f"intents ({len(lines)} labelled utterances, {len(para)} held-out paraphrases):")
    for method, reader in readers.items():
        turn_ms: list[float] = []
        for name, part in splits.items():

            def run(
                item: devset.Labelled, r: Understanding = reader, ms: list[float] = turn_ms
            ) -> list[devset.Reading]:
                t0 = time.perf_counter()
                got = understand(item.text, r, Expect(answer=item.context == "quiz"))
                ms.append((time.perf_counter() - t0) * 1000)
                return [reading(i) for i in got]

            f = devset.score_intents(part, run)
            print(f"  {method:10} {name:27} {pct(f.right, f.total)}")
            if misses and name == "dev" and method == "+ nearest":
                for text, want, have in f.misses:
                    print(f"   MISS {text!r}: want {want}, got {have}")
        print(f"  {method:10} per utterance (with its searches and guesses): {spread(turn_ms)}")


def spread(ms: list[float]) -> str:
    ms = sorted(ms)
    p = lambda q: ms[min(len(ms) - 1, int(q * len(ms)))]  # noqa: E731
    return f"median {statistics.median(ms):.1f} ms, p90 {p(0.9):.1f} ms, p99 {p(0.99):.1f} ms"


if __name__ == "__main__":
    main()
