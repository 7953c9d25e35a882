"""Real synthetic speech for the voice tests: espeak-ng or a natural engine ("heart" is
hibari's voice, "joe" Piper's), resampled and noised with sox.

FIELD-NOTES: pure digital silence breaks pocketsphinx, so every utterance gets half a second
of padding and faint white noise, the way a real microphone never gives silence; sox runs
in its repeatable mode (-R), so the noise and dither are the same on every run and a test
hears the same audio each time. Files are
cached by text, voice and rate in a folder the caller owns (one per test session);
bench/bench_voice.py makes its speech here too, so both measure the same audio.
"""

from __future__ import annotations

import hashlib
import shutil
import subprocess
import threading
import uuid
from pathlib import Path

import pytest

from viva.voice.base import TextToSpeech
from viva.voice.speakable import speakable

TOOLS = ("espeak-ng", "sox")
NATURAL = {"heart": "hibari", "joe": "piper"}
_engines: dict[str, TextToSpeech] = {}
_lock = threading.Lock()


def _natural(voice: str, text: str, rate: int, out: Path) -> None:
    """Speak ``text`` with the natural engine that owns ``voice`` into the WAV ``out``."""
    from viva.voice import engines, wav
    from viva.voice.base import Voice

    with _lock:  # one engine per process, made once; synthesis is not shared across threads
        tts = _engines.get(voice)
        if tts is None:
            tts = _engines[voice] = engines.make(NATURAL[voice])
        audio = tts.synth(speakable(text), Voice(voice, rate))
    wav.write(out, audio)


def require_tools() -> None:
    missing = [t for t in TOOLS if not shutil.which(t)]
    if missing:
        pytest.skip(f"needs {', '.join(missing)} (make test installs them)")


def utterance(folder: Path, text: str, voice: str = "en-us", rate: int = 160) -> Path:
    """A 16 kHz mono WAV of ``text`` as a person would say it (speakable spellings)."""
    key = hashlib.sha1(f"{text}|{voice}|{rate}".encode()).hexdigest()[:16]
    out = folder / f"{key}.wav"
    if out.exists():
        return out
    folder.mkdir(parents=True, exist_ok=True)
    # work files unique to this call: a benchmark makes the same utterance from several threads
    tag = uuid.uuid4().hex[:8]
    raw, padded = out.with_suffix(f".{tag}.raw.wav"), out.with_suffix(f".{tag}.pad.wav")
    if voice in NATURAL:
        _natural(voice, text, rate, raw)
    else:
        subprocess.run(
            ["espeak-ng", "-v", voice, "-s", str(rate), "-w", str(raw), speakable(text)],
            check=True,
            capture_output=True,
        )
    subprocess.run(
        [
            "sox",
            "-R",
            str(raw),
            "-r",
            "16000",
            "-c",
            "1",
            "-b",
            "16",
            str(padded),
            "pad",
            "0.5",
            "0.5",
        ],
        check=True,
        capture_output=True,
    )
    noise = subprocess.run(
        ["sox", "-R", str(padded), "-p", "synth", "whitenoise", "vol", "0.003"],
        check=True,
        capture_output=True,
    ).stdout
    tmp = out.with_suffix(f".{tag}.tmp.wav")
    subprocess.run(
        ["sox", "-R", "-m", str(padded), "-", str(tmp)],
        input=noise,
        check=True,
        capture_output=True,
    )
    tmp.replace(out)
    raw.unlink()
    padded.unlink()
    return out
