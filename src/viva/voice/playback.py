"""Where speech goes: the sound card through aplay/paplay, or numbered WAV files.

Machines without a sound card (CI, servers, containers) are normal: the voice conversation
says so in one line and writes each coach turn to ``reply-NNN.wav`` in a folder instead
(``WavDirPlayer``), which is also how the tests listen to the coach.
"""

from __future__ import annotations

import shutil
import subprocess
from dataclasses import dataclass, field
from pathlib import Path

from viva.errors import VoiceError
from viva.voice import wav
from viva.voice.base import Audio

NO_DEVICE = "no sound device found"


def _has_alsa_card() -> bool:
    aplay = shutil.which("aplay")
    if not aplay:
        return False
    try:
        out = subprocess.run([aplay, "-l"], capture_output=True, text=True, timeout=10)
    except (OSError, subprocess.TimeoutExpired):
        return False
    return out.returncode == 0 and "card " in out.stdout


def _has_pulse() -> bool:
    pactl = shutil.which("pactl")
    if not (pactl and shutil.which("paplay")):
        return False
    try:
        return subprocess.run([pactl, "info"], capture_output=True, timeout=10).returncode == 0
    except (OSError, subprocess.TimeoutExpired):
        return False


def device_command() -> list[str] | None:
    """The command that plays raw 16-bit mono PCM on this machine, or None without a device."""
    if _has_pulse():
        return ["paplay", "--raw", "--format=s16le", "--channels=1"]
    if _has_alsa_card():
        return ["aplay", "-q", "-t", "raw", "-f", "S16_LE", "-c", "1"]
    return None


@dataclass
class DevicePlayer:
    """Plays through the sound card, one short-lived player process per sentence."""

    command: list[str]

    def play(self, audio: Audio) -> None:
        rate = (f"--rate={audio.rate}",) if self.command[0] == "paplay" else ("-r", str(audio.rate))
        try:
            subprocess.run(
                [*self.command, *rate],
                input=audio.pcm,
                capture_output=True,
                timeout=max(30.0, 3 * audio.seconds),
                check=True,
            )
        except (OSError, subprocess.SubprocessError) as exc:
            raise VoiceError(
                f"could not play audio: {exc}",
                "use viva voice-chat --out DIR (or VIVA_VOICE_OUT) for WAV files",
            ) from None

    def turn_done(self) -> None:
        pass

    def close(self) -> None:
        pass


@dataclass
class WavDirPlayer:
    """Collects each turn's audio and writes it as ``reply-001.wav``, ``reply-002.wav``, ..."""

    folder: Path
    parts: list[Audio] = field(default_factory=list)
    written: list[Path] = field(default_factory=list)

    def play(self, audio: Audio) -> None:
        self.parts.append(audio)

    def turn_done(self) -> None:
        if not self.parts:
            return
        path = self.folder / f"reply-{len(self.written) + 1:03d}.wav"
        wav.write(path, wav.concat(self.parts))
        self.written.append(path)
        self.parts = []

    def close(self) -> None:
        self.turn_done()


@dataclass
class NullPlayer:
    """Discards audio (benchmarks measure making speech, not hearing it)."""

    def play(self, audio: Audio) -> None:
        pass

    def turn_done(self) -> None:
        pass

    def close(self) -> None:
        pass
