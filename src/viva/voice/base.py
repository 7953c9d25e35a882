"""The voice edge's contracts: ``TextToSpeech``, ``SpeechToText`` and the values they pass.

Adapters (espeak-ng, pocketsphinx) and their stand-ins implement these protocols; the voice
channel and the CLI only know the protocols, so another engine can be added by writing one
class (see docs/voice.md).
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum
from typing import Protocol

from viva.session.state import Pace

SAMPLE_RATE = 16_000  # what the recogniser's acoustic model was trained on


class Mode(StrEnum):
    """What the recogniser expects: a command from a fixed grammar, or a free answer."""

    COMMAND = "command"
    ANSWER = "answer"


@dataclass(frozen=True, slots=True)
class Audio:
    """Mono 16-bit little-endian PCM."""

    pcm: bytes
    rate: int

    @property
    def seconds(self) -> float:
        return len(self.pcm) / 2 / self.rate if self.rate else 0.0


@dataclass(frozen=True, slots=True)
class Voice:
    """How speech sounds: an engine voice name, words per minute, pause between sentences."""

    name: str = "en-us"
    wpm: int = 160
    gap_ms: int = 0  # extra silence after each sentence

    @classmethod
    def for_pace(cls, pace: Pace, name: str = "en-us", wpm: int | None = None) -> Voice:
        """Slow is about 120 wpm with ~450 ms between sentences (FIELD-NOTES); an exact rate
        the learner saved wins over the pace's rate, but slow keeps its longer pauses."""
        base, gap = {Pace.SLOW: (120, 450), Pace.NORMAL: (160, 150), Pace.FAST: (190, 80)}[pace]
        return cls(name, wpm or base, gap)


class TextToSpeech(Protocol):
    """Makes speech from one sentence."""

    def synth(self, text: str, voice: Voice) -> Audio: ...

    def voices(self) -> list[str]: ...


class SpeechToText(Protocol):
    """Turns one utterance into text."""

    def transcribe(self, audio: Audio, mode: Mode) -> str: ...
