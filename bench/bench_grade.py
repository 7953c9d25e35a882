"""Grader figures on the real bank and the labelled sets in tests/data/grading, per split.

The dev split (statements.yaml, answers.yaml) is what the rules were tuned on; the held-out
split (*-heldout.yaml) was written before tuning and never tuned on; held-out 2
(*-heldout2.yaml) was written fresh, on entries the other splits don't use, before the second
tuning pass, and never tuned on; held-out 3 and held-out 4 were written blind by helpers on
entries no other split uses and only their totals are read; dev 2 was written the same way
as held-out 4, on the other half of those entries, and its misses are read; dev 3 was
written blind by three helpers on the 97 entries no held-out split uses, and its misses are
read; dev 4 was written blind by helpers to be hard for word overlap: statements on the same
97 entries, false ones made of the entry's own words (a destination made the actor, two
compared things' properties swapped, a list member misplaced, words of two sentences glued,
a fact denied, one detail wrong), and 300 answers on 50 entries no other split uses (two
good, one partial, and three wrong ones each: a key point's opposite, two things' roles
swapped, a misconception in other words, each among correct material); its misses are read.
The basics split (statements only) is 240 everyday statements, 20 per topic, written blind
by two helpers: plain textbook facts and the plain mistakes juniors make; its misses are read. The true-only set (statements-true.yaml, two true statements per entry, most denying a
misconception) measures how often a true statement is answered "disagree". For each split
and for
the lexical checker and the semantic layer (viva.semantic, all-MiniLM-L6-v2 in NumPy):

- statements: false agreed with (sycophancy), false answered "disagree", true accepted
  ("agree" or "partly");
- answers: verdict matches the label, "wrong" graded "good", and answers credited with a key
  point that one of their own clauses says the other way round (``align`` contradicts it);
- latency per call of ``check`` and ``grade`` (median / p90 ms) once the layer is loaded and
  the grader's fact vectors are cached (their one-time encoding is reported separately); with
  the semantic layer, one pass in which every learner sentence is new and gets encoded.

With ``--self``, also the bank checked against itself: each entry's key points, short-answer
sentences and misconception corrections (all true) through ``check``, and how many are judged
to say one of that entry's misconceptions (a belief its own true words can't be told from).

Run: ``.venv/bin/python bench/bench_grade.py [--runs 3] [--no-semantic] [--self]``.
"""

from __future__ import annotations

import argparse
import statistics
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import yaml

from viva.app.library import Library
from viva.grade import devset
from viva.grade.check import align
from viva.grade.model import Grade

DATA = Path(__file__).resolve().parents[1] / "tests" / "data" / "grading"
SPLITS: dict[str, tuple[str, str | None]] = {
    "dev": ("statements.yaml", "answers.yaml"),
    "held-out": ("statements-heldout.yaml", "answers-heldout.yaml"),
    "held-out 2": ("statements-heldout2.yaml", "answers-heldout2.yaml"),
    "roles": ("statements-roles.yaml", "answers-roles.yaml"),
    "held-out 3": ("statements-heldout3.yaml", "answers-heldout3.yaml"),
    "dev 2": ("statements-dev2.yaml", "answers-dev2.yaml"),
    "held-out 4": ("statements-heldout4.yaml", "answers-heldout4.yaml"),
    "dev 3": ("statements-dev3.yaml", "answers-dev3.yaml"),
    "dev 4": ("statements-dev4.yaml", "answers-dev4.yaml"),
    "basics": ("statements-basics.yaml", None),
}
FLOORS = "floors: false agreed <= 2%, false disagree >= 85%, true accepted >= 90%, verdicts >= 85%, wrong->good 0, opposite credited 0"


def rows(name: str) -> list[dict[str, Any]]:
    data = yaml.safe_load((DATA / name).read_text())
    assert isinstance(data, list)
    return data


def opposite_credited(svc: Library, entry_id: str, text: str, g: Grade) -> int:
    """Key points credited although a clause of the same answer contradicts them."""
    book = svc.facts
    lex = book.lexicon
    clauses = lex.clauses(text)
    points = {f.text: f for f in book.of(entry_id) if f.point_id}
    return sum(
        1
        for p in g.covered
        if p in points and any(align(lex, c, points[p]).contradicts for c in clauses)
    )


def timed(fn: Callable[[], Any], calls: int, runs: int) -> tuple[float, float]:
    per_call: list[float] = []
    for _ in range(runs):
        for _ in range(calls):
            t = time.perf_counter()
            fn()
            per_call.append((time.perf_counter() - t) * 1000)
    per_call.sort()
    return statistics.median(per_call), per_call[int(0.9 * (len(per_call) - 1))]


def report(svc: Library, semantic: bool) -> None:
    label = "semantic layer on" if semantic else "lexical only"
    print(f"\n== {label} ==")
    for split, (s_name, a_name) in SPLITS.items():
        st = rows(s_name)
        s = devset.statements(st, lambda t: svc.check(t, semantic=semantic))
        ans = rows(a_name) if a_name else []
        opp = 0

        def grade(i: str, t: str) -> Grade:
            nonlocal opp
            g = svc.grade(i, t, semantic=semantic)
            opp += opposite_credited(svc, i, t, g)
            return g

        a = devset.answers(ans, grade)
        f = s.false_total
        print(f"[{split}] statements {len(st)} ({s.true_total} true, {f} false); answers {a.total}")
        print(f"  false agreed with:       {s.sycophantic}/{f} = {s.sycophancy_rate:.1%}")
        print(f"  false answered disagree: {s.false_disagreed}/{f} = {s.false_disagreed / f:.1%}")
        print(f"  true accepted:           {s.true_accepted}/{s.true_total} = {s.true_rate:.1%}")
        if not ans:
            continue  # a statements-only split
        print(f"  answer verdict matches:  {a.matching}/{a.total} = {a.accuracy:.1%}")
        print(f"  wrong graded good:       {a.wrong_as_good}")
        print(f"  opposite credited:       {opp}")
        for lab, counts in a.confusion.items():
            print(f"    {lab:9} -> " + ", ".join(f"{k} {v}" for k, v in sorted(counts.items())))
    true_only(svc, semantic)


TRUE_ONLY = "statements-true.yaml"  # 812 true statements, two per entry (a precision set)


def true_only(svc: Library, semantic: bool) -> None:
    """The true-only set: how many are accepted, and how many answered "disagree"."""
    st = rows(TRUE_ONLY)
    s = devset.statements(st, lambda t: svc.check(t, semantic=semantic))
    no = s.verdicts["true"].get("disagree", 0)
    print(
        f"[true only] {s.true_total} true statements: accepted {s.true_accepted} = "
        f"{s.true_rate:.1%}, answered disagree {no} = {no / s.true_total:.1%}"
    )


def latency(svc: Library, semantic: bool, runs: int) -> None:
    texts = [str(r["text"]) for n, _ in SPLITS.values() for r in rows(n)]
    pairs = [
        (str(q["id"]), str(x["text"]))
        for _, n in SPLITS.values()
        if n
        for q in rows(n)
        for x in q["answers"]
    ]
    it_s, it_a = iter(texts * (runs + 1)), iter(pairs * (runs + 1))
    chk = timed(lambda: svc.check(next(it_s), semantic=semantic), len(texts), runs)
    grd = timed(lambda: svc.grade(*next(it_a), semantic=semantic), len(pairs), runs)
    label = "semantic layer loaded" if semantic else "lexical"
    print(
        f"latency per call ({label}, {runs} runs): check median {chk[0]:.1f} ms, p90 {chk[1]:.1f} ms; "
        f"grade median {grd[0]:.1f} ms, p90 {grd[1]:.1f} ms"
    )


def self_check(svc: Library, semantic: bool) -> None:
    """The entries' own true sentences judged to say one of their misconceptions."""
    from viva.session.teach import sentences

    texts = said = 0
    beliefs: set[tuple[str, str]] = set()
    for e in svc.bank.entries:
        fixes = {m.correction: m.claim for m in e.misconceptions}
        true = [k.point for k in e.key_points] + sentences(e.short_answer) + list(fixes)
        for text in true:
            texts += 1
            parts = svc.check(text, semantic=semantic).claims
            hit = [
                p
                for p in parts
                if p.status == "wrong" and p.source_id == e.id and p.correction in fixes
            ]
            said += bool(hit)
            beliefs |= {(e.id, fixes[str(p.correction)]) for p in hit}
    layer = "semantic" if semantic else "lexical"
    print(
        f"bank against itself ({layer}): {said} of {texts} true sentences judged to say one of "
        f"their entry's misconceptions ({len(beliefs)} misconceptions)"
    )


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--runs", type=int, default=3)
    ap.add_argument("--no-semantic", action="store_true")
    ap.add_argument("--self", action="store_true", help="also check the bank against itself")
    args = ap.parse_args()
    svc = Library()
    print(f"bank: {len(svc.bank.entries)} entries. {FLOORS}")
    report(svc, False)
    latency(svc, False, args.runs)
    if args.no_semantic:
        return
    t = time.perf_counter()
    svc.model.encode(["load the model"])
    load = time.perf_counter() - t
    t = time.perf_counter()
    new = svc.warm_meanings()
    print(
        f"\nmodel load {load:.2f} s; grader fact vectors: {new} encoded now in "
        f"{time.perf_counter() - t:.1f} s (once per bank, then cached)"
    )
    latency(svc, True, 1)  # first: every learner sentence is new, so each is encoded once
    report(svc, True)
    if args.self:
        self_check(svc, False)
        self_check(svc, True)


if __name__ == "__main__":
    main()
