"""Spoken answers heard by Whisper and graded: wrong stays wrong, right in one's own words counts.

Wrong and off-topic answers, transcribed in answer mode (Whisper, primed with the bank's and
the question's terms) and graded, are never graded ``good``: a glossary prompt pulls speech
toward the bank's words the way the old bank language model did (FIELD-NOTES), and the
grader has to see through it. Right answers in the learner's own words - several answers,
each said by espeak-ng and by the natural voices, noised - must be graded at least partial
in >= 90% of the recordings; each is first checked to be partial or better when typed, so a
failure here is the hearing's, not the grader's.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from tests.voice_audio import require_tools, utterance
from viva.app.library import Library
from viva.grade.answer import grade_answer
from viva.grade.model import AnswerVerdict
from viva.voice import wav
from viva.voice.base import Mode
from viva.voice.hearing import Hearing
from viva.voice.stt import PocketsphinxSTT
from viva.voice.whisper import DEFAULT_MODEL, WhisperSTT

pytestmark = pytest.mark.slow
OK = (AnswerVerdict.GOOD, AnswerVerdict.PARTIAL)

# (entry, what the learner says, voice, rate); reversed facts use the bank's own words
WRONG: list[Any] = [
    (
        "python.list-vs-tuple",
        "lists are immutable and tuples are mutable so you can append to a tuple",
        "en-gb",
        140,
    ),
    (
        "python.list-vs-tuple",
        "a tuple can be changed after it is created but a list cannot be changed",
        "en-us",
        160,
    ),
    (
        "python.gil",
        "the gil lets many threads run python bytecode in parallel on all cores at the same time",
        "en-gb",
        150,
    ),
    (
        "python.threads-vs-processes",
        "threads do not share memory and processes share the same memory space",
        "en-us",
        130,
    ),
    # with pocketsphinx's bank model this was heard garbled and graded good (85); Whisper
    # hears it as said and the grader sees the reversal
    (
        "docker.image-vs-container",
        "a container is the read only template and an image is the running instance of it",
        "en-gb-x-rp",
        150,
    ),
    (
        "docker.container-vs-vm",
        "a container runs its own full guest operating system kernel just like a virtual machine",
        "en-us",
        160,
    ),
    (
        "python.list-vs-tuple",
        "lists are immutable and tuples are mutable so you can append to a tuple",
        "heart",
        160,
    ),
    (
        "python.gil",
        "the gil lets many threads run python bytecode in parallel on all cores at the same time",
        "joe",
        160,
    ),
]
OFF_TOPIC = [
    (
        "python.gil",
        "i had pizza for dinner with my family yesterday and then we watched a movie",
        "en-us",
        150,
    ),
    (
        "python.list-vs-tuple",
        "the weather was very hot so we stayed at home and played cricket",
        "en-gb",
        140,
    ),
    (
        "docker.image-vs-container",
        "my brother lives in another city and works at a bank near the station",
        "en-gb-x-rp",
        160,
    ),
]
OWN_WORDS = [
    ("python.list-vs-tuple", "lists can change but tuples cannot change after you create them"),
    (
        "python.gil",
        "the gil means only one thread runs python code at a time so threads do not speed up cpu work",
    ),
    (
        "docker.container-vs-vm",
        "a container shares the host kernel while a virtual machine has its own operating system",
    ),
    (
        "python.threads-vs-processes",
        "threads share the memory of one process while each process has its own memory",
    ),
    (
        "docker.image-vs-container",
        "an image is the read only template and a container is a running instance of the image",
    ),
    (
        "python.decorators",
        "a decorator wraps a function to add behaviour without changing its code",
    ),
]
# espeak-ng in two accents and both natural voices, at the three paces
SPEAKERS = [("en-us", 160), ("en-gb", 130), ("heart", 160), ("joe", 190)]


Setup = tuple[Library, Hearing, Path]


@pytest.fixture(scope="module")
def setup(tmp_path_factory: pytest.TempPathFactory) -> Setup:
    require_tools()
    svc = Library(data=tmp_path_factory.mktemp("home"))  # never the real home
    cache = tmp_path_factory.mktemp("cache")
    hearing = Hearing(PocketsphinxSTT(svc.bank, cache), WhisperSTT(DEFAULT_MODEL, cache), svc.bank)
    return svc, hearing, tmp_path_factory.mktemp("audio")


def _heard_and_graded(setup: Setup, case: tuple[str, str, str, int]) -> tuple[str, AnswerVerdict]:
    svc, hearing, audio = setup
    entry_id, said, voice, rate = case
    entry = svc.bank.get(entry_id)
    assert entry is not None, entry_id
    hearing.context(entry_id)  # as the conversation does: the question's terms prime Whisper
    heard = hearing.transcribe(wav.read(utterance(audio, said, voice, rate)), Mode.ANSWER)
    return heard, grade_answer(entry, heard, svc.facts).verdict


@pytest.mark.parametrize(
    "case", WRONG + OFF_TOPIC, ids=lambda c: f"{c[0]}:{c[1][:30]}" if isinstance(c, tuple) else None
)
def test_spoken_wrong_and_off_topic_answers_are_not_good(
    setup: Setup, case: tuple[str, str, str, int]
) -> None:
    heard, verdict = _heard_and_graded(setup, case)
    assert heard, "nothing was heard: the test would prove nothing"
    assert verdict is not AnswerVerdict.GOOD, f"heard {heard!r}, graded {verdict}"


def test_right_answers_in_own_words_are_credited_when_spoken(setup: Setup) -> None:
    svc = setup[0]
    for entry_id, said in OWN_WORDS:  # the control: typed, each is credited
        entry = svc.bank.get(entry_id)
        assert entry is not None and grade_answer(entry, said, svc.facts).verdict in OK, entry_id
    cases = [(e, said, v, r) for e, said in OWN_WORDS for v, r in SPEAKERS]
    misses = []
    for case in cases:
        heard, verdict = _heard_and_graded(setup, case)
        if verdict not in OK:
            misses.append(f"{case[2]}@{case[3]} {case[0]}: heard {heard!r}, graded {verdict}")
    assert len(cases) >= 20
    credited = 1 - len(misses) / len(cases)
    assert credited >= 0.9, f"{credited:.0%} credited; misses:\n" + "\n".join(misses)
