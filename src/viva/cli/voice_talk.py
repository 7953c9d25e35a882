"""The spoken conversation: ``viva --voice``, ``viva voice-chat`` and ``viva review --voice``.

Builds the voice channel (microphone or WAV files in, speakers or WAV files out, the hearing
stack, the learner's voice at their pace) and runs the same conversation as the terminal.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from viva.cli.app_common import open_store
from viva.cli.voice_common import (
    ENV_IN,
    ENV_OUT,
    IN_HELP,
    PREF_END,
    PREF_ENGINE,
    PREF_RATE,
    hearing_for,
    mode_of,
    rate_of,
    voice_library,
    voice_of,
)
from viva.errors import InputError, VoiceError

if TYPE_CHECKING:
    from collections.abc import Callable

    from viva.session.state import State
    from viva.understand.intents import Intent
    from viva.voice.channel import Screen


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
    converse(
        given,
        Path(out) if out else None,
        "auto",
        not sys.stdout.isatty(),
        start=start,
        until=until,
        greet=greet,
    )


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

    forced = None if mode == "auto" else mode_of(mode)
    paths = _inputs(given)
    store = open_store()
    try:
        prefs = store.prefs()
        svc = voice_library()
        stt = hearing_for(svc, prefs)  # fails first, before anything starts, without the extra
        tts = engines.make(prefs.get(PREF_ENGINE, engines.AUTO))
        voice = voice_of(tts, prefs, None, None)
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
        channel = VoiceChannel(
            stt,
            Speaker(tts, player, voice),
            inputs,
            screen,
            voice_name=voice.name,
            fixed_wpm=rate_of(prefs.get(PREF_RATE)),
            forced=forced,
            context=stt.context,
        )
        try:
            run(svc, store, channel, "voice", start, greet=greet, until=until)
        finally:
            player.close()
    finally:
        store.close()


def _warn(line: str) -> None:
    sys.stderr.write(line + "\n")


def _screen(plain: bool) -> Screen:
    if plain:
        from viva.cli.channels import PlainChannel

        return PlainChannel()
    from viva.cli.app_common import console
    from viva.cli.channels import RichChannel

    return RichChannel(console())
