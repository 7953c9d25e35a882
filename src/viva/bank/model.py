"""The typed content model of the question bank (see CONTENT-SPEC.md).

Values here are frozen and hold no file positions: they are what the rest of viva sees
after loading. Where a value came from (file and line) lives with the parser and linter.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import IntEnum, StrEnum
from typing import NewType

EntryId = NewType("EntryId", str)
TopicId = NewType("TopicId", str)

TOPICS: tuple[str, ...] = (
    "python",
    "django",
    "flask",
    "fastapi",
    "databases",
    "microservices",
    "cicd",
    "docker",
    "kubernetes",
    "deployment",
    "design-patterns",
    "system-design",
)


class Level(IntEnum):
    """How senior a question is; ordered so ranges ("beginner to intermediate") work."""

    BEGINNER = 1
    INTERMEDIATE = 2
    SENIOR = 3

    @property
    def label(self) -> str:
        return self.name.lower()

    @classmethod
    def parse(cls, text: str) -> Level:
        return cls[text.strip().upper()]


class EntryType(StrEnum):
    CONCEPT = "concept"
    COMPARE = "compare"
    SCENARIO = "scenario"
    PREDICT_OUTPUT = "predict-output"
    DEBUG = "debug"
    DESIGN = "design"
    LIST = "list"


class Frequency(IntEnum):
    """How often interviewers ask it; higher sorts first in "top N" lists."""

    LOW = 1
    MEDIUM = 2
    HIGH = 3

    @property
    def label(self) -> str:
        return self.name.lower()


class Check(StrEnum):
    EXACT = "exact"
    CONTAINS = "contains"
    REGEX = "regex"
    RAISES = "raises"


@dataclass(frozen=True, slots=True)
class Subtopic:
    id: str
    name: str
    summary: str
    aliases: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class Topic:
    id: TopicId
    name: str
    aliases: tuple[str, ...]
    subtopics: tuple[Subtopic, ...]

    def subtopic(self, sub_id: str) -> Subtopic | None:
        return next((s for s in self.subtopics if s.id == sub_id), None)


@dataclass(frozen=True, slots=True)
class Example:
    title: str
    body: str


@dataclass(frozen=True, slots=True)
class Snippet:
    id: str
    lang: str
    code: str
    expected_output: str | None
    check: Check | None
    run: bool
    note: str | None = None


@dataclass(frozen=True, slots=True)
class KeyPoint:
    id: str
    point: str
    weight: int
    required: bool
    phrases: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class Misconception:
    claim: str
    correction: str


@dataclass(frozen=True, slots=True)
class Source:
    title: str
    url: str


@dataclass(frozen=True, slots=True)
class Entry:
    id: EntryId
    topic: TopicId
    subtopic: str
    level: Level
    type: EntryType
    frequency: Frequency
    question: str
    short_answer: str
    answer: str
    simple: str
    examples: tuple[Example, ...]
    key_points: tuple[KeyPoint, ...]
    misconceptions: tuple[Misconception, ...]
    sources: tuple[Source, ...]
    variants: tuple[str, ...] = ()
    compare: tuple[str, ...] = ()
    tags: tuple[str, ...] = ()
    snippets: tuple[Snippet, ...] = ()
    red_flags: tuple[str, ...] = ()
    follow_ups: tuple[str, ...] = ()
    related: tuple[str, ...] = ()
    compare_with: tuple[str, ...] = ()
    prerequisites: tuple[str, ...] = ()
    supersedes: str | None = None
    applies_to: tuple[tuple[str, str], ...] = ()
    # the version a version-specific claim was checked against: ((tech, version), ...)
    as_of: tuple[tuple[str, str], ...] = ()

    @property
    def slug(self) -> str:
        return self.id.split(".", 1)[1]

    @property
    def compared(self) -> tuple[str, ...]:
        """The things this entry answers "X vs Y" about: a compare entry's terms. Another
        entry's `compare` list only names the parts its answer contrasts (read by the grader
        for traded roles); it must not make that entry the answer to "the difference between
        X and Y", which the compare entry owns."""
        return self.compare if self.type is EntryType.COMPARE else ()


@dataclass(frozen=True, slots=True)
class Bank:
    """Every topic and entry, in a stable order (topic order of TOPICS, then id)."""

    topics: tuple[Topic, ...]
    entries: tuple[Entry, ...]
    _by_id: dict[str, Entry] = field(default_factory=dict, compare=False, repr=False)

    @classmethod
    def build(cls, topics: list[Topic], entries: list[Entry]) -> Bank:
        order = {t: i for i, t in enumerate(TOPICS)}
        ts = sorted(topics, key=lambda t: (order.get(t.id, len(order)), t.id))
        es = sorted(entries, key=lambda e: (order.get(e.topic, len(order)), e.id))
        return cls(tuple(ts), tuple(es), {e.id: e for e in es})

    def get(self, entry_id: str) -> Entry | None:
        return self._by_id.get(entry_id)

    def topic(self, topic_id: str) -> Topic | None:
        return next((t for t in self.topics if t.id == topic_id), None)

    def in_topic(self, topic_id: str) -> list[Entry]:
        return [e for e in self.entries if e.topic == topic_id]
