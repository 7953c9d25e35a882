"""Voice commands: ``viva say``, ``viva voices``, ``viva listen`` and the spoken conversation
(``viva --voice``, or ``viva voice-chat`` with its options).

Everything voice-related is imported inside the commands, so the text coach never loads
pocketsphinx or checks for espeak-ng. Missing engines and devices are ``VoiceError``s: one
line, a non-zero exit, and the hint that the text coach still works.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from viva.cli.app_common import JsonOpt, emit, open_store
from viva.errors import InputError, VoiceError

if TYPE_CHECKING:
    from collections.abc import Callable

    from viva.app.library import Library
    from viva.session.state import State
    from viva.understand.intents import Intent
    from viva.voice.base import Mode, TextToSpeech, Voice
    from viva.voice.channel import Screen
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


def _prefs() -> dict[str, str]:
    store = open_store()
    try:
        return store.prefs()
    finally:
        store.close()


def _rate(value: str | int | None) -> int | None:
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


def _voice(tts: TextToSpeech, prefs: dict[str, str], name: str | None, rate: int | None) -> Voice:
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
    return Voice.for_pace(pace, chosen, _rate(rate) or _rate(prefs.get(PREF_RATE)))


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
    prefs = _prefs()
    if engine is None and voice is not None:
        engine = engines.for_voice(voice)  # --voice en-gb means espeak-ng's en-gb
    tts = engines.make(engine or prefs.get(PREF_ENGINE, engines.AUTO))
    v = _voice(tts, prefs, voice, rate)
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


def _engine_pref(value: str | None) -> str | None:
    from viva.voice import engines

    if value is not None and value != engines.AUTO:
        engines.chosen(value)  # an unknown name is an error now, not at the next session
    return value


def _whisper_pref(value: str | None) -> str | None:
    from viva.voice.weights import MODELS

    if value is not None and value not in MODELS:
        raise InputError(f"no Whisper model '{value}'", "choose " + " or ".join(MODELS))
    return value


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
    changes = {PREF_VOICE: use, PREF_RATE: None if rate is None else str(_rate(rate) or "pace"),
               PREF_END: None if end_silence is None else str(end_silence),
               PREF_ENGINE: _engine_pref(engine), PREF_WHISPER: _whisper_pref(whisper)}  # fmt: skip
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
    listing = [{"name": e.name, "available": e.available, "note": e.note,
                "speaking": e.name == speaking} for e in found]  # fmt: skip
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
    from viva.understand.parse import Vocabulary, parse
    from viva.voice import wav
    from viva.voice.base import Mode

    m = _mode(mode, "use --mode command or --mode answer")
    audio = wav.read(file)
    svc = _service()
    text = _hearing(svc, _prefs()).transcribe(audio, m)
    intent = None
    if text and m is Mode.COMMAND:
        intent = parse(text, Vocabulary.from_bank(svc.bank)).kind.value
    if json_out:
        emit({"text": text, "mode": m.value, "intent": intent})
        return
    typer.echo(text if text else "(nothing heard)")
    if intent:
        typer.echo(f"intent: {intent}")


def _hearing(svc: Library, prefs: dict[str, str]) -> Hearing:
    from viva.voice import hearing
    from viva.voice.stt import PocketsphinxSTT
    from viva.voice.weights import stderr_progress
    from viva.voice.whisper import DEFAULT_MODEL, WhisperSTT

    model = prefs.get(PREF_WHISPER, DEFAULT_MODEL)
    hearing.require(model)
    cache = svc.data / "cache"
    whisper = WhisperSTT(model, cache, stderr_progress)
    from viva.understand.intents import Kind
    from viva.understand.parse import Vocabulary, parse

    vocab = Vocabulary.from_bank(svc.bank)
    return hearing.Hearing(PocketsphinxSTT(svc.bank, cache), whisper, svc.bank,
                           understands=lambda t: parse(t, vocab).kind is not Kind.UNKNOWN)  # fmt: skip


def _service() -> Library:
    from viva.cli.app_common import library

    return library()


def _inputs(given: list[Path]) -> list[Path]:
    """Files in order; a folder stands for its .wav and .txt files, sorted by name."""
    out: list[Path] = []
    for p in given:
        if p.is_dir():
            out += sorted(q for q in p.iterdir() if q.suffix.lower() in {".wav", ".txt"})
        elif p.exists():
            out.append(p)
        else:
            raise InputError(f"no such file or folder: {p}")
    return out


def voice_chat(
    inputs: Annotated[
        list[Path] | None,
        typer.Option("--in", help=IN_HELP),
    ] = None,
    out: Annotated[
        Path | None, typer.Option("--out", help="Write the coach's replies here as WAV files.")
    ] = None,
    mode: Annotated[str, typer.Option("--mode", help="auto, command or answer.")] = "auto",
    plain: Annotated[
        bool, typer.Option("--plain", help="No colour: plain transcript lines.")
    ] = False,
) -> None:
    """The coaching conversation by voice; typed replies are taken at any moment."""
    converse(inputs or [], out, mode, plain)


def converse_from_env(
    start: Intent | None = None, until: Callable[[State], bool] | None = None, greet: bool = True
) -> None:
    """``viva --voice`` (and ``viva review --voice``): files from $VIVA_VOICE_IN and
    $VIVA_VOICE_OUT when set (scripts, tests), else the microphone and speakers."""
    given = [Path(p) for p in os.environ.get(ENV_IN, "").split(os.pathsep) if p]
    out = os.environ.get(ENV_OUT)
    converse(given, Path(out) if out else None, "auto", not sys.stdout.isatty(), start=start,
             until=until, greet=greet)  # fmt: skip


def converse(
    given: list[Path],
    out: Path | None,
    mode: str,
    plain: bool,
    *,
    start: Intent | None = None,
    until: Callable[[State], bool] | None = None,
    greet: bool = True,
) -> None:
    from viva.cli.talking import run
    from viva.voice import engines
    from viva.voice.base import Mode as ModeValue
    from viva.voice.channel import FileInputs, Inputs, LiveInputs, VoiceChannel
    from viva.voice.mic import DEFAULT_END_SILENCE, listen, microphone_command
    from viva.voice.playback import NO_DEVICE, DevicePlayer, WavDirPlayer, device_command
    from viva.voice.tts import Player, Speaker

    forced = None if mode == "auto" else _mode(mode)
    paths = _inputs(given)
    store = open_store()
    try:
        prefs = store.prefs()
        svc = _service()
        stt = _hearing(svc, prefs)  # fails first, before anything starts, without the extra
        tts = engines.make(prefs.get(PREF_ENGINE, engines.AUTO))
        voice = _voice(tts, prefs, None, None)
        stt.whisper.load_in_background()  # checked and loaded while the opening is spoken
        player: Player
        command = None if out else device_command()
        if command:
            player = DevicePlayer(command)
        else:
            folder = out or svc.data / "voice-replies"
            if out is None:
                sys.stderr.write(
                    f"viva: {NO_DEVICE} - the coach's replies are written to {folder} as WAV files\n"
                )
            player = WavDirPlayer(folder)
        inputs: Inputs
        if paths:
            inputs = FileInputs(paths, _warn)
        else:
            try:
                found = microphone_command()  # raises here, not later in the listening thread
                mic = listen(float(prefs.get(PREF_END, DEFAULT_END_SILENCE)), found)
            except VoiceError as exc:
                sys.stderr.write(f"viva: {exc.message} - type your replies\n")
                mic = None
            inputs = LiveInputs(sys.stdin, mic)
        screen = _screen(plain)
        stt.grammar.prepare(ModeValue.COMMAND)  # the grammar loads now, not on the first reply
        channel = VoiceChannel(stt, Speaker(tts, player, voice), inputs, screen,
                               voice_name=voice.name, fixed_wpm=_rate(prefs.get(PREF_RATE)),
                               forced=forced, context=stt.context)  # fmt: skip
        try:
            run(svc, store, channel, "voice", start, greet=greet, until=until)
        finally:
            player.close()
    finally:
        store.close()


def _warn(line: str) -> None:
    sys.stderr.write(line + "\n")


def _mode(mode: str, hint: str = "use auto, command or answer") -> Mode:
    from viva.voice.base import Mode

    try:
        return Mode(mode.strip().lower())
    except ValueError:
        raise InputError(f"unknown mode '{mode}'", hint) from None


def _screen(plain: bool) -> Screen:
    if plain:
        from viva.cli.channels import PlainChannel

        return PlainChannel()
    from viva.cli.app_common import console
    from viva.cli.channels import RichChannel

    return RichChannel(console())


def register(app: typer.Typer) -> None:
    app.command("say")(say)
    app.command("voices")(voices)
    app.command("listen")(listen)
    app.command("voice-chat")(voice_chat)
