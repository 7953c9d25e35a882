"""Voice commands: ``viva say``, ``viva voices``, ``viva listen`` and the spoken conversation
(``viva --voice``, or ``viva voice-chat`` with its options).

Everything voice-related is imported inside the commands, so the text coach never loads
pocketsphinx or checks for espeak-ng. Missing engines and devices are ``VoiceError``s: one
line, a non-zero exit, and the hint that the text coach still works.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from viva.cli.app_common import JsonOpt, emit, open_store
from viva.cli.voice_common import (
    NO_INDIAN_VOICE,
    PREF_END,
    PREF_ENGINE,
    PREF_RATE,
    PREF_VOICE,
    PREF_WHISPER,
    engine_pref,
    hearing_for,
    mode_of,
    rate_of,
    voice_library,
    voice_of,
    voice_prefs,
    whisper_pref,
)
from viva.errors import InputError, VoiceError

if TYPE_CHECKING:
    pass


def say(
    text: Annotated[
        str, typer.Argument(help="What to say (markdown is fine: code is not read out).")
    ],
    wav_out: Annotated[
        Path | None, typer.Option("--wav", help="Write the speech to this WAV file.")
    ] = None,
    rate: Annotated[int | None, typer.Option("--rate", help="Words per minute (80-450).")] = None,
    voice: Annotated[
        str | None, typer.Option("--voice", help="A voice from `viva voices`.")
    ] = None,
    engine: Annotated[
        str | None, typer.Option("--engine", help="auto, hibari, espeak-ng or piper.")
    ] = None,
) -> None:
    """Speak TEXT the way the coach would (through the sound card, or into a WAV file)."""
    from viva.session.state import Say
    from viva.voice import engines
    from viva.voice.playback import NO_DEVICE, DevicePlayer, NullPlayer, device_command
    from viva.voice.speakable import spoken_turn
    from viva.voice.tts import Player, Speaker

    sentences = spoken_turn([Say(text)])
    if not sentences:
        raise InputError("there is nothing to say", "give some words")
    prefs = voice_prefs()
    if engine is None and voice is not None:
        engine = engines.for_voice(voice)  # --voice en-gb means espeak-ng's en-gb
    tts = engines.make(engine or prefs.get(PREF_ENGINE, engines.AUTO))
    v = voice_of(tts, prefs, voice, rate)
    player: Player
    if wav_out is None:
        command = device_command()
        if command is None:
            raise VoiceError(NO_DEVICE, "use --wav FILE to write the speech to a file")
        player = DevicePlayer(command)
    else:
        player = NullPlayer()  # the whole speech goes to the one file below
    parts = Speaker(tts, player, v).say(sentences)
    if wav_out is not None:
        from viva.voice.tts import save

        save(wav_out, parts, v.gap_ms)
        seconds = sum(p.seconds for p in parts)
        typer.echo(f"Wrote {wav_out} ({seconds:.1f} s, {v.name} at {v.wpm} words per minute)")


def voices(
    json_out: JsonOpt = False,
    use: Annotated[str | None, typer.Option("--use", help="Remember this voice.")] = None,
    rate: Annotated[
        str | None, typer.Option("--rate", help="Remember a rate in words per minute, or 'pace'.")
    ] = None,
    end_silence: Annotated[
        float | None,
        typer.Option("--end-silence", help="Seconds of silence that end a spoken reply (0.3-5)."),
    ] = None,
    engine: Annotated[
        str | None,
        typer.Option("--engine", help="Remember a speech engine: auto, hibari, espeak-ng, piper."),
    ] = None,
    whisper: Annotated[
        str | None, typer.Option("--whisper", help="Remember a Whisper model: base or tiny.en.")
    ] = None,
) -> None:
    """The speech engines and English voices available offline, and the voice settings."""
    from viva.clock import utc_now
    from viva.voice import engines
    from viva.voice.mic import DEFAULT_END_SILENCE
    from viva.voice.tts import EspeakTTS
    from viva.voice.whisper import DEFAULT_MODEL

    found = engines.survey()
    names = EspeakTTS().voices() if found[1].available else []
    if use is not None and use not in names:
        raise VoiceError(f"no espeak-ng voice '{use}'", "choose one of: " + ", ".join(names))
    if end_silence is not None and not 0.3 <= end_silence <= 5:
        raise InputError(f"{end_silence} s is out of range", "use 0.3 to 5 seconds")
    changes = {
        PREF_VOICE: use,
        PREF_RATE: None if rate is None else str(rate_of(rate) or "pace"),
        PREF_END: None if end_silence is None else str(end_silence),
        PREF_ENGINE: engine_pref(engine),
        PREF_WHISPER: whisper_pref(whisper),
    }
    store = open_store()
    try:
        for key, value in changes.items():
            if value is not None:
                store.set_pref(key, value, utc_now())
        prefs = store.prefs()
    finally:
        store.close()
    current = {
        "voice": prefs.get(PREF_VOICE, "en-us"),
        "rate": prefs.get(PREF_RATE, "pace"),
        "end_silence": float(prefs.get(PREF_END, DEFAULT_END_SILENCE)),
        "engine": prefs.get(PREF_ENGINE, engines.AUTO),
        "whisper": prefs.get(PREF_WHISPER, DEFAULT_MODEL),
    }
    speaking = engines.chosen(str(current["engine"]))
    listing = [
        {"name": e.name, "available": e.available, "note": e.note, "speaking": e.name == speaking}
        for e in found
    ]
    if json_out:
        emit({"voices": names, "engines": listing, "current": current, "note": NO_INDIAN_VOICE})
        return
    typer.echo(f"Speech engines ({current['engine']}: {speaking} speaks):")
    for e in found:
        typer.echo(f"{'*' if e.name == speaking else ' '} {e.name:10s} {e.note}")
    typer.echo("\nespeak-ng voices:" if names else "\nespeak-ng is not installed.")
    for n in names:
        typer.echo(f"{'*' if n == current['voice'] else ' '} {n}")
    rate_words = (
        "from the pace (slow 120, normal 160, fast 190)"
        if current["rate"] == "pace"
        else f"{current['rate']} words per minute"
    )
    typer.echo(f"\nRate: {rate_words}. A reply ends after {current['end_silence']} s of silence.")
    typer.echo(f"Answers are heard by Whisper {current['whisper']}.")
    typer.echo(NO_INDIAN_VOICE)


def listen(
    file: Annotated[
        Path, typer.Argument(metavar="FILE.wav", help="A WAV recording of one utterance.")
    ],
    mode: Annotated[str, typer.Option("--mode", help="command or answer.")] = "command",
    json_out: JsonOpt = False,
) -> None:
    """Transcribe a recording as a command (grammar, Whisper when unsure) or an answer (Whisper)."""
    from viva.understand.reader import Vocabulary, parse
    from viva.voice import wav
    from viva.voice.base import Mode

    m = mode_of(mode, "use --mode command or --mode answer")
    audio = wav.read(file)
    svc = voice_library()
    text = hearing_for(svc, voice_prefs()).transcribe(audio, m)
    intent = None
    if text and m is Mode.COMMAND:
        intent = parse(text, Vocabulary.from_bank(svc.bank)).kind.value
    if json_out:
        emit({"text": text, "mode": m.value, "intent": intent})
        return
    typer.echo(text if text else "(nothing heard)")
    if intent:
        typer.echo(f"intent: {intent}")


def register(app: typer.Typer) -> None:
    app.command("say")(say)
    app.command("voices")(voices)
    app.command("listen")(listen)
    from viva.cli.voice_talk import voice_chat

    app.command("voice-chat")(voice_chat)
