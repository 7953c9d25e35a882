"""What the voice commands share: the learner's voice preferences, the chosen voice and rate,
the hearing stack (grammar + Whisper) and listening modes.

Everything voice-related is imported inside the functions, so the text coach never loads
pocketsphinx or checks for espeak-ng.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from viva.cli.app_common import open_store
from viva.errors import InputError, VoiceError

if TYPE_CHECKING:
    from viva.app.library import Library
    from viva.voice.base import Mode, TextToSpeech, Voice
    from viva.voice.hearing import Hearing

NO_INDIAN_VOICE = (
    "No Indian-English voice is available offline: espeak-ng has none, and its mbrola voices "
    "need packages outside Debian main. en-gb and en-us at a slow rate are the clearest here. "
    "Another engine can be added by writing one class with the TextToSpeech protocol "
    "(viva/voice/base.py; see docs/voice.md)."
)
PREF_VOICE, PREF_RATE, PREF_END = "voice", "voice_rate", "voice_end_silence"
PREF_ENGINE, PREF_WHISPER = "voice_engine", "voice_whisper"
ENV_IN, ENV_OUT = "VIVA_VOICE_IN", "VIVA_VOICE_OUT"
MIN_WPM, MAX_WPM = 80, 450
IN_HELP = "WAV (spoken) or .txt (typed) replies, or a folder of them, instead of the microphone."


def voice_prefs() -> dict[str, str]:
    store = open_store()
    try:
        return store.prefs()
    finally:
        store.close()


def rate_of(value: str | int | None) -> int | None:
    if value in (None, "", "pace"):
        return None
    try:
        wpm = int(value)
    except ValueError:
        raise InputError(
            f"'{value}' is not a speaking rate", f"give words per minute, {MIN_WPM}-{MAX_WPM}"
        ) from None
    if not MIN_WPM <= wpm <= MAX_WPM:
        raise InputError(f"{wpm} words per minute is out of range", f"use {MIN_WPM}-{MAX_WPM}")
    return wpm


def voice_of(tts: TextToSpeech, prefs: dict[str, str], name: str | None, rate: int | None) -> Voice:
    """The voice to speak with: the saved espeak-ng voice applies to espeak-ng only; a
    natural engine has one voice, used unless another is asked for by name."""
    from viva.session.state import Prefs
    from viva.voice.base import Voice

    chosen = name or prefs.get(PREF_VOICE) or "en-us"
    if name is None and chosen not in tts.voices():
        chosen = tts.voices()[0]
    if chosen not in tts.voices():
        raise VoiceError(f"no voice '{chosen}'", "choose one of: " + ", ".join(tts.voices()))
    pace = Prefs.from_dict(prefs).pace
    return Voice.for_pace(pace, chosen, rate_of(rate) or rate_of(prefs.get(PREF_RATE)))


def hearing_for(svc: Library, prefs: dict[str, str]) -> Hearing:
    from viva.voice import hearing
    from viva.voice.stt import PocketsphinxSTT
    from viva.voice.weights import stderr_progress
    from viva.voice.whisper import DEFAULT_MODEL, WhisperSTT

    model = prefs.get(PREF_WHISPER, DEFAULT_MODEL)
    hearing.require(model)
    cache = svc.data / "cache"
    whisper = WhisperSTT(model, cache, stderr_progress)
    from viva.understand.intents import Kind
    from viva.understand.reader import Vocabulary, parse

    vocab = Vocabulary.from_bank(svc.bank)
    return hearing.Hearing(
        PocketsphinxSTT(svc.bank, cache),
        whisper,
        svc.bank,
        understands=lambda t: parse(t, vocab).kind is not Kind.UNKNOWN,
    )


def voice_library() -> Library:
    from viva.cli.app_common import library

    return library()


def mode_of(mode: str, hint: str = "use auto, command or answer") -> Mode:
    from viva.voice.base import Mode

    try:
        return Mode(mode.strip().lower())
    except ValueError:
        raise InputError(f"unknown mode '{mode}'", hint) from None


def engine_pref(value: str | None) -> str | None:
    from viva.voice import engines

    if value is not None and value != engines.AUTO:
        engines.chosen(value)  # an unknown name is an error now, not at the next session
    return value


def whisper_pref(value: str | None) -> str | None:
    from viva.voice.weights import MODELS

    if value is not None and value not in MODELS:
        raise InputError(f"no Whisper model '{value}'", "choose " + " or ".join(MODELS))
    return value
