"""Spoken credit (issue 15): right answers in the learner's own words, typed and then said.

Each answer of tests/data/voice/own-words.yaml (written blind, never tuned on) is graded
typed, then spoken by the four speakers of tests/test_voice_grading.py (espeak-ng in two
accents and both natural voices, at three paces, padded and noised as the tests do), heard by
Whisper in answer mode with the entry in focus, as the conversation hears it, and graded.
Credited means good or partial. Among answers credited typed, the spoken rate isolates the
hearing; over all answers it is what a learner meets. Run alone
(``PYTHONPATH=src .venv/bin/python bench/bench_voice_credit.py``) or as
``bench/bench_voice.py --only credit``.
"""

from __future__ import annotations

import os
import statistics
import sys
import tempfile
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))  # for tests.voice_audio

from tests import voice_audio  # noqa: E402
from tests.test_voice_grading import SPEAKERS  # noqa: E402
from viva.app.library import Library  # noqa: E402
from viva.grade.answer import grade_answer  # noqa: E402
from viva.grade.model import AnswerVerdict  # noqa: E402
from viva.voice import wav  # noqa: E402
from viva.voice.base import Mode  # noqa: E402
from viva.voice.hearing import Hearing  # noqa: E402
from viva.voice.stt import PocketsphinxSTT  # noqa: E402
from viva.voice.whisper import DEFAULT_MODEL, WhisperSTT  # noqa: E402

ANSWERS = ROOT / "tests" / "data" / "voice" / "own-words.yaml"
OK = (AnswerVerdict.GOOD, AnswerVerdict.PARTIAL)


def credit(svc: Library, hearing: Hearing, audio: Path) -> None:
    """Print typed and spoken credit, per speaker, the misses and hear+grade time."""
    answers = [(a["entry"], a["said"]) for a in yaml.safe_load(ANSWERS.read_text())]
    entries = {e: svc.bank.get(e) for e, _ in answers}
    missing = [e for e, entry in entries.items() if entry is None]
    assert not missing, f"not in the bank: {missing}"
    typed = {}
    for e, said in answers:
        entry = entries[e]
        assert entry is not None
        typed[e] = grade_answer(entry, said, svc.facts).verdict
    typed_ok = {e for e, v in typed.items() if v in OK}
    print(f"own words ({ANSWERS.relative_to(ROOT)}): typed credited {len(typed_ok)}/{len(answers)}")
    for e, v in typed.items():
        if v not in OK:
            print(f"  typed miss: {e}: {v}")

    cases = [(e, said, v, r) for e, said in answers for v, r in SPEAKERS]
    with ThreadPoolExecutor(2) as pool:  # synthesis is not what is measured
        files = list(pool.map(lambda c: voice_audio.utterance(audio, c[1], c[2], c[3]), cases))
    results = []  # (entry, speaker, heard, verdict)
    times = []
    for (e, _said, v, r), f in zip(cases, files, strict=True):
        entry = entries[e]
        assert entry is not None
        sound = wav.read(f)
        hearing.context(e)  # the question's terms prime Whisper, as in the conversation
        t0 = time.perf_counter()
        heard = hearing.transcribe(sound, Mode.ANSWER)
        verdict = grade_answer(entry, heard, svc.facts).verdict
        times.append(time.perf_counter() - t0)
        results.append((e, f"{v}@{r}", heard, verdict))

    def rate(rows: list[tuple[str, str, str, AnswerVerdict]]) -> str:
        n = sum(row[3] in OK for row in rows)
        return f"{n}/{len(rows)} ({100 * n / max(1, len(rows)):.0f}%)"

    among = [row for row in results if row[0] in typed_ok]
    print(
        f"spoken credited: {rate(results)} overall; {rate(among)} among answers credited "
        f"typed (the hearing alone); {len(SPEAKERS)} speakers, Whisper {hearing.whisper.name}"
    )
    for v, r in SPEAKERS:
        print(f"  {v}@{r}: {rate([row for row in results if row[1] == f'{v}@{r}'])}")
    good = sum(row[3] is AnswerVerdict.GOOD for row in results)
    print(f"  of the spoken: {good} good, the rest credited partial or missed")
    for e, speaker, heard, verdict in results:
        if verdict not in OK:
            print(f"  miss: {e}, {speaker}, typed {typed[e]}: heard {heard!r}, graded {verdict}")
    q = statistics.quantiles(times, n=10)
    print(
        f"hear + grade per answer: median {statistics.median(times):.2f} s, p10 {q[0]:.2f} s, "
        f"p90 {q[-1]:.2f} s, max {max(times):.2f} s over {len(times)} recordings of "
        f"{statistics.median(len(s.split()) for _, s in answers):.0f} words (median)"
    )


def main() -> None:
    tmp = Path(tempfile.mkdtemp(prefix="viva-bench-credit-"))
    print(f"load average at start: {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores")
    svc = Library(data=tmp / "home")  # never the real home
    whisper = WhisperSTT(DEFAULT_MODEL, tmp / "cache")
    whisper.load()
    hearing = Hearing(PocketsphinxSTT(svc.bank, tmp / "cache"), whisper, svc.bank)
    credit(svc, hearing, tmp / "audio")
    print(f"load average at end: {os.getloadavg()[0]:.1f}")


if __name__ == "__main__":
    main()
