"""The intent table as the one source of commands, and its nearest-neighbour fallback.

The commands the voice grammar once listed by hand are whole templates now (said alone and
inside sentences they mean the same); a short line no template covers is read by its closest
table sentence, with the real sentence model and the shipped vectors, and the model is never
loaded for a line the templates understood.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import UTC, datetime
from pathlib import Path

import numpy as np
import pytest

from viva.app.conversation import Coach
from viva.app.library import Library
from viva.app.stores import open_store
from viva.semantic import DIM, Vectors, normalise
from viva.semantic.book import SHIPPED_INTENTS, VectorBook
from viva.understand.intents import Kind
from viva.understand.match import examples
from viva.understand.nearest import NEVER_GUESSED, Nearest, example_texts
from viva.understand.reader import NEAREST_AT, Understanding, Vocabulary, parse, understand
from viva.voice import grammar

# What voice/grammar.py once held by hand (EXTRA): commands the table found only inside
# longer sentences. Each is a whole template now.
ONCE_EXTRA = {
    "give an example": Kind.EXAMPLE,
    "for example": Kind.EXAMPLE,
    "tell me in simple words": Kind.SIMPLER,
    "explain in simple words": Kind.SIMPLER,
    "in plain english": Kind.SIMPLER,
    "i didn't get it": Kind.SIMPLER,
    "i don't understand": Kind.SIMPLER,
    "follow up question": Kind.FOLLOW_UP,
    "keep going": Kind.MORE,
    "what else": Kind.MORE,
    "repeat the last sentence": Kind.REPEAT_SENTENCE,
    "the last sentence again": Kind.REPEAT_SENTENCE,
    "repeat the last word": Kind.REPEAT_WORD,
    "what was the last word": Kind.REPEAT_WORD,
    "i didn't catch the last word": Kind.REPEAT_WORD,
    "go slower": Kind.SLOWER,
    "a little slow": Kind.SLOWER,
    "explain slowly from now on": Kind.SLOWER,
    "slower from now on": Kind.SLOWER,
    "always go slow": Kind.SLOWER,
    "go faster": Kind.FASTER,
    "faster from now on": Kind.FASTER,
    "always give examples from now on": Kind.ALWAYS_EXAMPLE,
}

# Commands only when said alone, as before they were templates: "for example" inside a
# sentence is a way of speaking, and "keep going" or "what else" inside one is not a request
# to go on with the answer (the table has no within phrase for MORE).
ALONE_ONLY = frozenset({"for example", "keep going", "what else"})


@pytest.fixture(scope="module")
def lib() -> Library:
    return Library()


@pytest.fixture(scope="module")
def templates(lib: Library) -> Understanding:
    """The reader as the coach builds it, without the fallback: the templates and the bank."""
    return Understanding(Vocabulary.from_bank(lib.bank), find=lib.search, index=lib.index)


@pytest.mark.parametrize(("said", "kind"), ONCE_EXTRA.items())
def test_former_grammar_extras_are_table_commands(
    said: str, kind: Kind, templates: Understanding
) -> None:
    folded = said.replace("'", "")
    assert Understanding(Vocabulary()).matcher.whole(folded) is not None, "a whole template"
    alone = parse(said, Vocabulary())
    assert alone.kind is kind
    assert alone.persistent is ("from now on" in said or said.startswith("always"))
    if said in ALONE_ONLY:
        return
    # said inside a longer sentence, the intent is the same
    inside = understand(f"okay so {said} because i am still learning", templates)
    assert [i.kind for i in inside] == [kind], inside


def test_the_grammar_has_no_hand_written_commands() -> None:
    assert not hasattr(grammar, "EXTRA")
    phrases = set(grammar.expand(["python"], per_phrase=1000))
    assert {"go slower", "explain slowly from now on", "repeat the last word"} <= phrases
    assert "wait" not in phrases and "i don't know that" not in phrases  # swallowers


def test_shipped_intent_vectors_cover_the_table() -> None:
    book = VectorBook()
    assert book.read(SHIPPED_INTENTS)
    missing = [t for t in example_texts() if book.get(t) is None]
    assert missing == [], "the intent table changed: run `make vectors`"


class _Scripted:
    """A stand-in encoder: the vector of a text is the one of the example it is told to be
    close to, so the test fixes cosines without a model; it counts what it encoded."""

    def __init__(self, close: dict[str, str]) -> None:
        self.close = close
        self.texts = [t for t, k in examples() if k not in NEVER_GUESSED]
        rng = np.random.default_rng(3)
        self.rows = normalise(rng.normal(size=(len(self.texts), DIM)))
        self.encoded: list[str] = []

    def vectors(self, texts: Sequence[str]) -> Vectors:
        return np.stack([self.rows[self.texts.index(t)] for t in texts])

    def encode(self, texts: Sequence[str]) -> Vectors:
        self.encoded += texts
        out = []
        for t in texts:
            near = self.close.get(t)
            out.append(self.rows[self.texts.index(near)] if near else np.zeros(DIM, np.float32))
        return np.stack(out).astype(np.float32)


def test_a_short_line_no_template_covers_takes_its_nearest_intent() -> None:
    fake = _Scripted({"bring it down a notch from now on": "slow down", "banana": "next"})
    u = Understanding(Vocabulary(), nearest=Nearest(fake.vectors, fake.encode))
    got = understand("bring it down a notch from now on", u)
    assert [(i.kind, i.persistent) for i in got] == [(Kind.SLOWER, True)]
    assert understand("blorp", u)[0].kind is Kind.UNKNOWN  # nothing near: not a guess
    # understood by the templates, noise, or long: the encoder is never asked
    fake.encoded.clear()
    for line in ("next", "slow down", "um uh", " ".join(["word"] * 13)):
        understand(line, u)
    assert fake.encoded == []


def test_a_guess_never_names_a_slot_or_ends_the_conversation() -> None:
    kept = {k for _, k in examples()} - NEVER_GUESSED
    assert Kind.QUIT not in kept and Kind.GOTO not in kept and Kind.SLOWER in kept
    assert not any(t in ("quit", "bye", "hello") for t in example_texts())


@pytest.fixture(scope="module")
def real(lib: Library) -> Understanding:
    return Understanding(
        Vocabulary.from_bank(lib.bank),
        find=lib.search,
        index=lib.index,
        nearest=Nearest(lambda t: _shipped(t), lambda t: lib.model.encode(t)),
    )


def _shipped(texts: Sequence[str]) -> Vectors:
    book = VectorBook()
    book.read(SHIPPED_INTENTS)
    return np.stack([book.get(t) for t in texts]).astype(np.float32)


@pytest.mark.parametrize(
    ("said", "kind"),
    [
        ("increase the pace", Kind.FASTER),
        ("use easier language please", Kind.SIMPLER),
        ("explain everything in full", Kind.MORE_DETAIL),
        ("how does oauth work", Kind.ASK),  # a question stays a question
        ("my neighbour plays music loudly", Kind.UNKNOWN),
    ],
)
def test_the_real_model_reads_paraphrases(real: Understanding, said: str, kind: Kind) -> None:
    assert understand(said, real)[0].kind is kind
    assert 0.3 < NEAREST_AT < 0.9


def test_the_coach_loads_the_model_only_for_a_line_it_did_not_understand(
    tmp_path: Path,
) -> None:
    lib = Library(data=tmp_path)
    store = open_store(tmp_path / "viva.db")
    coach = Coach.begin(lib, store, lambda: datetime(2025, 1, 1, tzinfo=UTC))
    coach.hear("top 5 python questions")
    coach.hear("next")
    assert lib._model is None
    assert coach.reader.nearest is not None
    coach.hear("increase the pace")
    assert coach.state.prefs.pace == "fast"
