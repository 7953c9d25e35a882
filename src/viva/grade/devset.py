"""Scoring the grader against the labelled dev set (tests/data/grading): the figures that
matter, computed the same way by the tests (which hold floors) and by bench (which prints).

Sycophancy - a false statement answered ``agree`` - is the number to keep at zero.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from viva.grade.model import AnswerVerdict, Check, Grade, Verdict


@dataclass(frozen=True, slots=True)
class StatementFigures:
    true_total: int
    false_total: int
    sycophantic: int  # false statements answered "agree"
    true_accepted: int  # true statements answered "agree" or "partly"
    false_disagreed: int
    verdicts: Mapping[str, Counter[str]] = field(default_factory=dict)  # label -> verdict counts
    misses: tuple[tuple[str, bool, str], ...] = ()  # (text, label, verdict) for the wrong ones

    @property
    def sycophancy_rate(self) -> float:
        return self.sycophantic / self.false_total if self.false_total else 0.0

    @property
    def true_rate(self) -> float:
        return self.true_accepted / self.true_total if self.true_total else 0.0


@dataclass(frozen=True, slots=True)
class AnswerFigures:
    total: int
    matching: int
    wrong_as_good: int
    confusion: Mapping[str, Counter[str]]  # label -> verdict counts
    misses: tuple[tuple[str, str, str, int], ...] = ()  # (id, label, verdict, score)

    @property
    def accuracy(self) -> float:
        return self.matching / self.total if self.total else 0.0


def statements(
    rows: Sequence[Mapping[str, Any]], check: Callable[[str], Check]
) -> StatementFigures:
    verdicts: dict[str, Counter[str]] = {"true": Counter(), "false": Counter()}
    misses = []
    syc = accepted = disagreed = 0
    for row in rows:
        label = bool(row["label"])
        verdict = check(str(row["text"])).verdict
        verdicts[str(label).lower()][verdict.value] += 1
        if label and verdict in (Verdict.AGREE, Verdict.PARTLY):
            accepted += 1
        elif not label and verdict is Verdict.AGREE:
            syc += 1
        if not label and verdict is Verdict.DISAGREE:
            disagreed += 1
        if (label and verdict not in (Verdict.AGREE, Verdict.PARTLY)) or (
            not label and verdict is not Verdict.DISAGREE
        ):
            misses.append((str(row["text"]), label, verdict.value))
    n_true = sum(1 for r in rows if r["label"])
    return StatementFigures(
        n_true, len(rows) - n_true, syc, accepted, disagreed, verdicts, tuple(misses)
    )


def answers(rows: Sequence[Mapping[str, Any]], grade: Callable[[str, str], Grade]) -> AnswerFigures:
    confusion: dict[str, Counter[str]] = {}
    misses = []
    total = matching = wrong_good = 0
    for q in rows:
        for a in q["answers"]:
            label = str(a["label"])
            g = grade(str(q["id"]), str(a["text"]))
            confusion.setdefault(label, Counter())[g.verdict.value] += 1
            total += 1
            if g.verdict.value == label:
                matching += 1
            else:
                misses.append((str(q["id"]), label, g.verdict.value, g.score))
            if label == "wrong" and g.verdict is AnswerVerdict.GOOD:
                wrong_good += 1
    return AnswerFigures(total, matching, wrong_good, confusion, tuple(misses))
