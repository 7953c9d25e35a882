"""Progress as numbers: mastery by topic and level, due counts, streak, weakest subtopics.

Pure: it takes the bank, the cards' state and the attempt dates, and returns a value the
edges draw (terminal bars, an HTML page, a PNG). An entry never practised counts as 0 in
its topic's mastery, so the figure says how much of the topic is known, not how well the
few practised entries went.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from viva.bank.model import Bank, Level
from viva.schedule.queue import CardInfo, mastery, streak


@dataclass(frozen=True, slots=True)
class TopicProgress:
    topic: str
    name: str
    mastery: float  # 0-1 over every entry in the topic
    by_level: dict[str, float]
    practised: int
    total: int
    due: int


@dataclass(frozen=True, slots=True)
class Progress:
    topics: tuple[TopicProgress, ...]
    due_now: int
    due_week: int
    streak: int
    practised: int
    attempts: int
    weakest: tuple[tuple[str, str, float], ...]  # (topic, subtopic, mastery) among practised

    def as_dict(self) -> dict[str, Any]:
        return {
            "topics": [
                {
                    "topic": t.topic,
                    "name": t.name,
                    "mastery": round(t.mastery, 3),
                    "by_level": {k: round(v, 3) for k, v in t.by_level.items()},
                    "practised": t.practised,
                    "total": t.total,
                    "due": t.due,
                }
                for t in self.topics
            ],
            "due_now": self.due_now,
            "due_week": self.due_week,
            "streak": self.streak,
            "practised": self.practised,
            "attempts": self.attempts,
            "weakest": [
                {"topic": t, "subtopic": s, "mastery": round(m, 3)} for t, s, m in self.weakest
            ],
        }


def compute(
    bank: Bank,
    cards: Sequence[CardInfo],
    practice_days: Sequence[date],
    attempts: int,
    now: datetime,
) -> Progress:
    known = {c.entry_id: mastery(c.retrievability, c.last_score) for c in cards}
    due = {c.entry_id for c in cards if c.due <= now}
    week = {c.entry_id for c in cards if (c.due - now).days < 7}
    topics = []
    sub: dict[tuple[str, str], list[float]] = defaultdict(list)
    for topic in bank.topics:
        entries = bank.in_topic(topic.id)
        if not entries:
            continue
        levels: dict[str, list[float]] = {lv.label: [] for lv in Level}
        for e in entries:
            levels[e.level.label].append(known.get(e.id, 0.0))
            if e.id in known:
                sub[(topic.id, e.subtopic)].append(known[e.id])
        values = [known.get(e.id, 0.0) for e in entries]
        topics.append(
            TopicProgress(
                topic.id,
                topic.name,
                sum(values) / len(values),
                {k: sum(v) / len(v) for k, v in levels.items() if v},
                sum(1 for e in entries if e.id in known),
                len(entries),
                sum(1 for e in entries if e.id in due),
            )
        )
    weakest = sorted(((t, s, sum(v) / len(v)) for (t, s), v in sub.items()), key=lambda x: x[2])
    return Progress(
        tuple(topics),
        len(due),
        len(week),
        streak(practice_days, now.date()),
        len(known),
        attempts,
        tuple(weakest[:5]),
    )
