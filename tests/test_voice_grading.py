"""Wrong answers stay wrong: spoken wrong and off-topic answers, transcribed in answer mode
(the bank's language model) and graded, are never graded ``good``.

FIELD-NOTES found the risk: a model built from the bank pulls speech toward bank phrases, so
an off-topic answer can become plausible domain words and a reversed fact is transcribed
perfectly. The grader has to see through both; this test speaks them and checks it does.
A correct answer goes through the same path as a control, so the test can tell "graded
harshly" from "heard nothing".
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from tests.voice_audio import require_tools, utterance
from viva.grade.answer import grade_answer
from viva.grade.model import AnswerVerdict
from viva.service import Service
from viva.voice import wav
from viva.voice.base import Mode
from viva.voice.stt import PocketsphinxSTT

pytestmark = pytest.mark.slow

# (entry, what the learner says, voice, rate); reversed facts use the bank's own words
WRONG: list[Any] = [
    ("python.list-vs-tuple", "lists are immutable and tuples are mutable so you can append to a tuple", "en-gb", 140),
    ("python.list-vs-tuple", "a tuple can be changed after it is created but a list cannot be changed", "en-us", 160),
    ("python.gil", "the gil lets many threads run python bytecode in parallel on all cores at the same time", "en-gb", 150),
    ("python.threads-vs-processes", "threads do not share memory and processes share the same memory space", "en-us", 130),
    # known failure, left visible: heard as "a container is the read only template and the
    # the give the running instance leaked", the grader gives 85/good (typed, the same reversed
    # answer gets partial). Reported to the grading work (issue 4). Not strict: the words heard
    # still depend somewhat on the utterances decoded before by the same decoder, so in some
    # test orders (this file alone) the transcript is graded partial.
    pytest.param(("docker.image-vs-container", "a container is the read only template and an image is the running instance of it", "en-gb-x-rp", 150),
                 marks=pytest.mark.xfail(strict=False, reason="grader credits a reversed image/container answer once transcribed")),
    ("docker.container-vs-vm", "a container runs its own full guest operating system kernel just like a virtual machine", "en-us", 160),
]  # fmt: skip
OFF_TOPIC = [
    ("python.gil", "i had pizza for dinner with my family yesterday and then we watched a movie", "en-us", 150),
    ("python.list-vs-tuple", "the weather was very hot so we stayed at home and played cricket", "en-gb", 140),
    ("docker.image-vs-container", "my brother lives in another city and works at a bank near the station", "en-gb-x-rp", 160),
]  # fmt: skip
RIGHT = ("python.list-vs-tuple", "lists are mutable and tuples are immutable so a tuple cannot be changed after it is created", "en-us", 150)  # fmt: skip


@pytest.fixture(scope="module")
def setup(tmp_path_factory: pytest.TempPathFactory) -> tuple[Service, PocketsphinxSTT, Path]:
    require_tools()
    svc = Service(data=tmp_path_factory.mktemp("home"))  # never the real home
    return (
        svc,
        PocketsphinxSTT(svc.bank, tmp_path_factory.mktemp("cache")),
        tmp_path_factory.mktemp("audio"),
    )


def _heard_and_graded(
    setup: tuple[Service, PocketsphinxSTT, Path], case: tuple[str, str, str, int]
) -> tuple[str, AnswerVerdict]:
    svc, stt, audio = setup
    entry_id, said, voice, rate = case
    entry = svc.bank.get(entry_id)
    assert entry is not None, entry_id
    heard = stt.transcribe(wav.read(utterance(audio, said, voice, rate)), Mode.ANSWER)
    return heard, grade_answer(entry, heard, svc.facts).verdict


@pytest.mark.parametrize(
    "case", WRONG + OFF_TOPIC, ids=lambda c: f"{c[0]}:{c[1][:30]}" if isinstance(c, tuple) else None
)
def test_spoken_wrong_and_off_topic_answers_are_not_good(
    setup: tuple[Service, PocketsphinxSTT, Path], case: tuple[str, str, str, int]
) -> None:
    heard, verdict = _heard_and_graded(setup, case)
    assert heard, "nothing was heard: the test would prove nothing"
    assert verdict is not AnswerVerdict.GOOD, f"heard {heard!r}, graded {verdict}"


def test_a_spoken_right_answer_is_still_credited(
    setup: tuple[Service, PocketsphinxSTT, Path],
) -> None:
    heard, verdict = _heard_and_graded(setup, RIGHT)  # the control
    assert verdict in (AnswerVerdict.GOOD, AnswerVerdict.PARTIAL), (
        f"heard {heard!r}, graded {verdict}"
    )
