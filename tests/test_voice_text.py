"""The voice edge's pure parts: speakable text, the command grammar against the parser,
pronunciations for domain words, pace to voice, WAV reading, and the channel's mode choice."""

from __future__ import annotations

import io
import wave
from pathlib import Path

import pytest

from viva.app.library import Library
from viva.errors import VoiceError
from viva.session.state import Pace, Say, Show, Stage, State
from viva.understand.intents import Kind
from viva.understand.reader import Vocabulary, parse
from viva.voice import grammar, wav
from viva.voice.base import Audio, Mode, Voice
from viva.voice.lexicon import DOMAIN, Lexicon
from viva.voice.speakable import CODE_ON_SCREEN, speakable, spoken_turn


@pytest.mark.parametrize(
    ("text", "said"),
    [
        ("Use CI/CD with K8s.", "Use C I C D with kubernetes."),
        (
            "Define `__init__` and compare with `==`.",
            "Define dunder init and compare with equals equals.",
        ),
        ("**Bold** words and *emphasis*.", "Bold words and emphasis."),
        ("Call `my_func()` or test `a != b`.", "Call my func or test a not equals b."),
        (
            "Send JSON over HTTP, e.g. to an API.",
            "Send jason over H T T P, for example to an A P I.",
        ),
        ("*args and **kwargs", "star args and double star keyword args"),
        ("See [the docs](https://example.com/x).", "See the docs."),
        ("- first point\n- second point", "first point. second point."),
    ],
)
def test_speakable_reads_technical_text_naturally(text: str, said: str) -> None:
    assert speakable(text) == said


def test_code_blocks_are_never_read_out() -> None:
    md = "Like this:\n```python\nfor i in range(3):\n    print(i ** 2)\n```\nIt prints squares."
    out = speakable(md)
    assert CODE_ON_SCREEN in out
    words = out.replace(".", " ").split()
    assert "range" not in words and "print" not in words and "star" not in " ".join(words)
    turn = spoken_turn([Say("An answer."), Show(md), Show("```\nmore code\n```")])
    assert turn.count(CODE_ON_SCREEN) == 1  # one pointer to the screen, not one per block
    assert turn[0] == "An answer."


def test_long_sentences_are_cut_so_speech_starts_early() -> None:
    long = ", ".join(f"clause number {i} of a very long sentence" for i in range(12)) + "."
    parts = spoken_turn([Say(long)])
    assert len(parts) > 1 and all(len(p) <= 240 for p in parts)
    assert " ".join(parts).replace(" ", "") == long.replace(" ", "")


@pytest.fixture(scope="module")
def vocab(tmp_path_factory: pytest.TempPathFactory) -> Vocabulary:
    return Vocabulary.from_bank(Library(data=tmp_path_factory.mktemp("home")).bank)


def test_every_grammar_phrase_is_a_command_the_parser_understands(vocab: Vocabulary) -> None:
    from viva.voice.stt import topic_phrases

    topics = topic_phrases(Library().bank)
    phrases = grammar.expand(topics, limit=len(topics))
    assert len(phrases) > 150
    misread = [(p, k) for p in phrases if (k := parse(p, vocab).kind) in (Kind.UNKNOWN, Kind.ASK)]
    assert misread == []


def test_grammar_phrases_keep_their_meaning(vocab: Vocabulary) -> None:
    expect = {
        "next": Kind.NEXT,
        "give me an example": Kind.EXAMPLE,
        "repeat the last word": Kind.REPEAT_WORD,
        "slower": Kind.SLOWER,
        "quit": Kind.QUIT,
        "go to question four": Kind.GOTO,
        "in simple words": Kind.SIMPLER,
        "show me the answer": Kind.ANSWER,
    }
    fsg = grammar.automaton(["python"])
    for phrase, kind in expect.items():
        assert fsg.accepts(phrase.split()), phrase
        assert parse(phrase, vocab).kind is kind
    assert fsg.accepts("top ten python questions for beginners".split())
    assert not fsg.accepts("top ten docker questions".split())  # a topic it was not given
    topic_set = parse("top ten python questions for beginners", vocab)
    assert (topic_set.kind, topic_set.topic, topic_set.count) == (Kind.START_SET, "python", 10)


def test_domain_words_get_pronunciations() -> None:
    lex = Lexicon(
        {
            "middle": "M IH D AH L",
            "ware": "W EH R",
            "iterate": "IH T ER EY T",
            "python": "P AY TH AA N",
            "three": "TH R IY",
        }
    )
    assert lex.phones("kubernetes") == DOMAIN["kubernetes"].split("|")[0]
    assert len(lex.variants("kubernetes")) >= 2  # how people say it, and how espeak-ng does
    assert lex.phones("middleware") == "M IH D AH L W EH R"  # a compound of known words
    assert lex.phones("iterates") == "IH T ER EY T Z"
    assert lex.phones("orm") is not None  # a short acronym, said as letters
    assert lex.phones("python3") == "P AY TH AA N TH R IY"
    assert lex.phones("xqzzvkw") is None  # never guessed
    assert ("kubernetes(2)", DOMAIN["kubernetes"].split("|")[1]) in lex.entries()


def test_pace_sets_rate_and_pauses() -> None:
    slow, normal, fast = (Voice.for_pace(p) for p in (Pace.SLOW, Pace.NORMAL, Pace.FAST))
    assert slow.wpm < normal.wpm < fast.wpm
    assert slow.gap_ms > normal.gap_ms > fast.gap_ms
    fixed = Voice.for_pace(Pace.SLOW, "en-gb", 140)
    assert (fixed.name, fixed.wpm, fixed.gap_ms) == ("en-gb", 140, slow.gap_ms)


def _wav_bytes(width: int = 2, channels: int = 1, rate: int = 22050, frames: int = 2205) -> bytes:
    buf = io.BytesIO()
    with wave.open(buf, "wb") as w:
        w.setnchannels(channels)
        w.setsampwidth(width)
        w.setframerate(rate)
        w.writeframes(bytes(width * channels * frames))
    return buf.getvalue()


def test_wav_reading_converts_and_refuses_clearly(tmp_path: Path) -> None:
    stereo = tmp_path / "stereo.wav"
    stereo.write_bytes(_wav_bytes(channels=2, rate=44100, frames=44100))
    audio = wav.read(stereo)
    assert audio.rate == 16000 and abs(audio.seconds - 1.0) < 0.01
    for name, data, words in [
        ("eight.wav", _wav_bytes(width=1), "8-bit"),
        ("junk.wav", b"this is not audio at all", "not a readable WAV"),
        ("empty.wav", b"", "not a readable WAV"),
        ("cut.wav", _wav_bytes()[:30], "not a readable WAV"),
    ]:
        path = tmp_path / name
        path.write_bytes(data)
        with pytest.raises(VoiceError, match=words):
            wav.read(path)
    with pytest.raises(VoiceError, match="cannot read"):
        wav.read(tmp_path / "missing.wav")


def test_resampling_keeps_duration_and_signal() -> None:
    import math
    from array import array

    tone = array("h", (int(8000 * math.sin(2 * math.pi * 440 * i / 22050)) for i in range(22050)))
    out = wav.resample(Audio(tone.tobytes(), 22050))
    samples = array("h")
    samples.frombytes(out.pcm)
    assert len(samples) == 16000
    assert 7000 < max(samples) <= 8000


class _Hears:
    def __init__(self) -> None:
        self.modes: list[Mode] = []

    def transcribe(self, audio: Audio, mode: Mode) -> str:
        self.modes.append(mode)
        return "next"


def test_channel_listens_for_answers_after_a_question_and_can_be_forced() -> None:
    from viva.voice.channel import FileInputs, Spoken, Typed, VoiceChannel

    items = iter(
        [
            Spoken(Audio(b"\0\0", 16000), "a"),
            Spoken(Audio(b"\0\0", 16000), "b"),
            Typed("/command"),
            Spoken(Audio(b"\0\0", 16000), "c"),
            Typed("/auto"),
            Spoken(Audio(b"\0\0", 16000), "d"),
        ]
    )

    class Scripted(FileInputs):
        def next(self) -> Spoken | Typed | None:
            return next(items, None)

    stt, out = _Hears(), io.StringIO()
    channel = VoiceChannel(stt, None, Scripted([], print), screen=_NoScreen(), out=out)
    channel.observe(State())
    assert channel.read() == "next"
    channel.observe(State(stage=Stage.ASKED))
    assert channel.read() == "next"
    assert channel.read() == "next"  # after "/command", even though a question is open
    assert channel.read() == "next"  # "/auto": the stage decides again
    assert stt.modes == [Mode.COMMAND, Mode.ANSWER, Mode.COMMAND, Mode.ANSWER]
    assert "heard (answer): next" in out.getvalue()


class _NoScreen:
    def show(self, effects: object) -> None:
        pass


class _Grammar:
    def __init__(self, text: str, sure: bool) -> None:
        self.said = (text, sure)

    def command(self, audio: Audio) -> tuple[str, bool]:
        return self.said


class _Whisper:
    def __init__(self, text: str) -> None:
        self.said, self.prompts = text, []  # type: list[str]

    def text(self, audio: Audio, prompt: str | None = None) -> str:
        self.prompts.append(prompt or "")
        return self.said


@pytest.mark.parametrize(
    ("grammar_says", "whisper_says", "heard", "by"),
    [
        (("next question", True), "Flower.", "next question", "grammar"),  # sure: no Whisper
        (("what is the answer", False), "What is a process?", "What is a process?", "whisper"),
        (("slow down", False), "It's like that.", "slow down", "grammar"),  # Whisper meant nothing
    ],
)
def test_who_decides_a_command(
    grammar_says: tuple[str, bool], whisper_says: str, heard: str, by: str
) -> None:
    from viva.voice.hearing import Hearing

    bank = Library().bank
    vocab = Vocabulary.from_bank(bank)
    whisper = _Whisper(whisper_says)
    hearing = Hearing(
        _Grammar(*grammar_says),
        whisper,
        bank,  # type: ignore[arg-type]
        understands=lambda t: parse(t, vocab).kind is not Kind.UNKNOWN,
    )
    assert hearing.transcribe(Audio(b"", 16000), Mode.COMMAND) == heard
    assert hearing.last == by
    assert all(p.startswith("Commands:") for p in whisper.prompts)
    hearing.context("python.gil")
    assert hearing.transcribe(Audio(b"", 16000), Mode.ANSWER) == whisper_says
    assert whisper.prompts[-1].startswith("Interview glossary:") and "GIL" in whisper.prompts[-1]
