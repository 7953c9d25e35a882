"""Speech out with espeak-ng, and the sentence pipeline that starts talking early.

``EspeakTTS`` runs one ``espeak-ng`` process per sentence (about 20 ms each, FIELD-NOTES),
reading the text on stdin so nothing in it can be taken for an option. ``Speaker`` makes a
turn's sentences on a worker thread and hands each to the player as soon as it exists, so
the first sentence plays while the rest are made.
"""

from __future__ import annotations

import os
import queue
import re
import shutil
import subprocess
import threading
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import Protocol

from viva.errors import VoiceError
from viva.voice import wav
from viva.voice.base import Audio, TextToSpeech, Voice

INSTALL = "install it with: sudo apt-get install espeak-ng (the text coach works without it)"
ENGLISH_PREFIX = "en"


def espeak_path() -> str:
    found = shutil.which("espeak-ng")
    if not found:
        raise VoiceError("espeak-ng is not installed, so viva cannot speak", INSTALL)
    return found


class EspeakTTS:
    """The espeak-ng command-line synthesiser."""

    def __init__(self) -> None:
        self.exe = espeak_path()
        self._voices: list[str] | None = None

    def synth(self, text: str, voice: Voice) -> Audio:
        args = [self.exe, "-v", voice.name, "-s", str(voice.wpm), "--stdout"]
        try:
            proc = subprocess.run(args, input=text.encode(), capture_output=True, timeout=60)
        except (OSError, subprocess.TimeoutExpired) as exc:
            raise VoiceError(f"espeak-ng failed: {exc}", INSTALL) from None
        err = proc.stderr.decode(errors="replace").strip().splitlines()
        if err and "does not exist" in err[0]:
            raise VoiceError(
                f"espeak-ng has no voice '{voice.name}'",
                "run `viva voices` to see the voices available",
            )
        if proc.returncode != 0 or len(proc.stdout) < 44:
            why = err[0] if err else f"exit code {proc.returncode}"
            raise VoiceError(
                f"espeak-ng could not speak with voice '{voice.name}': {why}",
                "run `viva voices` to see the voices available",
            )
        return _stdout_wav(proc.stdout)

    def voices(self) -> list[str]:
        """English voice names espeak-ng offers here (mbrola voices need extra packages)."""
        if self._voices is None:
            out = subprocess.run([self.exe, "--voices=en"], capture_output=True, timeout=30)
            names: list[str] = []
            for line in out.stdout.decode(errors="replace").splitlines()[1:]:
                cols = line.split()
                # the mbrola voices ("mb/...") are listed but need packages outside Debian main
                if len(cols) >= 5 and cols[1].startswith(ENGLISH_PREFIX) and "mb/" not in cols[4]:
                    names.append(cols[1])
            self._voices = list(dict.fromkeys(names))
        return self._voices


def _stdout_wav(data: bytes) -> Audio:
    """espeak-ng's ``--stdout`` WAV: its header gives an unknown length, so read it by hand."""
    if data[:4] != b"RIFF" or data[8:12] != b"WAVE":
        raise VoiceError("espeak-ng produced no audio")
    rate = int.from_bytes(data[24:28], "little")
    at = data.find(b"data", 12)
    pcm = data[at + 8 :] if at >= 0 else data[44:]
    return Audio(pcm[: len(pcm) - len(pcm) % 2], rate)


class Player(Protocol):
    """Where speech goes: the sound card, or WAV files."""

    def play(self, audio: Audio) -> None: ...  # returns when it has finished playing

    def turn_done(self) -> None: ...  # the coach's turn is over (a file player writes it)

    def close(self) -> None: ...


@dataclass
class Speaker:
    """Speaks turns sentence by sentence; ``first_sample`` records when each turn's audio began."""

    tts: TextToSpeech
    player: Player
    voice: Voice
    on_sentence: Callable[[str], None] | None = None
    first_sample: list[float] = field(default_factory=list)

    def say(self, sentences: Iterable[str]) -> list[Audio]:
        """Speak ``sentences`` in order, making the next while the current one plays."""
        todo = [s for s in sentences if s.strip()]
        if not todo:
            return []
        todo, glued = first_clause(todo)
        voice = self.voice
        made: queue.Queue[Audio | BaseException | None] = queue.Queue()

        def produce() -> None:
            try:
                for s in todo:
                    made.put(self.tts.synth(s, voice))
                made.put(None)
            except BaseException as exc:  # handed to the speaking thread, raised there
                made.put(exc)

        worker = threading.Thread(target=produce, name="viva-tts", daemon=True)
        worker.start()
        spoken: list[Audio] = []
        while (item := made.get()) is not None:
            if isinstance(item, BaseException):
                raise item
            if not spoken:
                self.first_sample.append(time.perf_counter())
            if self.on_sentence:
                self.on_sentence(todo[len(spoken)])
            self.player.play(item)
            if voice.gap_ms and len(spoken) + 1 < len(todo) and len(spoken) != glued:
                self.player.play(Audio(bytes(2 * (item.rate * voice.gap_ms // 1000)), item.rate))
            spoken.append(item)
        worker.join()
        self.player.turn_done()
        return spoken


CLAUSE = re.compile(r"(?<=[,:;])\s+")
MIN_CLAUSE = 3  # words on each side of a split


def first_clause(sentences: list[str]) -> tuple[list[str], int]:
    """The first sentence cut at its first clause mark (",", ":", ";") when both parts have
    a few words, so the reply's first sound waits for a clause, not a whole sentence
    ("Question 1 of 10: What is ...?"); and the index after which no pause goes (-1: none)."""
    first = sentences[0]
    for m in CLAUSE.finditer(first):
        head, tail = first[: m.start()], first[m.end() :]
        if len(head.split()) >= MIN_CLAUSE and len(tail.split()) >= MIN_CLAUSE:
            return [head, tail, *sentences[1:]], 0
    return sentences, -1


def save(path: os.PathLike[str] | str, parts: list[Audio], gap_ms: int = 0) -> None:
    from pathlib import Path

    wav.write(Path(path), wav.concat(parts, gap_ms))
