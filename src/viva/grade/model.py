"""The grader's typed results: a statement's verdict (``Check``) and an answer's grade (``Grade``).

Pure values, shared by the checker, the answer grader, the session engine, the CLI's JSON and
the scheduler (which turns a ``Grade`` into an FSRS rating).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any


class Verdict(StrEnum):
    """What the coach says of a learner's statement."""

    AGREE = "agree"
    PARTLY = "partly"
    DISAGREE = "disagree"
    UNSURE = "unsure"


class AnswerVerdict(StrEnum):
    """What the coach says of a learner's answer to a question."""

    GOOD = "good"
    PARTIAL = "partial"
    WRONG = "wrong"
    OFF_TOPIC = "off-topic"


@dataclass(frozen=True, slots=True)
class ClaimCheck:
    """One claim of a statement, in the learner's words, and what the bank says of it."""

    text: str
    status: str  # right | partly | wrong | unsure
    correction: str | None = None
    source_id: str | None = None

    def as_dict(self) -> dict[str, Any]:
        return {
            "text": self.text,
            "status": self.status,
            "correction": self.correction,
            "source_id": self.source_id,
        }


@dataclass(frozen=True, slots=True)
class Check:
    verdict: Verdict
    explanation: str
    correction: str | None = None
    source_id: str | None = None
    near: tuple[str, ...] = ()  # nearest entries when the bank doesn't cover the claim
    claims: tuple[ClaimCheck, ...] = ()

    def as_dict(self) -> dict[str, Any]:
        return {
            "verdict": self.verdict.value,
            "explanation": self.explanation,
            "correction": self.correction,
            "source_id": self.source_id,
            "near": list(self.near),
            "claims": [c.as_dict() for c in self.claims],
        }


@dataclass(frozen=True, slots=True)
class Insights:
    """Delivery feedback in the manner of Interview Warmup: words, not truth."""

    words: int
    terms_used: tuple[str, ...]
    terms_missed: tuple[str, ...]
    fillers: dict[str, int] = field(default_factory=dict)
    repeated: tuple[tuple[str, int], ...] = ()

    def as_dict(self) -> dict[str, Any]:
        return {
            "words": self.words,
            "terms_used": list(self.terms_used),
            "terms_missed": list(self.terms_missed),
            "fillers": dict(self.fillers),
            "repeated": [{"word": w, "count": n} for w, n in self.repeated],
        }


@dataclass(frozen=True, slots=True)
class Grade:
    entry_id: str
    score: int  # 0-100
    verdict: AnswerVerdict
    covered: tuple[str, ...]  # key point texts the answer made
    missed: tuple[str, ...]
    misconceptions: tuple[str, ...]  # corrections of wrong claims found in the answer
    red_flags: tuple[str, ...]
    insights: Insights
    # (the learner's words, the correction) for each key point said the other way round
    wrong_claims: tuple[tuple[str, str], ...] = ()

    def as_dict(self) -> dict[str, Any]:
        return {
            "id": self.entry_id,
            "score": self.score,
            "verdict": self.verdict.value,
            "covered": list(self.covered),
            "missed": list(self.missed),
            "misconceptions": list(self.misconceptions),
            "red_flags": list(self.red_flags),
            "insights": self.insights.as_dict(),
            "wrong_claims": [{"said": s, "correction": c} for s, c in self.wrong_claims],
        }
