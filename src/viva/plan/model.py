"""The typed values of a study plan and their JSON form (the ``viva plan --json`` contract).

Field names of ``Plan.to_dict`` are a public contract: add fields freely, never rename.
``Plan.from_dict`` reads a saved plan back, tolerating fields added later.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum
from typing import Any

from viva.bank.model import Level


class ItemKind(StrEnum):
    NEW = "new"
    REVIEW = "review"
    MOCK = "mock"


@dataclass(frozen=True, slots=True)
class Requirement:
    """One skill the job asks for, on the bank's map; ``subtopic`` None means the whole topic.

    ``weight`` (0..1) is how strongly it is asked for: a single plain mention is 0.5, a
    "strong"/"must have" mention more, a "nice to have" less, repeated mentions add up.
    """

    topic: str
    subtopic: str | None
    weight: float
    evidence: tuple[str, ...] = ()  # the words in the job description that asked for it


@dataclass(frozen=True, slots=True)
class Requirements:
    role: str | None
    level: Level | None
    items: tuple[Requirement, ...]  # strongest first
    unknown_skills: tuple[str, ...]  # named by the job, not covered by the bank

    def topic_weight(self, topic: str) -> float:
        return next((r.weight for r in self.items if r.topic == topic and not r.subtopic), 0.0)

    def subtopics(self, topic: str) -> dict[str, float]:
        return {r.subtopic: r.weight for r in self.items if r.topic == topic and r.subtopic}

    def topics(self) -> list[str]:
        return [r.topic for r in self.items if r.subtopic is None]

    def to_dict(self) -> dict[str, Any]:
        return {
            "role": self.role,
            "level": self.level.label if self.level else None,
            "requirements": [
                {
                    "topic": r.topic,
                    "subtopic": r.subtopic,
                    "weight": r.weight,
                    "evidence": list(r.evidence),
                }
                for r in self.items
            ],
            "unknown_skills": list(self.unknown_skills),
        }


@dataclass(frozen=True, slots=True)
class Goal:
    """What the learner brings: the profile, resolved to plain values by the edge."""

    days: int
    minutes_per_day: int
    level: Level
    strong: frozenset[str] = frozenset()
    weak: frozenset[str] = frozenset()


@dataclass(frozen=True, slots=True)
class Item:
    id: str
    topic: str
    kind: ItemKind
    minutes: int
    subtopic: str | None = None
    question: str = ""
    entries: tuple[str, ...] = ()  # a mock interview: the entries it draws on
    topics: tuple[str, ...] = ()  # a mock interview: the topics it covers

    def to_dict(self) -> dict[str, Any]:
        doc: dict[str, Any] = {
            "id": self.id,
            "topic": self.topic,
            "kind": self.kind.value,
            "minutes": self.minutes,
        }
        if self.kind is ItemKind.MOCK:
            doc["topics"], doc["entries"] = list(self.topics), list(self.entries)
        else:
            doc["subtopic"], doc["question"] = self.subtopic, self.question
        return doc

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> Item:
        return cls(
            id=str(d["id"]),
            topic=str(d["topic"]),
            kind=ItemKind(d["kind"]),
            minutes=int(d.get("minutes", 0)),
            subtopic=d.get("subtopic"),
            question=str(d.get("question") or ""),
            entries=tuple(d.get("entries", ())),
            topics=tuple(d.get("topics", ())),
        )


@dataclass(frozen=True, slots=True)
class Day:
    day: int
    items: tuple[Item, ...]

    @property
    def minutes(self) -> int:
        return sum(i.minutes for i in self.items)


@dataclass(frozen=True, slots=True)
class LeftOut:
    """Entries the plan does not cover, grouped by topic and the reason."""

    topic: str
    count: int
    reason: str  # time, level, basics, mastered, not-asked


@dataclass(frozen=True, slots=True)
class Plan:
    requirements: Requirements
    goal: Goal
    days: tuple[Day, ...]
    left_out: tuple[LeftOut, ...] = ()
    notes: tuple[str, ...] = ()  # plain sentences: what was left out and why, warnings
    created: str | None = None  # ISO date the edge stamps, so "today" can be found later

    def entry_ids(self) -> list[str]:
        return [i.id for d in self.days for i in d.items if i.kind is not ItemKind.MOCK]

    def to_dict(self) -> dict[str, Any]:
        req = self.requirements.to_dict()
        g = self.goal
        return {
            **req,
            "created": self.created,
            "goal": {
                "days": g.days,
                "minutes_per_day": g.minutes_per_day,
                "level": g.level.label,
                "strong": sorted(g.strong),
                "weak": sorted(g.weak),
            },
            "days": [
                {"day": d.day, "minutes": d.minutes, "items": [i.to_dict() for i in d.items]}
                for d in self.days
            ],
            "left_out": [
                {"topic": x.topic, "count": x.count, "reason": x.reason} for x in self.left_out
            ],
            "notes": list(self.notes),
        }

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> Plan:
        req = Requirements(
            role=d.get("role"),
            level=Level.parse(d["level"]) if d.get("level") else None,
            items=tuple(
                Requirement(
                    r["topic"], r.get("subtopic"), float(r["weight"]), tuple(r.get("evidence", ()))
                )
                for r in d.get("requirements", [])
            ),
            unknown_skills=tuple(d.get("unknown_skills", ())),
        )
        g = d.get("goal", {})
        goal = Goal(
            days=int(g.get("days", len(d.get("days", [])))),
            minutes_per_day=int(g.get("minutes_per_day", 60)),
            level=Level.parse(g.get("level", "intermediate")),
            strong=frozenset(g.get("strong", ())),
            weak=frozenset(g.get("weak", ())),
        )
        days = tuple(
            Day(int(x["day"]), tuple(Item.from_dict(i) for i in x.get("items", [])))
            for x in d.get("days", [])
        )
        left = tuple(
            LeftOut(str(x["topic"]), int(x["count"]), str(x["reason"]))
            for x in d.get("left_out", [])
        )
        return cls(req, goal, days, left, tuple(d.get("notes", ())), d.get("created"))
