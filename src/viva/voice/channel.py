"""The voice front end: a ``Channel`` that speaks each coach turn and listens for the reply.

Replies come from the microphone or, in scripts and tests, from a list of files (``.wav``
heard, ``.txt`` typed), and typed lines are taken at any moment. What was heard is written
to the transcript before the coach acts on it, so a misheard answer can be corrected by
typing it. The session's stage picks the listening mode: after a question the coach expects
an answer (language model), otherwise a command (grammar); ``/answer``, ``/command`` and
``/auto`` typed at any time force or release a mode.
"""

from __future__ import annotations

import queue
import sys
import threading
import time
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Protocol, TextIO

from viva.errors import VoiceError
from viva.session.state import Effect, Pace, Stage, State
from viva.voice import wav
from viva.voice.base import Audio, Mode, SpeechToText, Voice
from viva.voice.speakable import spoken_turn
from viva.voice.tts import Speaker

SWITCHES = {"/answer": Mode.ANSWER, "/command": Mode.COMMAND, "/auto": None}
NOT_CAUGHT = "Sorry, I didn't catch that. Say it again, or type it."


@dataclass(frozen=True, slots=True)
class Typed:
    text: str


@dataclass(frozen=True, slots=True)
class Spoken:
    audio: Audio
    name: str
    ended: float = field(default_factory=time.perf_counter)  # when the speech ended


Heard = Typed | Spoken


class Inputs(Protocol):
    def next(self) -> Heard | None: ...  # None: no more input

    def close(self) -> None: ...


@dataclass
class FileInputs:
    """Replies from files in order: ``.wav`` is spoken, ``.txt`` typed (one line each)."""

    paths: list[Path]
    report: Callable[[str], None]
    _items: Iterator[Heard] | None = None

    def _walk(self) -> Iterator[Heard]:
        for path in self.paths:
            if path.suffix.lower() == ".txt":
                for line in path.read_text(encoding="utf-8", errors="replace").splitlines():
                    yield Typed(line)
                continue
            try:
                audio = wav.read(path)
            except VoiceError as exc:  # one bad recording must not end the session
                self.report(f"viva: {exc.message} - skipped")
                continue
            yield Spoken(audio, path.name)

    def next(self) -> Heard | None:
        if self._items is None:
            self._items = self._walk()
        return next(self._items, None)

    def close(self) -> None:
        pass


class LiveInputs:
    """The microphone and the keyboard at once: whichever the learner uses first.

    The end of typed input (Ctrl-D) ends the session, as in the text coach; a microphone
    that stops leaves the keyboard.
    """

    TYPING_ENDED = "typing"

    def __init__(self, stdin: TextIO, utterances: Iterator[Audio] | None) -> None:
        self._q: queue.Queue[Heard | str] = queue.Queue()
        threading.Thread(target=self._typed, args=(stdin,), daemon=True).start()
        if utterances is not None:
            threading.Thread(target=self._spoken, args=(utterances,), daemon=True).start()

    def _typed(self, stdin: TextIO) -> None:
        for line in stdin:
            self._q.put(Typed(line.rstrip("\n")))
        self._q.put(self.TYPING_ENDED)

    def _spoken(self, utterances: Iterator[Audio]) -> None:
        try:
            for i, audio in enumerate(utterances, 1):
                self._q.put(Spoken(audio, f"utterance {i}"))
        except VoiceError as exc:
            sys.stderr.write(f"viva: {exc.message} - type your replies\n")

    def next(self) -> Heard | None:
        item = self._q.get()
        return None if isinstance(item, str) else item

    def close(self) -> None:
        pass


class Screen(Protocol):
    def show(self, effects: Sequence[Effect]) -> None: ...


@dataclass
class VoiceChannel:
    """Speaks turns and hears replies; ``observe`` is told the state after every turn."""

    stt: SpeechToText
    speaker: Speaker | None  # None: a device failed; the session goes on in text
    inputs: Inputs
    screen: Screen
    out: TextIO = field(default_factory=lambda: sys.stdout)
    voice_name: str = "en-us"
    fixed_wpm: int | None = None
    forced: Mode | None = None
    stage: Stage = Stage.IDLE
    heard: list[tuple[str, Mode]] = field(default_factory=list)
    last_end: float | None = None  # when the last spoken reply ended (for the benchmark)
    # told the entry under discussion, and whether a review's self-rating is awaited
    context: Callable[[str | None, bool], None] | None = None

    def observe(self, state: State) -> None:
        self.stage = state.stage
        if self.context is not None:
            self.context(state.focus, state.stage is Stage.RATING)
        if self.speaker is not None:
            self.speaker.voice = self.voice_for(state.prefs.pace)

    def voice_for(self, pace: Pace) -> Voice:
        return Voice.for_pace(pace, self.voice_name, self.fixed_wpm)

    @property
    def mode(self) -> Mode:
        if self.forced is not None:
            return self.forced
        return Mode.ANSWER if self.stage in (Stage.ASKED, Stage.RATING) else Mode.COMMAND

    def read(self) -> str | None:
        while True:
            item = self.inputs.next()
            if item is None:
                return None
            if isinstance(item, Typed):
                word = item.text.strip().lower()
                if word in SWITCHES:
                    self.forced = SWITCHES[word]
                    self._note(
                        f"(listening for {self.mode.value}s{'' if self.forced else ', automatic'})"
                    )
                    continue
                return item.text
            mode = self.mode
            text = self.stt.transcribe(item.audio, mode)
            self.last_end = item.ended
            self.heard.append((text, mode))
            self._note(f"heard ({mode.value}): {text or '(nothing)'}")
            if text:
                return text
            self._speak([NOT_CAUGHT])

    def show(self, effects: Sequence[Effect]) -> None:
        self.screen.show(effects)
        self._speak(spoken_turn(effects))

    def _note(self, line: str) -> None:
        self.out.write(line + "\n")
        self.out.flush()

    def _speak(self, sentences: list[str]) -> None:
        if self.speaker is None or not sentences:
            return
        try:
            self.speaker.say(sentences)
        except VoiceError as exc:
            # a sound device that fails mid-session: say so once, carry on in text
            self._note(f"viva: {exc.message} - continuing in text")
            self.speaker = None
