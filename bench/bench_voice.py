"""Voice figures: recognisers and voices compared on the same noisy synthetic audio.

- answer word error rate, pocketsphinx (bank LM) vs Whisper tiny.en vs Whisper base (both
  with the glossary prompt), on bank sentences and on answers in the learner's own words;
- commands: the grammar alone vs the grammar with Whisper deciding when it is unsure, and
  free questions asked where a command is expected;
- each speech engine: load time, real-time factor, first sentence, its rate at the three
  paces (median words per minute) and intelligibility: Whisper base's word errors on its
  audio under the same noise;
- latency end of a spoken command -> first reply sample through the real conversation,
  with the default voice (hibari) and with espeak-ng;
- end of a spoken answer -> grade ready (Whisper + grader, in-process);
- spoken credit: right answers in the learner's own words, typed and said by four speakers
  (bench/bench_voice_credit.py, ``--only credit``).

Speech is synthetic (espeak-ng, hibari, Piper), padded and noised as FIELD-NOTES describes:
relative figures, not a person's. Run: ``.venv/bin/python bench/bench_voice.py [--runs 3]``.
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
from typing import Any

TMP = Path(tempfile.mkdtemp(prefix="viva-bench-voice-"))
os.environ["VIVA_HOME"] = str(TMP / "home")
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))  # for tests.voice_audio

import bench_voice_credit  # noqa: E402  (this folder is on the path when run as a script)

from tests import voice_audio  # noqa: E402
from viva.app.conversation import Conversation  # noqa: E402
from viva.app.library import Library  # noqa: E402
from viva.clock import utc_now  # noqa: E402
from viva.errors import VoiceError  # noqa: E402
from viva.grade.answer import grade_answer  # noqa: E402
from viva.store.db import Store  # noqa: E402
from viva.understand.reader import Vocabulary, parse  # noqa: E402
from viva.voice import (  # noqa: E402
    engines,
    grammar,
    lm,
    wav,
)
from viva.voice.base import (  # noqa: E402
    Mode,
    TextToSpeech,
    Voice,
)
from viva.voice.channel import FileInputs, VoiceChannel  # noqa: E402
from viva.voice.hearing import Hearing  # noqa: E402
from viva.voice.playback import NullPlayer  # noqa: E402
from viva.voice.speakable import speakable  # noqa: E402
from viva.voice.stt import PocketsphinxSTT, topic_phrases  # noqa: E402
from viva.voice.tts import Speaker  # noqa: E402
from viva.voice.whisper import DEFAULT_MODEL, WhisperSTT  # noqa: E402

SESSION = [
    "top ten python questions",
    "next",
    "give me an example",
    "slower",
    "repeat",
    "in simple words",
    "show me the answer",
    "faster",
    "previous",
    "how many left",
    "another example",
    "next question",
]
OWN_WORDS = [
    "lists can change but tuples cannot change after you create them",
    "the gil means only one thread runs python code at a time so threads do not speed up cpu work",
    "a container shares the host kernel while a virtual machine has its own operating system",
    "an index makes reads faster but every insert has to update the index too",
    "docker compose starts several containers together from one file",
    "a decorator wraps a function to add behaviour without changing its code",
    "kubernetes restarts a pod when its liveness probe keeps failing",
    "with a rolling deployment new pods replace old ones a few at a time",
]


FREE_QUESTIONS = [
    "what is the difference between a process and a thread",
    "how does a load balancer decide where to send a request",
    "explain how an index speeds up a database query",
    "why would i use docker compose",
]
OWN_WORDS_GRADED = [
    ("python.list-vs-tuple", OWN_WORDS[0]),
    ("python.gil", OWN_WORDS[1]),
    ("docker.container-vs-vm", OWN_WORDS[2]),
    ("python.decorators", OWN_WORDS[5]),
]


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


def latency_run(
    svc: Library, stt: Hearing, tts: TextToSpeech, files: list[Path], n: int
) -> list[float]:
    store = Store.open(TMP / f"run-{n}.db")
    voice = Voice(tts.voices()[0])
    channel = TimedChannel(
        stt,
        Speaker(tts, NullPlayer(), voice),
        FileInputs(files, print),
        _Screen(),
        out=io.StringIO(),
        context=stt.context,
    )
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


def median_ms(values: list[float]) -> str:
    return f"{1000 * statistics.median(values):.0f} ms"


def answer_wer(svc: Library, recognisers: dict[str, Any], texts: list[str], label: str) -> None:
    cases = [(t, ["en-us", "en-gb"][i % 2], 150) for i, t in enumerate(texts)]
    with ThreadPoolExecutor(2) as pool:
        fs = list(pool.map(lambda c: utterance(*c), cases))
    row = []
    for name, hear in recognisers.items():
        errs = total = 0
        times = []
        for (t, _, _), f in zip(cases, fs, strict=True):
            audio = wav.read(f)
            t0 = time.perf_counter()
            heard = hear(audio)
            times.append(time.perf_counter() - t0)
            e, n = wer(lm.words(t), lm.words(heard))
            errs, total = errs + e, total + n
        row.append(f"{name} {100 * errs / total:.1f}% ({median_ms(times)})")
    print(f"answer WER, {label} ({len(texts)} answers, en-us/en-gb): " + ", ".join(row))


def commands(svc: Library, hearing: Hearing) -> None:
    vocab = Vocabulary.from_bank(svc.bank)
    topics = topic_phrases(svc.bank)
    rng = random.Random(11)
    phrases = grammar.expand(rng.sample(topics, len(topics)), can_say=hearing.grammar.can_say)
    rng.shuffle(phrases)
    rates = [130, 160, 190]
    for voice in ["en-us", "en-gb", "en-gb-x-rp", "heart"]:
        cases = [(p, voice, rates[i % 3]) for i, p in enumerate(phrases[:30])]
        with ThreadPoolExecutor(2) as pool:
            fs = list(pool.map(lambda c: utterance(*c), cases))
        ok_g = ok_h = unsure = 0
        for (p, _, _), f in zip(cases, fs, strict=True):
            audio = wav.read(f)
            want = parse(p, vocab)
            g = parse(hearing.grammar.transcribe(audio, Mode.COMMAND), vocab)
            h = parse(hearing.transcribe(audio, Mode.COMMAND), vocab)
            unsure += hearing.last == "whisper"
            key = lambda i: (i.kind, i.topic, i.levels, i.count, i.number)  # noqa: E731
            ok_g += key(g) == key(want)
            ok_h += key(h) == key(want)
        print(
            f"commands, {voice:11s}: grammar alone {ok_g}/{len(cases)}, with Whisper when "
            f"unsure {ok_h}/{len(cases)} ({unsure} sent to Whisper)"
        )
    asked = 0
    for i, q in enumerate(FREE_QUESTIONS * 2):
        f = utterance(q, ["en-us", "heart"][i // len(FREE_QUESTIONS)], 160)
        text = hearing.transcribe(wav.read(f), Mode.COMMAND)
        asked += parse(text, vocab).kind.value == "ask"
    print(
        f"free questions said where a command is expected: {asked}/{2 * len(FREE_QUESTIONS)} "
        "understood as questions (grammar alone: forced onto some command)"
    )


def voices(svc: Library, whisper: WhisperSTT) -> None:
    sentences = [speakable(e.short_answer.split(". ")[0]) for e in svc.bank.entries[::15]][:12]
    for name in ("hibari", "piper", "espeak-ng"):
        try:
            t0 = time.perf_counter()
            tts = engines.make(name)
            load = time.perf_counter() - t0
        except VoiceError as exc:
            print(f"voice {name}: not available ({exc.message})")
            continue
        v = tts.voices()[0]
        rtfs, firsts = [], []
        for s in sentences:
            t0 = time.perf_counter()
            a = tts.synth(s, Voice(v, 160))
            rtfs.append((time.perf_counter() - t0) / a.seconds)
        for s in ("Question 1 of 3.", "Sure, here is an example.", "Slower it is."):
            t0 = time.perf_counter()
            tts.synth(s, Voice(v, 160))
            firsts.append(time.perf_counter() - t0)
        pace = []
        for wpm in (120, 160, 190):
            rates = []
            for s in sentences:
                a = tts.synth(s, Voice(v, wpm))
                rates.append(len(s.split()) / speech_seconds(a) * 60)
            pace.append(f"{wpm}->{statistics.median(rates):.0f}")
        errs = total = 0
        for s in sentences:
            f = utterance(s, v if name != "espeak-ng" else "en-us", 160)
            e, n = wer(lm.words(s), lm.words(whisper.text(wav.read(f))))
            errs, total = errs + e, total + n
        print(
            f"voice {name:9s}: intelligibility (Whisper base WER, no prompt) "
            f"{100 * errs / total:.1f}%, load {load:.2f} s, RTF {statistics.median(rtfs):.3f}, "
            f"short sentence {median_ms(firsts)}, wpm asked->median {' '.join(pace)}"
        )


def speech_seconds(a: Any) -> float:
    import numpy as np

    x = np.abs(np.frombuffer(a.pcm, dtype="<i2").astype(np.float32))
    loud = np.nonzero(x > 0.02 * x.max())[0]
    return float(loud[-1] - loud[0]) / a.rate


def grade_latency(svc: Library, hearing: Hearing) -> None:
    times = []
    for i, (entry_id, said) in enumerate(OWN_WORDS_GRADED * 2):
        f = utterance(said, ["en-us", "heart"][i // len(OWN_WORDS_GRADED)], 150)
        audio = wav.read(f)
        entry = svc.bank.get(entry_id)
        assert entry is not None
        hearing.context(entry_id)
        t0 = time.perf_counter()
        grade_answer(entry, hearing.transcribe(audio, Mode.ANSWER), svc.facts)
        times.append(time.perf_counter() - t0)
    print(
        f"end of answer -> grade ready (Whisper {hearing.whisper.name} + grader): median "
        f"{median_ms(times)}, max {1000 * max(times):.0f} ms over {len(times)} answers "
        f"of {statistics.median(len(s.split()) for _, s in OWN_WORDS_GRADED):.0f} words"
    )


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--runs", type=int, default=3)
    ap.add_argument(
        "--only", default="", help="comma list: answers,commands,voices,grade,credit,latency"
    )
    args = ap.parse_args()
    only = set(filter(None, args.only.split(",")))

    def want(part: str) -> bool:
        return not only or part in only

    print(f"load average at start: {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores")
    svc = Library()
    grammar_stt = PocketsphinxSTT(svc.bank, TMP / "cache")
    grammar_stt.prepare(Mode.COMMAND)
    whispers = {}
    for name in ("tiny.en", "base"):
        w = WhisperSTT(name, TMP / "cache")
        t0 = time.perf_counter()
        w.load()
        print(f"Whisper {name}: hash check + load {time.perf_counter() - t0:.2f} s")
        whispers[name] = w
    vocab = Vocabulary.from_bank(svc.bank)
    hearing = Hearing(
        grammar_stt,
        whispers[DEFAULT_MODEL],
        svc.bank,
        understands=lambda t: parse(t, vocab).kind.value != "unknown",
    )
    if want("answers"):
        t0 = time.perf_counter()
        grammar_stt.prepare(Mode.ANSWER)
        print(f"pocketsphinx answer LM build + load: {time.perf_counter() - t0:.1f} s")

    # --- answers: the same audio to every recogniser ------------------------------------
    bank_sentences = [
        " ".join(lm.words(svc.bank.entries[i].short_answer.split(". ")[0]))
        for i in range(0, len(svc.bank.entries), 9)
    ][:14]
    prompt = hearing.prompt()  # the bank's terms (no question in focus)
    recognisers: dict[str, Any] = {
        "pocketsphinx bank LM": lambda a: grammar_stt.transcribe(a, Mode.ANSWER),
        "Whisper tiny.en": lambda a: whispers["tiny.en"].text(a, prompt),
        "Whisper base": lambda a: whispers["base"].text(a, prompt),
    }
    if want("answers"):
        answer_wer(svc, recognisers, OWN_WORDS, "own words (not in the bank)")
        answer_wer(svc, recognisers, bank_sentences, "bank sentences")
    if want("commands"):
        commands(svc, hearing)
    if want("voices"):
        voices(svc, whispers["base"])
    if want("grade"):
        grade_latency(svc, hearing)
    if want("credit"):
        bench_voice_credit.credit(svc, hearing, TMP / "audio")
    if want("latency"):
        latency(svc, hearing, whispers[DEFAULT_MODEL], args.runs)
    print(f"load average at end: {os.getloadavg()[0]:.1f}")


def latency(svc: Library, hearing: Hearing, whisper: WhisperSTT, runs: int) -> None:
    """End of command -> first reply sample; the baseline is the same grammar compiled
    from JSGF by pocketsphinx (the path before the minimal automaton), run alternately."""
    vocab = Vocabulary.from_bank(svc.bank)
    old = PocketsphinxSTT(svc.bank, TMP / "cache", jsgf=True)
    old.prepare(Mode.COMMAND)
    baseline = Hearing(
        old, whisper, svc.bank, understands=lambda t: parse(t, vocab).kind.value != "unknown"
    )

    vs = [("en-us", 160), ("en-gb", 140), ("heart", 160)]
    script = [(c, *vs[i % 3]) for i, c in enumerate(SESSION * 2)] + [("quit", "en-us", 160)]
    with ThreadPoolExecutor(2) as pool:
        files = list(pool.map(lambda c: utterance(*c), script))
    for name in ("hibari", "espeak-ng"):
        tts = engines.make(name)
        got: dict[str, tuple[list[float], list[float]]] = {"automaton": ([], []), "jsgf": ([], [])}
        lat: list[float] = []
        for n in range(runs):
            for label, h in (("automaton", hearing), ("jsgf", baseline)):
                lat = [1000 * x for x in latency_run(svc, h, tts, files, n)]
                got[label][0].append(statistics.median(lat))
                got[label][1].append(pct(lat, 0.9))
        for label, (medians, p90s) in got.items():
            print(
                f"latency end of command -> first reply sample, {name}, grammar as {label}: "
                f"median {statistics.median(medians):.0f} ms (runs {min(medians):.0f}-"
                f"{max(medians):.0f}), p90 {statistics.median(p90s):.0f} ms, "
                f"{len(lat)} commands a run"
            )
        ratio = statistics.median(got["automaton"][0]) / statistics.median(got["jsgf"][0])
        print(f"  ratio automaton / jsgf (medians, same run): {ratio:.2f}")


if __name__ == "__main__":
    main()
