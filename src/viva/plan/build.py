"""Requirements + goal + mastery -> a day-by-day ``Plan`` that fits the time given.

Order of study: topics the learner is weak in and the job asks for come first, then the
rest of what the job asks for, strongest first; topics the learner is strong in become short
reviews spread over the days. Every block of days ends with a mock interview on what the
block covered. When the time is too short, each asked-for topic still gets its two most
useful entries, the remaining minutes go to the highest value per minute, and the plan says
what it left out and why. Measured mastery overrides what the learner claims: a "strong"
topic with low mastery is studied again, an entry already mastered is left out.
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Mapping
from dataclasses import dataclass, replace

from viva.bank.model import Bank, Entry, Level
from viva.plan.goal import DAYS, MINUTES, bounded
from viva.plan.model import Day, Goal, Item, ItemKind, LeftOut, Plan, Requirements

NEW_MINUTES = {Level.BEGINNER: 6, Level.INTERMEDIATE: 8, Level.SENIOR: 10}
REVIEW_MINUTES = 3
MOCK_MINUTES = 15
BLOCK_DAYS = 3
COVERAGE = 2  # entries every asked-for topic keeps, however short the time
MASTERED = 0.9  # measured mastery at or above this: nothing left to study
KNOWN = 0.6  # at or above this: a review rather than new study
SHAKY = 0.4  # below this in a "strong" topic: studied as new after all
MOCK_QUESTIONS = 5
ASKED = 0.5  # a requirement this strong (one plain mention) is covered however short the time
REVIEW_SHARE = 0.25  # at most this share of the minutes goes to reviewing strong topics
REASONS = {
    "time": "not enough time; lower priority for this job",
    "level": "above your target level",
    "basics": "beginner questions in a topic you are strong in",
    "mastered": "already mastered in your reviews and mock interviews",
    "not-asked": "this job does not ask for it",
}


@dataclass(frozen=True, slots=True)
class _Candidate:
    entry: Entry
    kind: ItemKind
    minutes: int
    value: float
    rank: tuple[int, int, int]  # topic group, topic position, position within the topic


def _topic_order(req: Requirements, goal: Goal, bank: Bank) -> list[str]:
    """Weak asked-for topics first, then by how strongly asked for; strong topics last."""
    bank_order: dict[str, int] = {t.id: i for i, t in enumerate(bank.topics)}

    def group(t: str) -> int:
        return 0 if t in goal.weak else 2 if t in goal.strong else 1

    return sorted(
        req.topics(), key=lambda t: (group(t), -req.topic_weight(t), bank_order.get(t, 99))
    )


def _kind(entry: Entry, goal: Goal, mastery: Mapping[str, float]) -> ItemKind:
    m = mastery.get(entry.id)
    if m is not None:
        return (
            ItemKind.REVIEW
            if m >= KNOWN or (entry.topic in goal.strong and m >= SHAKY)
            else ItemKind.NEW
        )
    return ItemKind.REVIEW if entry.topic in goal.strong else ItemKind.NEW


def _candidates(
    req: Requirements, goal: Goal, bank: Bank, mastery: Mapping[str, float]
) -> tuple[list[_Candidate], Counter[tuple[str, str]]]:
    left: Counter[tuple[str, str]] = Counter()
    out: list[_Candidate] = []
    topics = _topic_order(req, goal, bank)
    for t in sorted(goal.weak - set(topics)):
        left[(t, "not-asked")] += len(bank.in_topic(t))
    for ti, topic_id in enumerate(topics):
        topic = bank.topic(topic_id)
        subrank = {s.id: i for i, s in enumerate(topic.subtopics)} if topic else {}
        asked = req.subtopics(topic_id)
        group = 0 if topic_id in goal.weak else 2 if topic_id in goal.strong else 1
        kept: list[Entry] = []
        for e in bank.in_topic(topic_id):
            if e.level > goal.level:
                left[(topic_id, "level")] += 1
            elif mastery.get(e.id, 0.0) >= MASTERED:
                left[(topic_id, "mastered")] += 1
            elif (
                topic_id in goal.strong
                and e.level is Level.BEGINNER
                and goal.level > Level.BEGINNER
                and mastery.get(e.id, 1.0) >= SHAKY
            ):
                left[(topic_id, "basics")] += 1
            else:
                kept.append(e)
        # basics before depth; within a level what the job names, then what is asked most
        kept.sort(
            key=lambda e: (
                e.level,
                e.subtopic not in asked,
                -e.frequency,
                subrank.get(e.subtopic, 99),
                e.id,
            )
        )
        tw = req.topic_weight(topic_id)
        for pos, e in enumerate(kept):
            kind = _kind(e, goal, mastery)
            minutes = REVIEW_MINUTES if kind is ItemKind.REVIEW else NEW_MINUTES[e.level]
            need = 1.5 if group == 0 else 1.0 if kind is ItemKind.NEW else 0.6
            value = (
                tw * need * (1 + 0.25 * (e.frequency - 2)) * (1.3 if e.subtopic in asked else 1.0)
            )
            value *= 0.97**pos  # keep the topic's own order when minutes are scarce
            out.append(_Candidate(e, kind, minutes, value / minutes, (group, ti, pos)))
    return out, left


def _select(
    cands: list[_Candidate], budget: int, weights: Mapping[int, float]
) -> tuple[list[_Candidate], list[_Candidate]]:
    chosen: list[_Candidate] = []
    taken: set[str] = set()
    spent = {"all": 0, "review": 0}
    review_cap = int(budget * REVIEW_SHARE)

    def take(c: _Candidate) -> None:
        is_review = c.kind is ItemKind.REVIEW
        if c.entry.id in taken or spent["all"] + c.minutes > budget:
            return
        if is_review and spent["review"] + c.minutes > review_cap:
            return
        chosen.append(c)
        taken.add(c.entry.id)
        spent["all"] += c.minutes
        spent["review"] += c.minutes if is_review else 0

    by_topic: dict[int, list[_Candidate]] = {}
    for c in cands:
        by_topic.setdefault(c.rank[1], []).append(c)
    # every topic the job really asks for gets its first entries, one round at a time, so a
    # short plan still touches all of them; nice-to-haves compete on value only
    for round_ in range(COVERAGE):
        for ti in sorted(by_topic):
            if weights.get(ti, 0.0) >= ASKED and round_ < len(by_topic[ti]):
                take(by_topic[ti][round_])
    for c in sorted(cands, key=lambda c: -c.value):
        take(c)
    return chosen, [c for c in cands if c.entry.id not in taken]


def _item(c: _Candidate) -> Item:
    e = c.entry
    return Item(e.id, e.topic, c.kind, c.minutes, e.subtopic, e.question)


def _mock(n: int, studied: list[Item], final: bool) -> Item:
    new_first = sorted(studied, key=lambda i: i.kind is not ItemKind.NEW)
    topics = tuple(dict.fromkeys(i.topic for i in new_first))
    # one question per topic first, so a mock covers the whole block
    picks = list(
        dict.fromkeys(
            [
                *(next(i.id for i in new_first if i.topic == t) for t in topics),
                *(i.id for i in new_first),
            ]
        )
    )[:MOCK_QUESTIONS]
    return Item(
        f"mock-{n}",
        topics[0] if topics else "",
        ItemKind.MOCK,
        MOCK_MINUTES,
        question="Final mock interview" if final else f"Mock interview {n}",
        entries=tuple(picks),
        topics=topics,
    )


def _pack(
    new: list[Item], review: list[Item], goal: Goal, block_ends: set[int]
) -> tuple[list[Day], list[Item]]:
    days: list[Day] = []
    per_day_reviews = math.ceil(len(review) / goal.days) if review else 0
    block: list[Item] = []
    everything: list[Item] = []
    mocks = 0
    for d in range(1, goal.days + 1):
        cap = goal.minutes_per_day - (MOCK_MINUTES if d in block_ends else 0)
        today: list[Item] = []
        used = 0
        quota = sum(i.minutes for i in review[:per_day_reviews])
        while new and used + new[0].minutes <= max(cap - quota, 0):
            used += new[0].minutes
            today.append(new.pop(0))
        while review and used + review[0].minutes <= cap:
            used += review[0].minutes
            today.append(review.pop(0))
            if sum(1 for i in today if i.kind is ItemKind.REVIEW) >= per_day_reviews and new:
                break
        while new and used + new[0].minutes <= cap:
            used += new[0].minutes
            today.append(new.pop(0))
        block += today
        everything += today
        if d in block_ends and (block or everything):
            # a block with nothing new (the plan ran out early) still gets a mock, on it all
            mocks += 1
            today.append(_mock(mocks, block or everything, d == goal.days))
            block = []
        days.append(Day(d, tuple(today)))
    return days, new + review


def build_plan(
    req: Requirements, goal: Goal, bank: Bank, mastery: Mapping[str, float] | None = None
) -> Plan:
    """The plan for ``goal.days`` days of ``goal.minutes_per_day`` minutes each."""
    # bounded whatever the caller passes: a profile saying 1e9 days must not exhaust memory
    goal = replace(
        goal, days=bounded(goal.days, DAYS), minutes_per_day=bounded(goal.minutes_per_day, MINUTES)
    )
    mastery = mastery or {}
    cands, left = _candidates(req, goal, bank, mastery)
    block_ends = {d for d in range(1, goal.days + 1) if d % BLOCK_DAYS == 0 or d == goal.days}
    budget = goal.days * goal.minutes_per_day - MOCK_MINUTES * len(block_ends)
    weights = {ti: req.topic_weight(t) for ti, t in enumerate(_topic_order(req, goal, bank))}
    chosen, dropped = _select(cands, max(budget, 0), weights)
    chosen.sort(key=lambda c: c.rank)
    while True:
        new = [_item(c) for c in chosen if c.kind is ItemKind.NEW]
        review = [_item(c) for c in chosen if c.kind is ItemKind.REVIEW]
        days, unplaced = _pack(new, review, goal, block_ends)
        if not unplaced:
            break
        # whole items do not fill days exactly: give up the least valuable one, not the last
        cheapest = min(chosen, key=lambda c: c.value)
        chosen.remove(cheapest)
        dropped.append(cheapest)
    for c in dropped:
        left[(c.entry.topic, "time")] += 1
    left_out = tuple(LeftOut(t, n, r) for (t, r), n in left.items())
    return Plan(req, goal, tuple(days), left_out, _notes(req, goal, days, left_out, bank))


def _notes(
    req: Requirements, goal: Goal, days: list[Day], left: tuple[LeftOut, ...], bank: Bank
) -> tuple[str, ...]:
    notes: list[str] = []

    def name(t: str) -> str:
        topic = bank.topic(t)
        return topic.name if topic else t

    timed = [x for x in left if x.reason == "time"]
    if timed:
        planned = sum(1 for d in days for i in d.items if i.kind is not ItemKind.MOCK)
        total = planned + sum(x.count for x in timed)
        parts = ", ".join(
            f"{x.count} {name(x.topic)}" for x in sorted(timed, key=lambda x: -x.count)
        )
        notes.append(
            f"{goal.days} day(s) of {goal.minutes_per_day} minutes fit {planned} of {total} "
            f"entries the job calls for. Left out for lack of time, the lowest priority for this "
            f"job first: {parts}."
        )
    for reason in ("level", "basics", "mastered", "not-asked"):
        group = [x for x in left if x.reason == reason]
        if group:
            parts = ", ".join(f"{x.count} {name(x.topic)}" for x in group)
            notes.append(f"Also left out ({REASONS[reason]}): {parts}.")
    if req.unknown_skills:
        notes.append(
            "The job also names skills this bank does not cover: "
            + ", ".join(req.unknown_skills)
            + "."
        )
    return tuple(notes)
