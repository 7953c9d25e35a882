"""The command grammar is generated from the intent table, and the recogniser can say it.

The automaton tests are pure; the dictionary tests load pocketsphinx's CMUdict (the voice
extra) and are skipped without it.
"""

from __future__ import annotations

import dataclasses
from pathlib import Path

import pytest

from viva.app.library import Library
from viva.understand import match, reader, table
from viva.understand.intents import Kind
from viva.voice import grammar
from viva.voice.automaton import compile_templates
from viva.voice.stt import PocketsphinxSTT


@pytest.fixture(scope="module")
def stt(tmp_path_factory: pytest.TempPathFactory) -> PocketsphinxSTT:
    pytest.importorskip("pocketsphinx")
    home = tmp_path_factory.mktemp("home")
    return PocketsphinxSTT(Library(data=home).bank, tmp_path_factory.mktemp("cache"))


def test_the_automaton_says_exactly_what_the_templates_say() -> None:
    fsg = compile_templates(
        ["(go|jump) [back] to question {n}", "next [one|question]", "go back"],
        {"n": ["one", "two", "twenty five"]},
    )
    said = [
        "go to question one",
        "jump back to question twenty five",
        "next",
        "next one",
        "go back",
        "next question",
    ]
    assert all(fsg.accepts(s.split()) for s in said)
    for s in ["go", "go to question", "next one question", "go back to", "twenty five", ""]:
        assert not fsg.accepts(s.split()), s
    # minimal: every sentence end is one state, "go to"/"jump to"/"go back to" share the
    # rest; "go back" (a sentence) and "jump back" (not one) cannot share
    assert fsg.states == 10


def test_a_phrase_added_to_the_table_is_in_the_grammar(
    stt: PocketsphinxSTT, monkeypatch: pytest.MonkeyPatch
) -> None:
    new = "run that by me again"
    assert not stt.command_grammar().accepts(new.split())
    rules = tuple(
        dataclasses.replace(r, whole=r.whole + f"\n{new}\n") if r.kind is Kind.REPEAT else r
        for r in table.RULES
    )
    monkeypatch.setattr(table, "RULES", rules)
    monkeypatch.setattr(match, "RULES", rules)  # the parser's matcher reads the same table
    reader.shared_matcher.cache_clear()
    grammar.clear_cache()
    try:
        assert reader.parse(new, reader.Vocabulary()).kind is Kind.REPEAT
        assert stt.command_grammar().accepts(new.split())
    finally:
        monkeypatch.undo()
        reader.shared_matcher.cache_clear()
        grammar.clear_cache()


def test_every_grammar_word_has_a_pronunciation(stt: PocketsphinxSTT) -> None:
    fsg = stt.command_grammar()
    assert fsg.words() and all(stt.lexicon.variants(w) for w in fsg.words())
    # the table's written words the dictionary cannot say are left out, not the phrase
    for word in ("yaar", "unpause"):
        assert not stt.can_say(word) and word not in fsg.words()
    assert fsg.accepts(["resume"]) and fsg.accepts("thank you".split())
    assert fsg.accepts("explain slowly from now on".split())  # a phrase the table lacks


def test_the_recogniser_accepts_the_grammar(stt: PocketsphinxSTT, tmp_path: Path) -> None:
    stt.prepare("command")  # raises when a word has no pronunciation or the grammar is refused
    assert stt.command_grammar().states < 1000
