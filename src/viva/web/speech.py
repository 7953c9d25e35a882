"""Voice in the page: a recording heard with the voice stack, a turn spoken at the learner's
pace. Loaded once per process, on the first spoken turn.

The page records the microphone and sends 16 kHz mono 16-bit WAV (encoded in the browser,
so the server needs no ffmpeg); any PCM WAV is accepted and resampled. Listening works as
in ``viva --voice``: the grammar recogniser for commands, Whisper for answers and for what
the grammar is unsure of, primed with the question in focus. The voice extra missing is one
``VoiceError`` naming what to install; the page then says so and typing goes on.
"""

from __future__ import annotations

import threading
from dataclasses import dataclass
from typing import TYPE_CHECKING

from viva.app.library import Library
from viva.errors import VoiceError
from viva.session.state import Pace, Stage, State
from viva.voice.base import Mode

if TYPE_CHECKING:  # the voice stack loads on the first spoken turn
    from viva.voice.base import TextToSpeech
    from viva.voice.hearing import Hearing

MAX_SPOKEN_CHARS = 6_000  # one turn's sentences; a longer text is not a coach turn
DEFAULT_WHISPER = "base"


@dataclass(frozen=True, slots=True)
class VoiceStatus:
    hearing: bool
    speaking: bool
    note: str  # what is missing, in words for the page


class Speech:
    """The process's recognisers and voice; one utterance at a time (Whisper uses both cores)."""

    def __init__(self, lib: Library) -> None:
        self.lib = lib
        self._hearing: Hearing | None = None
        self._tts: TextToSpeech | None = None
        self._lock = threading.Lock()

    def status(self) -> VoiceStatus:
        """What works here, without loading any model."""
        from viva.voice import engines, hearing
        from viva.voice.whisper import DEFAULT_MODEL

        notes: list[str] = []
        try:
            hearing.require(DEFAULT_MODEL)
            can_hear = True
        except VoiceError as exc:
            can_hear = False
            notes.append(f"{exc.message}; {exc.hint}")
        can_speak = any(e.available for e in engines.survey() if e.name in engines.ORDER[:2])
        if not can_speak:
            notes.append("no speech engine is installed (espeak-ng, or the voice extra)")
        return VoiceStatus(can_hear, can_speak, "; ".join(notes))

    def _hearer(self) -> Hearing:
        if self._hearing is None:
            from viva.understand.intents import Kind
            from viva.understand.reader import Vocabulary, parse
            from viva.voice import hearing
            from viva.voice.stt import PocketsphinxSTT
            from viva.voice.whisper import DEFAULT_MODEL, WhisperSTT

            hearing.require(DEFAULT_MODEL)
            cache = self.lib.data / "cache"
            vocab = Vocabulary.from_bank(self.lib.bank)
            self._hearing = hearing.Hearing(
                PocketsphinxSTT(self.lib.bank, cache),
                WhisperSTT(DEFAULT_MODEL, cache),
                self.lib.bank,
                understands=lambda t: parse(t, vocab).kind is not Kind.UNKNOWN,
            )
        return self._hearing

    def hear(self, data: bytes, state: State) -> str:
        """What the learner said in the WAV ``data``, heard as the conversation expects."""
        from viva.voice import wav

        audio = wav.resample(wav.decode(data, "the recording"))
        if audio.seconds < 0.2:
            raise VoiceError("the recording is too short to hear", "hold the button while speaking")
        rating = state.stage is Stage.RATING
        mode = Mode.ANSWER if state.stage in (Stage.ASKED, Stage.RATING) else Mode.COMMAND
        with self._lock:
            hearer = self._hearer()
            hearer.context(state.focus, rating)
            return hearer.transcribe(audio, mode).strip()

    def speak(self, sentences: list[str], pace: Pace, voice: str | None = None) -> bytes:
        """The sentences as one WAV file at ``pace`` (slow: slower words, longer pauses)."""
        from viva.voice import engines, wav
        from viva.voice.base import Voice

        text = [s for s in (" ".join(x.split()) for x in sentences) if s]
        if not text:
            raise VoiceError("there is nothing to say", "send the turn's sentences")
        if sum(len(s) for s in text) > MAX_SPOKEN_CHARS:
            raise VoiceError(f"that is over {MAX_SPOKEN_CHARS} characters to speak")
        with self._lock:
            if self._tts is None:
                self._tts = engines.make(engines.AUTO)
            tts = self._tts
            name = voice if voice in tts.voices() else tts.voices()[0]
            spoken = Voice.for_pace(pace, name)
            parts = [tts.synth(s, spoken) for s in text]
        return wav.encode(wav.concat(parts, spoken.gap_ms))
