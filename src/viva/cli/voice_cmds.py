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
    from viva.service import Service
    from viva.voice.base import Mode, Voice
    from viva.voice.channel import Screen
    from viva.voice.tts import EspeakTTS

NO_INDIAN_VOICE = (
    "No Indian-English voice is available offline: espeak-ng has none, and its mbrola voices "
    "need packages outside Debian main. en-gb and en-us at a slow rate are the clearest here. "
    "Another engine can be added by writing one class with the TextToSpeech protocol "
    "(viva/voice/base.py; see docs/voice.md)."
)
PREF_VOICE, PREF_RATE, PREF_END = "voice", "voice_rate", "voice_end_silence"
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


def _voice(tts: EspeakTTS, prefs: dict[str, str], name: str | None, rate: int | None) -> Voice:
    from viva.session.state import Prefs
    from viva.voice.base import Voice

    chosen = name or prefs.get(PREF_VOICE) or "en-us"
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
) -> None:
    """Speak TEXT the way the coach would (through the sound card, or into a WAV file)."""
    from viva.session.state import Say
    from viva.voice.playback import NO_DEVICE, DevicePlayer, NullPlayer, device_command
    from viva.voice.speakable import spoken_turn
    from viva.voice.tts import EspeakTTS, Player, Speaker

    sentences = spoken_turn([Say(text)])
    if not sentences:
        raise InputError("there is nothing to say", "give some words")
    tts = EspeakTTS()
    v = _voice(tts, _prefs(), voice, rate)
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
) -> None:
    """The English voices available offline, and the voice settings (which can be changed)."""
    from viva.clock import utc_now
    from viva.voice.mic import DEFAULT_END_SILENCE
    from viva.voice.tts import EspeakTTS

    tts = EspeakTTS()
    names = tts.voices()
    if use is not None and use not in names:
        raise VoiceError(f"no voice '{use}'", "choose one of: " + ", ".join(names))
    if end_silence is not None and not 0.3 <= end_silence <= 5:
        raise InputError(f"{end_silence} s is out of range", "use 0.3 to 5 seconds")
    changes = {PREF_VOICE: use, PREF_RATE: None if rate is None else str(_rate(rate) or "pace"),
               PREF_END: None if end_silence is None else str(end_silence)}  # fmt: skip
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
    }
    if json_out:
        emit({"voices": names, "current": current, "note": NO_INDIAN_VOICE})
        return
    for n in names:
        typer.echo(f"{'*' if n == current['voice'] else ' '} {n}")
    rate_words = (
        "from the pace (slow 120, normal 160, fast 190)"
        if current["rate"] == "pace"
        else f"{current['rate']} words per minute"
    )
    typer.echo(f"\nRate: {rate_words}. A reply ends after {current['end_silence']} s of silence.")
    typer.echo(NO_INDIAN_VOICE)


def listen(
    file: Annotated[
        Path, typer.Argument(metavar="FILE.wav", help="A WAV recording of one utterance.")
    ],
    mode: Annotated[str, typer.Option("--mode", help="command or answer.")] = "command",
    json_out: JsonOpt = False,
) -> None:
    """Transcribe a recording as a command (grammar) or as an answer (language model)."""
    from viva.understand.parse import Vocabulary, parse
    from viva.voice import wav
    from viva.voice.base import Mode
    from viva.voice.stt import PocketsphinxSTT

    m = _mode(mode, "use --mode command or --mode answer")
    audio = wav.read(file)
    svc = _service()
    text = PocketsphinxSTT(svc.bank, svc.data / "cache").transcribe(audio, m)
    intent = None
    if text and m is Mode.COMMAND:
        intent = parse(text, Vocabulary.from_bank(svc.bank)).kind.value
    if json_out:
        emit({"text": text, "mode": m.value, "intent": intent})
        return
    typer.echo(text if text else "(nothing heard)")
    if intent:
        typer.echo(f"intent: {intent}")


def _service() -> Service:
    from viva.service import Service

    return Service()


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


def converse_from_env() -> None:
    """``viva --voice``: files from $VIVA_VOICE_IN and $VIVA_VOICE_OUT when set (scripts, tests)."""
    given = [Path(p) for p in os.environ.get(ENV_IN, "").split(os.pathsep) if p]
    out = os.environ.get(ENV_OUT)
    converse(given, Path(out) if out else None, "auto", not sys.stdout.isatty())


def converse(given: list[Path], out: Path | None, mode: str, plain: bool) -> None:
    from viva.chat import Conversation
    from viva.cli.app import ExitStatus
    from viva.cli.guard import INTERRUPTED
    from viva.clock import utc_now
    from viva.voice.base import Mode as ModeValue
    from viva.voice.channel import FileInputs, Inputs, LiveInputs, VoiceChannel
    from viva.voice.mic import DEFAULT_END_SILENCE, listen, microphone_command
    from viva.voice.playback import NO_DEVICE, DevicePlayer, WavDirPlayer, device_command
    from viva.voice.stt import PocketsphinxSTT
    from viva.voice.tts import EspeakTTS, Player, Speaker

    forced = None if mode == "auto" else _mode(mode)
    paths = _inputs(given)
    tts = EspeakTTS()  # fails first, before anything is started, when espeak-ng is missing
    store = open_store()
    try:
        prefs = store.prefs()
        voice = _voice(tts, prefs, None, None)
        svc = _service()
        stt = PocketsphinxSTT(svc.bank, svc.data / "cache")
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
        stt.prepare(ModeValue.COMMAND)  # the grammar loads now, not on the first reply
        channel = VoiceChannel(stt, Speaker(tts, player, voice), inputs, screen,
                               voice_name=voice.name, fixed_wpm=_rate(prefs.get(PREF_RATE)),
                               forced=forced)  # fmt: skip
        try:
            Conversation(svc, store, channel, utc_now, "voice").run()
        except KeyboardInterrupt:
            sys.stderr.write(f"\n{INTERRUPTED}\n")
            raise typer.Exit(ExitStatus.INTERRUPTED) from None
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
