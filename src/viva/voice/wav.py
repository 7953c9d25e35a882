"""WAV files in and out: reading any plain PCM WAV as 16 kHz mono, writing replies.

The recogniser wants 16 kHz mono 16-bit audio; people hand us whatever their recorder made.
Stereo is mixed down and other rates are resampled here (linear interpolation: enough for
speech, and no dependency); anything that is not 16-bit PCM gets one line saying how to
convert it. A damaged file is a ``VoiceError``, never a traceback.
"""

from __future__ import annotations

import io
import os
import stat
import struct
import sys
import wave
from array import array
from pathlib import Path

from viva.errors import VoiceError
from viva.voice.base import SAMPLE_RATE, Audio

MAX_SECONDS = 120  # a spoken answer; anything longer is not a turn in a conversation
MAX_BYTES = 48_000 * 2 * 2 * MAX_SECONDS + 4096  # two minutes of 48 kHz 16-bit stereo
CONVERT = "convert it with: sox IN.wav -r 16000 -c 1 -b 16 OUT.wav"


def _samples(pcm: bytes) -> array[int]:
    a = array("h")
    a.frombytes(pcm[: len(pcm) - len(pcm) % 2])
    if sys.byteorder == "big":
        a.byteswap()
    return a


def _bytes(a: array[int]) -> bytes:
    if sys.byteorder == "big":
        a = array("h", a)
        a.byteswap()
    return a.tobytes()


def decode(data: bytes, name: str = "the audio") -> Audio:
    """A WAV file's bytes as mono 16-bit audio at its own rate."""
    try:
        with wave.open(io.BytesIO(data), "rb") as w:
            channels, width, rate = w.getnchannels(), w.getsampwidth(), w.getframerate()
            frames = w.readframes(min(w.getnframes(), rate * MAX_SECONDS))
    except (wave.Error, EOFError, ValueError, RuntimeError, struct.error) as exc:
        raise VoiceError(f"{name} is not a readable WAV file ({exc})", CONVERT) from None
    if width != 2:
        raise VoiceError(f"{name} is {8 * width}-bit audio; viva reads 16-bit PCM WAV", CONVERT)
    if not frames or rate < 4000:
        raise VoiceError(f"{name} holds no usable audio", CONVERT)
    samples = _samples(frames)
    if channels > 1:
        samples = array(
            "h",
            (
                sum(samples[i : i + channels]) // channels
                for i in range(0, len(samples) - channels + 1, channels)
            ),
        )
    return Audio(_bytes(samples), rate)


def resample(audio: Audio, rate: int = SAMPLE_RATE) -> Audio:
    """``audio`` at ``rate`` (linear interpolation)."""
    if audio.rate == rate:
        return audio
    src = _samples(audio.pcm)
    n = int(len(src) * rate / audio.rate)
    step = audio.rate / rate
    out = array("h", bytes(2 * n))
    last = len(src) - 1
    for i in range(n):
        x = i * step
        j = int(x)
        k = j + 1 if j < last else last
        out[i] = int(src[j] + (src[k] - src[j]) * (x - j))
    return Audio(_bytes(out), rate)


def read(path: Path) -> Audio:
    """A WAV file as 16 kHz mono audio for the recogniser.

    Type and size are checked before reading, and no more than the limit is read, so a
    device (``/dev/zero``) or a huge file costs nothing."""
    try:
        with path.open("rb") as fh:
            st = os.fstat(fh.fileno())
            if not stat.S_ISREG(st.st_mode):
                raise VoiceError(f"{path} is not a regular file", "give a .wav recording")
            if st.st_size > MAX_BYTES:
                raise VoiceError(
                    f"{path} is {st.st_size} bytes (max {MAX_BYTES})",
                    f"keep a recording under {MAX_SECONDS} s",
                )
            data = fh.read(MAX_BYTES + 1)
    except OSError as exc:
        raise VoiceError(f"cannot read {path}: {exc.strerror or exc}") from None
    if len(data) > MAX_BYTES:
        raise VoiceError(
            f"{path} is over {MAX_BYTES} bytes", f"keep a recording under {MAX_SECONDS} s"
        )
    return resample(decode(data, str(path)))


def encode(audio: Audio) -> bytes:
    buf = io.BytesIO()
    with wave.open(buf, "wb") as w:
        w.setnchannels(1)
        w.setsampwidth(2)
        w.setframerate(audio.rate)
        w.writeframes(audio.pcm)
    return buf.getvalue()


def write(path: Path, audio: Audio) -> None:
    from viva.files import write_atomic

    data = encode(audio)
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise VoiceError(f"cannot write {path}: {exc.strerror or exc}") from None

    def fill(tmp: Path) -> None:
        tmp.write_bytes(data)

    write_atomic(path, fill)


def concat(parts: list[Audio], gap_ms: int = 0) -> Audio:
    """Sentences joined into one recording, with ``gap_ms`` of silence between them."""
    if not parts:
        return Audio(b"", SAMPLE_RATE)
    rate = parts[0].rate
    gap = bytes(2 * (rate * gap_ms // 1000))
    return Audio(gap.join(resample(p, rate).pcm for p in parts), rate)


FRAME_MS = 20
TRIM_MARGIN_MS = 300  # kept around the speech: soft first and last sounds ("s", "f") are faint


def trim_quiet(audio: Audio, margin_ms: int = TRIM_MARGIN_MS) -> Audio:
    """``audio`` without the quiet before the first and after the last loud frame (plus
    ``margin_ms``). Push to talk held past the words leaves seconds of room noise, and the
    command grammar forced that onto a phrase of its own, sure of it ("next question" and
    three quiet seconds was heard as "what did you say"); Whisper invents words in long
    quiet. A frame is loud above the larger of 4x the noise floor (the quietest tenth of
    frames) and 5% of the loudest frame; with no loud frame the audio is returned as it is."""
    n = max(1, audio.rate * FRAME_MS // 1000)
    s = _samples(audio.pcm)
    frames = (s[i : i + n] for i in range(0, len(s), n))
    levels = [sum(map(abs, f)) / len(f) for f in frames]
    if len(levels) < 3:
        return audio
    ranked = sorted(levels)
    floor, peak = ranked[len(ranked) // 10], ranked[-1]
    threshold = max(4 * floor, 0.05 * peak)
    loud = [i for i, v in enumerate(levels) if v > threshold]
    if not loud or peak <= 4 * floor:
        return audio
    pad = margin_ms // FRAME_MS
    first, last = max(0, loud[0] - pad), min(len(levels), loud[-1] + 1 + pad)
    return Audio(audio.pcm[2 * first * n : 2 * last * n], audio.rate)
