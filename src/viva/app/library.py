"""The bank and its queries: loads the (cached) bank and answers ask, check, grade, show.

Front ends call this module with plain values and get plain values back; it never prints.
It owns the choice of content folder and data directory, turns lookups that fail into
``NotFoundError`` with a suggestion of the closest valid name, and reports content problems
and long preparation through callbacks the front end supplies (``warn``, ``progress``).
"""

from __future__ import annotations

import contextlib
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from rapidfuzz import process

from viva import settings
from viva.bank.model import Bank, Entry, Level, Topic
from viva.cleaning import clean_text, shown
from viva.errors import ContentError, InputError, NotFoundError
from viva.search.index import SearchIndex
from viva.search.query import SearchResult, search
from viva.store.bankcache import Compiled, load_bank

if TYPE_CHECKING:  # the grader and the sentence model load on first use
    from viva.grade.facts import FactBook
    from viva.grade.model import Check, Grade
    from viva.grade.semantic import Meaning, Similar
    from viva.search.dense import DenseIndex
    from viva.semantic import Vectors
    from viva.semantic.minilm import MiniLM

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


Warn = Callable[[str], None]
Progress = Callable[[int, int], None]  # done, total


class Library:
    """One bank, loaded lazily from the cache; every query of every front end goes through
    here. ``warn`` hears about content problems (entries skipped), ``progress`` about texts
    being encoded for meaning search (only when the shipped vectors don't cover the bank)."""

    def __init__(
        self,
        content: Path | None = None,
        data: Path | None = None,
        *,
        warn: Warn | None = None,
        progress: Progress | None = None,
    ) -> None:
        self.content = content or settings.content_dir()
        self.data = data or settings.data_dir()
        self.warn = warn
        self.progress = progress
        self._compiled: Compiled | None = None
        self._similar: Similar | None = None
        self._meaning: Meaning | None = None
        self._keep: frozenset[str] | None = None  # the fact texts whose vectors are saved
        self._facts: FactBook | None = None
        self._model: MiniLM | None = None
        self._dense: DenseIndex | None = None
        self.from_cache = False

    @property
    def compiled(self) -> Compiled:
        if self._compiled is None:
            self._compiled, self.from_cache = load_bank(self.content, self.data / "cache")
            if not self._compiled.bank.entries:
                raise ContentError(list(self._compiled.problems))
            if self._compiled.problems and self.warn is not None:
                first = self._compiled.problems[0]
                n = len(self._compiled.problems)
                self.warn(
                    f"{first} ({n} content problem(s); entries with problems are skipped - "
                    "run `viva bank lint`)"
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

    def check(self, text: str, semantic: bool = False) -> Check:
        """A learner's statement checked claim by claim against the bank; with ``semantic``,
        misconceptions said in other words are recognised too."""
        from viva.grade.statement import check_statement

        meaning = self.meaning() if semantic else None
        result = check_statement(
            clean_query(text),
            self.bank,
            self.index,
            self.facts,
            meaning,
        )
        if meaning is not None:
            self._save_meanings()
        return result

    def grade(self, entry_id: str, answer: str, semantic: bool = False) -> Grade:
        """An answer in the learner's words graded against the entry's key points; with
        ``semantic``, sentence embeddings also recognise paraphrased points."""
        from viva.grade.answer import grade_answer

        entry = self.entry(entry_id)
        result = grade_answer(
            entry,
            clean_query(answer, "answer"),
            self.facts,
            self.similar() if semantic else None,
            self.meaning() if semantic else None,
        )
        if semantic:
            self._save_meanings()  # (and forget which learner sentences were new)
        return result

    def similar(self) -> Similar:
        """The semantic layer's paraphrase finder (loads the model on first use)."""
        if self._similar is None:
            from viva.grade.semantic import similar_with

            self._similar = similar_with(self.meaning())
        return self._similar

    def meaning(self) -> Meaning:
        """Cached sentence vectors for grading: the bank's facts come from the learner's cache
        (encoded once, on first use) and each new sentence is encoded once per process."""
        if self._meaning is None:
            from viva.grade.semantic import Meaning
            from viva.semantic.book import SHIPPED, VectorBook

            self._meaning = Meaning(self.model)
            book = VectorBook()
            book.read(SHIPPED)  # the bank's own facts ship encoded; edits land in the cache
            book.read(self._meanings_path)
            self._meaning.preload_book(book)
        return self._meaning

    def warm_meanings(self) -> int:
        """Encode every fact the grader compares by meaning; how many were new."""
        from viva.grade.semantic import semantic_texts

        meaning = self.meaning()
        before = meaning.encoded
        meaning.warm(semantic_texts(self.facts))
        self._save_meanings()
        return meaning.encoded - before

    @property
    def _meanings_path(self) -> Path:
        return self.data / "cache" / "grader-vectors.npz"  # keyed by text: edits only add

    def _save_meanings(self) -> None:
        if self._meaning is None or not self._meaning.fresh:
            return
        from viva.grade.semantic import semantic_texts
        from viva.semantic.book import VectorBook

        if self._keep is None:
            self._keep = frozenset(semantic_texts(self.facts))
        keep = self._keep
        # a learner's sentence is encoded on every semantic check and never kept: the saved
        # book is rewritten only when a fact of the bank was encoded
        new, self._meaning.fresh = self._meaning.fresh, set()
        if not new & keep:
            return
        book = VectorBook()
        texts = [t for t in self._meaning.vectors() if t in keep]
        if texts:
            import numpy as np  # only when grader vectors are saved: start-up never needs it

            book.add(texts, np.stack([self._meaning.vectors()[t] for t in texts]))
            with contextlib.suppress(OSError):  # a read-only data folder only costs speed
                book.write(self._meanings_path)

    @property
    def model(self) -> MiniLM:
        """The sentence model (hash-checked; about 0.3 s to load, so only on first use)."""
        if self._model is None:
            from viva.semantic.minilm import MiniLM

            self._model = MiniLM(memo=self.data / "cache" / "model-verified.json")
        return self._model

    @property
    def dense(self) -> DenseIndex:
        """The bank's sentence vectors: shipped ones, then the learner's cache, then encoded.

        The matrix for this exact bank is kept beside the bank cache (same key), so a start
        reads one small array instead of looking up every text."""
        if self._dense is None:
            import numpy as np

            from viva.search.dense import DenseIndex, bank_texts
            from viva.semantic.book import SHIPPED, VectorBook

            texts, _ = bank_texts(self.bank)
            kept = self.data / "cache" / f"dense-{self.compiled.key}.npy"
            matrix = None
            with contextlib.suppress(OSError, ValueError):
                got = np.load(kept, allow_pickle=False)
                if got.shape == (len(texts), 384):
                    matrix = got.astype(np.float32)
            if matrix is None:
                book = VectorBook()
                book.read(SHIPPED)
                mine = self.data / "cache" / "vectors.npz"
                book.read(mine)
                matrix, encoded = book.vectors(
                    texts, lambda chunk: self.model.encode(chunk), self._progress
                )
                # a read-only data folder costs speed next time, nothing else
                with contextlib.suppress(OSError):
                    if encoded:
                        book.write(mine, texts)
                    for old in kept.parent.glob("dense-*.npy"):
                        old.unlink(missing_ok=True)
                    tmp = kept.with_suffix(".tmp.npy")
                    np.save(tmp, matrix.astype(np.float16))
                    tmp.replace(kept)
            self._dense = DenseIndex.build(self.bank, matrix)
        return self._dense

    def _progress(self, done: int, total: int) -> None:
        if self.progress is not None:
            self.progress(done, total)

    def vector_texts(self) -> list[str]:
        """Every text viva embeds ahead of time: the bank's questions and variants, and the
        facts the grader compares by meaning."""
        from viva.grade.semantic import semantic_texts
        from viva.search.dense import bank_texts

        return [*bank_texts(self.bank)[0], *semantic_texts(self.facts)]

    def search(self, query: str, limit: int = 5) -> SearchResult:
        """Hybrid search; the model is skipped when the words alone are certain."""
        from viva.search.hybrid import hybrid_search, lexical_is_certain

        lexical = search(self.index, query, limit=limit)
        if lexical_is_certain(lexical):
            return lexical
        return hybrid_search(
            self.index, self.dense, query, self.query_vectors(query, lexical), limit=limit
        )

    def query_vectors(self, query: str, lexical: SearchResult) -> list[Vectors]:
        """The query as said and, when search corrected a word, as understood."""
        texts = [query]
        if lexical.corrections:
            texts.append(lexical.understood)
        return list(self.model.encode(texts))

    def ask(self, text: str, limit: int = 5) -> Answer:
        query = clean_query(text)
        result = self.search(query, limit=limit)
        matches = [(e, h.score) for h in result.hits if (e := self.bank.get(h.entry_id))]
        entry = self.bank.get(result.answer_id) if result.answer_id else None
        return Answer(result, entry, matches)

    def entry(self, entry_id: str) -> Entry:
        entry = self.bank.get(entry_id.strip())
        if entry is None:
            guess = closest(entry_id, [e.id for e in self.bank.entries])
            raise NotFoundError(
                f"no entry with id '{shown(entry_id, 60)}'",
                f"did you mean '{guess}'?" if guess else "see `viva questions`",
            )
        return entry

    def topic(self, topic_id: str) -> Topic:
        key = topic_id.strip().lower()
        if not key:
            raise InputError("the topic is empty", "see `viva topics`")
        for topic in self.bank.topics:
            if key in (topic.id, topic.name.lower()) or key in (a.lower() for a in topic.aliases):
                return topic
        guess = closest(key, [t.id for t in self.bank.topics])
        hint = f"did you mean '{guess}'?" if guess else "see `viva topics`"
        raise NotFoundError(f"unknown topic '{shown(topic_id, 60)}'", hint)

    def questions(self, topic: str | None, levels: list[str], top: int | None) -> list[Entry]:
        wanted = {parse_level(lv) for lv in levels}
        entries = (
            self.bank.in_topic(self.topic(topic).id)
            if topic is not None
            else list(self.bank.entries)
        )
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
            f"unknown level '{shown(text, 40)}'",
            f"did you mean '{guess}'?" if guess else "use beginner, intermediate or senior",
        ) from None


def clean_query(text: str, what: str = "question") -> str:
    """Text fit to search or grade: valid Unicode, and empty, binary and huge input refused
    with a clear message that names ``what`` it is (a question, an answer)."""
    text = clean_text(text)
    if "\x00" in text:
        raise InputError(f"the {what} contains binary data", f"type the {what} as plain text")
    if len(text) > MAX_QUERY_CHARS:
        raise InputError(
            f"the {what} is {len(text)} characters long (max {MAX_QUERY_CHARS})",
            "ask one question at a time" if what == "question" else f"shorten the {what}",
        )
    stripped = " ".join(text.split())
    if not stripped:
        raise InputError(f"the {what} is empty", 'try: viva ask "what is the GIL"')
    return stripped
