"""Wires the pure core to the edges: loads the (cached) bank and answers the CLI's queries.

Front ends call this module with plain values and get plain values back; it owns the
choice of content folder and data directory and turns lookups that fail into
``NotFoundError`` with a suggestion of the closest valid name.
"""

from __future__ import annotations

import sys
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from rapidfuzz import process

from viva import settings
from viva.bank.model import Bank, Entry, Level, Topic
from viva.errors import ContentError, InputError, NotFoundError
from viva.search.index import SearchIndex
from viva.search.query import SearchResult, search
from viva.store.bankcache import Compiled, load_bank

if TYPE_CHECKING:  # the grader loads on first use: `viva ask` never needs it
    from viva.grade.facts import FactBook
    from viva.grade.model import Check, Grade
    from viva.grade.semantic import Similar

MAX_QUERY_CHARS = 2_000


def closest(word: str, choices: list[str]) -> str | None:
    found = process.extractOne(word, choices, score_cutoff=60)
    return str(found[0]) if found else None


@dataclass(frozen=True, slots=True)
class Answer:
    """What ``viva ask`` returns: the search result and the answering entry (if any)."""

    result: SearchResult
    entry: Entry | None
    matches: list[tuple[Entry, float]]


class Service:
    """One bank, loaded lazily from the cache; every query of the CLI goes through here."""

    def __init__(self, content: Path | None = None, data: Path | None = None) -> None:
        self.content = content or settings.content_dir()
        self.data = data or settings.data_dir()
        self._compiled: Compiled | None = None
        self._similar: Similar | None = None
        self._facts: FactBook | None = None
        self.from_cache = False

    @property
    def compiled(self) -> Compiled:
        if self._compiled is None:
            self._compiled, self.from_cache = load_bank(self.content, self.data / "cache")
            if not self._compiled.bank.entries:
                raise ContentError(list(self._compiled.problems))
            if self._compiled.problems:
                first = self._compiled.problems[0]
                n = len(self._compiled.problems)
                print(
                    f"viva: warning: {first} ({n} content problem(s); entries with problems "
                    "are skipped - run `viva bank lint`)",
                    file=sys.stderr,
                )
        return self._compiled

    @property
    def bank(self) -> Bank:
        return self.compiled.bank

    @property
    def index(self) -> SearchIndex:
        return self.compiled.index

    @property
    def facts(self) -> FactBook:
        if self._facts is None:
            from viva.store.bankcache import load_facts

            self._facts = load_facts(self.compiled, self.data / "cache")
        return self._facts

    def check(self, text: str) -> Check:
        """A learner's statement checked against the bank (agree/partly/disagree/unsure)."""
        from viva.grade.statement import check_statement

        return check_statement(clean_query(text), self.bank, self.index, self.facts)

    def grade(self, entry_id: str, answer: str, semantic: bool = False) -> Grade:
        """An answer in the learner's words graded against the entry's key points; with
        ``semantic``, sentence embeddings also recognise paraphrased points."""
        from viva.grade.answer import grade_answer

        entry = self.entry(entry_id)
        return grade_answer(
            entry, clean_query(answer), self.facts, self.similar() if semantic else None
        )

    def similar(self) -> Similar:
        """The semantic layer's paraphrase finder (loads the model on first use)."""
        if self._similar is None:
            from viva.embed import MiniLM
            from viva.grade.semantic import similar_with

            model = MiniLM()
            model.load()
            self._similar = similar_with(model)
        return self._similar

    def ask(self, text: str, limit: int = 5) -> Answer:
        query = clean_query(text)
        result = search(self.index, query, limit=limit)
        matches = [(e, h.score) for h in result.hits if (e := self.bank.get(h.entry_id))]
        entry = self.bank.get(result.answer_id) if result.answer_id else None
        return Answer(result, entry, matches)

    def entry(self, entry_id: str) -> Entry:
        entry = self.bank.get(entry_id.strip())
        if entry is None:
            guess = closest(entry_id, [e.id for e in self.bank.entries])
            raise NotFoundError(
                f"no entry with id '{entry_id}'",
                f"did you mean '{guess}'?" if guess else "see `viva questions`",
            )
        return entry

    def topic(self, topic_id: str) -> Topic:
        key = topic_id.strip().lower()
        for topic in self.bank.topics:
            if key in (topic.id, topic.name.lower()) or key in (a.lower() for a in topic.aliases):
                return topic
        guess = closest(key, [t.id for t in self.bank.topics])
        hint = f"did you mean '{guess}'?" if guess else "see `viva topics`"
        raise NotFoundError(f"unknown topic '{topic_id}'", hint)

    def questions(self, topic: str | None, levels: list[str], top: int | None) -> list[Entry]:
        wanted = {parse_level(lv) for lv in levels}
        entries = self.bank.in_topic(self.topic(topic).id) if topic else list(self.bank.entries)
        chosen = [e for e in entries if not wanted or e.level in wanted]
        chosen.sort(key=lambda e: (-e.frequency, e.level, self.subtopic_rank(e), e.id))
        return chosen[:top] if top else chosen

    def subtopic_rank(self, entry: Entry) -> int:
        topic = self.bank.topic(entry.topic)
        ids = [s.id for s in topic.subtopics] if topic else []
        return ids.index(entry.subtopic) if entry.subtopic in ids else len(ids)

    def stats(self) -> dict[str, dict[str, int]]:
        by_topic: dict[str, dict[str, int]] = {}
        for topic in self.bank.topics:
            by_topic[topic.id] = {lv.label: 0 for lv in Level}
        for e in self.bank.entries:
            by_topic.setdefault(e.topic, {lv.label: 0 for lv in Level})[e.level.label] += 1
        return by_topic


def parse_level(text: str) -> Level:
    key = text.strip().lower()
    aliases = {
        "basic": "beginner",
        "easy": "beginner",
        "junior": "beginner",
        "medium": "intermediate",
        "mid": "intermediate",
        "advanced": "senior",
        "expert": "senior",
        "hard": "senior",
    }
    key = aliases.get(key, key)
    try:
        return Level.parse(key)
    except KeyError:
        guess = closest(key, [lv.label for lv in Level])
        raise NotFoundError(
            f"unknown level '{text}'",
            f"did you mean '{guess}'?" if guess else "use beginner, intermediate or senior",
        ) from None


def clean_query(text: str) -> str:
    """A query fit to search: refuses empty, binary and huge input with a clear message."""
    if "\x00" in text:
        raise InputError("the question contains binary data", "type the question as plain text")
    if len(text) > MAX_QUERY_CHARS:
        raise InputError(
            f"the question is {len(text)} characters long (max {MAX_QUERY_CHARS})",
            "ask one question at a time",
        )
    stripped = " ".join(text.split())
    if not stripped:
        raise InputError("the question is empty", 'try: viva ask "what is the GIL"')
    return stripped
