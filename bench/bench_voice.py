"""Voice figures: reply latency, synthesis speed, command accuracy and answer word errors.

- latency from the end of a spoken command's audio to the first sample of the reply's audio,
  through the real conversation (pocketsphinx grammar -> parse -> engine -> speakable ->
  espeak-ng first sentence), median and p90 over the commands, for each of several runs;
- espeak-ng's real-time factor (seconds of compute per second of speech);
- command accuracy by voice (the tests hold three voices; two harder accents are shown too);
- answer-mode word error rate with the wheel's default LM and with the bank LM side by side,
  on bank sentences (in-domain) and on answers in the learner's own words (not in the bank).

Speech is espeak-ng's, padded and noised as FIELD-NOTES describes: relative figures, not a
person's. Run: ``.venv/bin/python bench/bench_voice.py [--runs 3]``.
"""

from __future__ import annotations

import argparse
import io
import os
import random
import statistics
import sys
import tempfile
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

TMP = Path(tempfile.mkdtemp(prefix="viva-bench-voice-"))
os.environ["VIVA_HOME"] = str(TMP / "home")
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))  # for tests.voice_audio

from tests import voice_audio  # noqa: E402
from viva.chat import Conversation  # noqa: E402
from viva.clock import utc_now  # noqa: E402
from viva.service import Service  # noqa: E402
from viva.store.db import Store  # noqa: E402
from viva.understand.parse import Vocabulary, parse  # noqa: E402
from viva.voice import grammar, lm, wav  # noqa: E402
from viva.voice.base import Mode, Voice  # noqa: E402
from viva.voice.channel import FileInputs, VoiceChannel  # noqa: E402
from viva.voice.playback import NullPlayer  # noqa: E402
from viva.voice.speakable import speakable  # noqa: E402
from viva.voice.stt import PocketsphinxSTT, topic_phrases  # noqa: E402
from viva.voice.tts import EspeakTTS, Speaker  # noqa: E402

SESSION = ["top ten python questions", "next", "give me an example", "slower", "repeat",
           "in simple words", "show me the answer", "faster", "previous", "how many left",
           "another example", "next question"]  # fmt: skip
OWN_WORDS = [
    "lists can change but tuples cannot change after you create them",
    "the gil means only one thread runs python code at a time so threads do not speed up cpu work",
    "a container shares the host kernel while a virtual machine has its own operating system",
    "an index makes reads faster but every insert has to update the index too",
    "docker compose starts several containers together from one file",
    "a decorator wraps a function to add behaviour without changing its code",
    "kubernetes restarts a pod when its liveness probe keeps failing",
    "with a rolling deployment new pods replace old ones a few at a time",
]  # fmt: skip


def utterance(text: str, voice: str, rate: int) -> Path:
    """The same padded, noised speech the tests use (tests/voice_audio.py)."""
    return voice_audio.utterance(TMP / "audio", text, voice, rate)


def pct(values: list[float], q: float) -> float:
    s = sorted(values)
    return s[min(len(s) - 1, int(q * (len(s) - 1) + 0.5))]


class TimedChannel(VoiceChannel):
    """Records, per spoken command, end of its audio -> first sample of the reply."""

    latencies: list[float]

    def show(self, effects: object) -> None:  # type: ignore[override]
        before = len(self.speaker.first_sample) if self.speaker else 0
        super().show(effects)  # type: ignore[arg-type]
        if self.speaker and self.last_end is not None and len(self.speaker.first_sample) > before:
            self.latencies.append(self.speaker.first_sample[before] - self.last_end)
            self.last_end = None


class _Screen:
    def show(self, effects: object) -> None:
        pass


def latency_run(svc: Service, stt: PocketsphinxSTT, files: list[Path], n: int) -> list[float]:
    store = Store.open(TMP / f"run-{n}.db")
    tts = EspeakTTS()
    channel = TimedChannel(stt, Speaker(tts, NullPlayer(), Voice()), FileInputs(files, print),
                           _Screen(), out=io.StringIO())  # fmt: skip
    channel.latencies = []
    try:
        Conversation(svc, store, channel, utc_now, "bench").run()
    finally:
        store.close()
    return channel.latencies


def wer(ref: list[str], hyp: list[str]) -> tuple[int, int]:
    d = list(range(len(hyp) + 1))
    for i, r in enumerate(ref, 1):
        prev, d[0] = d[0], i
        for j, h in enumerate(hyp, 1):
            prev, d[j] = d[j], min(d[j] + 1, d[j - 1] + 1, prev + (r != h))
    return d[len(hyp)], len(ref)


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--runs", type=int, default=3)
    args = ap.parse_args()
    svc = Service()
    stt = PocketsphinxSTT(svc.bank, TMP / "cache")
    t0 = time.perf_counter()
    stt.prepare(Mode.COMMAND)
    print(f"grammar load: {1000 * (time.perf_counter() - t0):.0f} ms")
    t0 = time.perf_counter()
    stt.prepare(Mode.ANSWER)
    print(f"answer LM build + load (first use, then cached): {time.perf_counter() - t0:.1f} s")

    # --- latency -------------------------------------------------------------------------
    voices = [("en-us", 160), ("en-gb", 140), ("en-gb-x-rp", 190)]
    script = [(c, *voices[i % 3]) for i, c in enumerate(SESSION * 3)] + [("quit", "en-us", 160)]
    with ThreadPoolExecutor(4) as pool:
        files = list(pool.map(lambda c: utterance(*c), script))
    medians, p90s, everything = [], [], []
    for n in range(args.runs):
        lat = [1000 * x for x in latency_run(svc, stt, files, n)]
        everything += lat
        medians.append(statistics.median(lat))
        p90s.append(pct(lat, 0.9))
        print(
            f"run {n + 1}: {len(lat)} spoken commands, latency median {medians[-1]:.0f} ms, p90 {p90s[-1]:.0f} ms"
        )
    print(f"latency end of command -> first reply sample: median {statistics.median(medians):.0f} ms "
          f"(runs {min(medians):.0f}-{max(medians):.0f}), p90 {statistics.median(p90s):.0f} ms "
          f"(runs {min(p90s):.0f}-{max(p90s):.0f}), max {max(everything):.0f} ms")  # fmt: skip

    # --- synthesis real-time factor ------------------------------------------------------
    tts = EspeakTTS()
    sentences = [s for e in svc.bank.entries[:40] for s in [speakable(e.short_answer)]]
    rtfs, firsts = [], []
    for s in sentences:
        t = time.perf_counter()
        audio = tts.synth(s, Voice())
        took = time.perf_counter() - t
        rtfs.append(took / audio.seconds)
        firsts.append(1000 * took)
    print(f"synthesis real-time factor: median {statistics.median(rtfs):.4f} (p90 {pct(rtfs, 0.9):.4f}), "
          f"i.e. {1 / statistics.median(rtfs):.0f}x faster than real time; one answer "
          f"({statistics.median(len(s.split()) for s in sentences):.0f} words) in {statistics.median(firsts):.0f} ms")  # fmt: skip

    # --- command accuracy by voice -------------------------------------------------------
    vocab = Vocabulary.from_bank(svc.bank)
    topics = topic_phrases(svc.bank)
    rng = random.Random(11)
    phrases = grammar.expand(rng.sample(topics, len(topics)))
    rng.shuffle(phrases)
    rates = [130, 160, 190]
    for voice in ["en-us", "en-gb", "en-gb-x-rp", "en-gb-scotland", "en-029"]:
        cases = [(p, voice, rates[i % 3]) for i, p in enumerate(phrases[:30])]
        with ThreadPoolExecutor(4) as pool:
            fs = list(pool.map(lambda c: utterance(*c), cases))
        ok, times = 0, []
        for (p, _, _), f in zip(cases, fs, strict=True):
            t = time.perf_counter()
            heard = stt.transcribe(wav.read(f), Mode.COMMAND)
            times.append(1000 * (time.perf_counter() - t))
            a, b = parse(heard, vocab), parse(p, vocab)
            ok += (a.kind, a.topic, a.levels, a.count, a.number) == (
                b.kind,
                b.topic,
                b.levels,
                b.count,
                b.number,
            )
        print(
            f"commands, {voice:15s}: {ok}/{len(cases)} understood, decode median {statistics.median(times):.0f} ms"
        )

    # --- answer word error rate ----------------------------------------------------------
    bank_sentences = [
        lm.words(svc.bank.entries[i].short_answer.split(". ")[0])
        for i in range(0, len(svc.bank.entries), 9)
    ][:18]
    sets = {"bank sentences (in-domain)": [" ".join(w) for w in bank_sentences],
            "own words (not in the bank)": OWN_WORDS}  # fmt: skip
    for label, texts in sets.items():
        cases = [(t, ["en-us", "en-gb"][i % 2], 150) for i, t in enumerate(texts)]
        with ThreadPoolExecutor(4) as pool:
            fs = list(pool.map(lambda c: utterance(*c), cases))
        row = []
        for mode in ("default", Mode.ANSWER):
            errs = total = 0
            for (t, _, _), f in zip(cases, fs, strict=True):
                e, n = wer(lm.words(t), lm.words(stt.transcribe(wav.read(f), mode)))
                errs, total = errs + e, total + n
            row.append(
                f"{'default LM' if mode == 'default' else 'bank LM'} {100 * errs / total:.0f}%"
            )
        print(f"answer WER, {label} ({len(texts)} answers): " + ", ".join(row))


if __name__ == "__main__":
    main()
