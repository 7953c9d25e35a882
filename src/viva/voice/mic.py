"""Listening to a microphone: arecord for capture, pocketsphinx's endpointer for turn ends.

The endpointer decides that an utterance is over after ``end_silence`` seconds without
speech. People answering in a second language pause mid-sentence, so the default (0.8 s)
is longer than a dictation tool's, and a setting (``voice_end_silence``) lengthens it.
``utterances`` works on any byte stream, so the same code is tested with WAV data.
"""

from __future__ import annotations

import shutil
import subprocess
from collections.abc import Iterator
from typing import IO, Any

from viva.errors import VoiceError
from viva.voice.base import SAMPLE_RATE, Audio

DEFAULT_END_SILENCE = 0.8
NO_MIC = "no microphone found"


def utterances(stream: IO[bytes], end_silence: float = DEFAULT_END_SILENCE) -> Iterator[Audio]:
    """Each stretch of speech in a 16 kHz mono 16-bit stream, as it ends."""
    import pocketsphinx

    ep: Any = pocketsphinx.Endpointer(
        window=max(0.3, end_silence), ratio=0.9, sample_rate=SAMPLE_RATE
    )
    size = int(ep.frame_bytes)
    speech: list[bytes] = []
    while True:
        frame = stream.read(size)
        if len(frame) < size:
            tail = ep.end_stream(frame) if ep.in_speech else None
            if tail:
                speech.append(bytes(tail))
            if speech:
                yield Audio(b"".join(speech), SAMPLE_RATE)
            return
        was_speaking = ep.in_speech
        out = ep.process(frame)
        if out is not None:
            speech.append(bytes(out))
        if was_speaking and not ep.in_speech and speech:
            yield Audio(b"".join(speech), SAMPLE_RATE)
            speech = []


def microphone_command() -> list[str]:
    """arecord capturing 16 kHz mono raw audio, or a VoiceError when there is no device."""
    arecord = shutil.which("arecord")
    if not arecord:
        raise VoiceError(NO_MIC + " (arecord is not installed)", "type your replies instead")
    try:
        out = subprocess.run([arecord, "-l"], capture_output=True, text=True, timeout=10)
    except (OSError, subprocess.TimeoutExpired):
        out = None
    if out is None or "card " not in out.stdout:
        raise VoiceError(NO_MIC, "type your replies instead, or pass WAV files with --in")
    return [arecord, "-q", "-t", "raw", "-f", "S16_LE", "-r", str(SAMPLE_RATE), "-c", "1"]


def listen(
    end_silence: float = DEFAULT_END_SILENCE, command: list[str] | None = None
) -> Iterator[Audio]:
    """Utterances from the microphone, for as long as the caller keeps asking; ``command``
    is ``microphone_command()`` when the caller already found the device."""
    proc = subprocess.Popen(command or microphone_command(), stdout=subprocess.PIPE)
    try:
        assert proc.stdout is not None
        yield from utterances(proc.stdout, end_silence)
    finally:
        proc.terminate()
        proc.wait(timeout=5)
