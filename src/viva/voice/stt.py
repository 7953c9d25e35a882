"""Speech in with pocketsphinx: a command grammar and an answer language model.

One decoder holds both searches and switches between them per utterance (switching is free;
loading is not). pocketsphinx is imported here only, on first use, so the text coach never
pays for it. Words the dictionary lacks get pronunciations from ``lexicon`` before any
search that uses them is added.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from viva.bank.model import Bank
from viva.errors import VoiceError
from viva.voice import grammar, lm
from viva.voice.automaton import Automaton
from viva.voice.base import SAMPLE_RATE, Audio, Mode
from viva.voice.lexicon import ALSO, Lexicon, load_cmudict

# Wider beams than pocketsphinx's defaults for the grammar: on 150 synthetic commands they
# took accuracy from 85% to 89% (five voices) for +25 ms a command; wider still gained nothing.
BEAMS: dict[str, dict[str, float]] = {
    "command": {"beam": 1e-60, "wbeam": 1e-48, "pbeam": 1e-60},
    "free": {},
}
DEFAULT = "default"  # the wheel's general English model, for comparison in the benchmark
# A grammar forces any speech onto some phrase; these two measures say when it did. Both
# compare the grammar's best path with a free phone loop over the same audio: its acoustic
# score per frame (a real command scores about as well as free phones; measured >= -7 for
# 27 of 28 commands in three voices, below -7 for 13 of 16 answers and questions) and how
# much of the phone loop's speech the grammar's words cover (a long question squeezed into
# "what is the answer" leaves most of it to silence: 0.34-0.69, commands 0.90-1.22).
MIN_SCORE_PER_FRAME = -7.0
MIN_COVERAGE = 0.8
_FILLER = ("<", "[", "+")
NOT_INSTALLED = "pocketsphinx is not installed, so viva cannot listen"
INSTALL = "install the voice extra: pip install 'viva[voice]' (the text coach works without it)"


def topic_phrases(bank: Bank) -> list[str]:
    """How the grammar names each topic: its id and its name, when short and sayable."""
    out: list[str] = []
    for t, said in zip(bank.topics, lm.topic_ids(bank), strict=True):
        out.append(said)
        name = " ".join(lm.words(t.name.replace("/", " ")))
        if len(name.split()) <= 3:
            out.append(name)
    return [p for p in dict.fromkeys(out) if p]


class PocketsphinxSTT:
    """``SpeechToText`` over pocketsphinx: a grammar decoder for commands and, built on the
    first answer, a language-model decoder for answers."""

    def __init__(self, bank: Bank, cache: Path, jsgf: bool = False) -> None:
        try:
            import pocketsphinx
        except ImportError:
            raise VoiceError(NOT_INSTALLED, INSTALL) from None
        self._ps: Any = pocketsphinx
        self.bank = bank
        self.cache = cache
        self.jsgf = jsgf
        model = Path(pocketsphinx.get_model_path()) / "en-us"
        self.default_lm = model / "en-us.lm.bin"
        self.lexicon = Lexicon(load_cmudict(model / "cmudict-en-us.dict"))
        self._decoders: dict[str, Any] = {}
        self._active: dict[str, str] = {}  # kept here: current_search() crashes before any
        self._searches: dict[str, set[str]] = {}
        self._phones: Any = None

    def _decoder(self, name: str) -> Any:
        """The decoder that runs search ``name``, creating decoder and search on first use."""
        kind = "command" if name == Mode.COMMAND else "free"
        dec = self._decoders.get(kind)
        if dec is None:
            # bestpath (a lattice rescoring pass) is off for the grammar: it returned partial
            # phrases there ("quit" heard as the "wait" of "wait a minute")
            dec = self._ps.Decoder(
                samprate=SAMPLE_RATE,
                lm=None,
                loglevel="FATAL",
                cmn="batch",
                bestpath=kind != "command",
                **BEAMS[kind],
            )
            self._decoders[kind] = dec
            self._active[kind] = ""
        if name not in self._searches.setdefault(kind, set()):
            self._add_search(dec, name)
            self._searches[kind].add(name)
        if self._active[kind] != name:
            dec.activate_search(name)
            self._active[kind] = name
        return dec

    def _add_search(self, dec: Any, name: str) -> None:
        if name == Mode.COMMAND:
            fsg = self.command_grammar()
            pairs: list[tuple[str, str]] = []
            for w in sorted(fsg.words()):
                variants = self.lexicon.variants(w)
                if not variants:
                    raise VoiceError(f"the command grammar has a word with no pronunciation: {w}")
                pairs += _entries(dec, w, variants)
            _add_words(dec, pairs)
            if self.jsgf:  # the benchmark's baseline: pocketsphinx compiles the JSGF itself
                dec.add_jsgf_string(name, grammar.jsgf(topic_phrases(self.bank), self.can_say))
            else:
                dec.add_fsg(name, dec.create_fsg(name, *fsg.transitions()))
        elif name == Mode.ANSWER:
            files = lm.build(self.bank, self.cache, self.lexicon, self.default_lm)
            pairs = []
            for line in files.dictionary.read_text(encoding="utf-8").splitlines():
                word, _, phones = line.partition(" ")
                if phones and dec.lookup_word(word) is None:
                    pairs.append((word, phones))
            for w, also in ALSO.items():
                pairs += _entries(dec, w, ["", also])
            _add_words(dec, pairs)
            dec.add_lm_file(name, str(files.lm))
        elif name == DEFAULT:
            dec.add_lm_file(name, str(self.default_lm))
        else:
            raise VoiceError(f"unknown listening mode '{name}'", "use command or answer")

    def can_say(self, word: str) -> bool:
        """Whether the recogniser's dictionary, with ``lexicon``'s additions, has ``word``."""
        return bool(self.lexicon.variants(word))

    def command_grammar(self) -> Automaton:
        """The command grammar for this bank, minus what the dictionary cannot pronounce."""
        return grammar.automaton(topic_phrases(self.bank), self.can_say)

    def prepare(self, *modes: str) -> None:
        """Load searches ahead of time, so the first utterance is not the slow one."""
        for m in modes:
            self._decoder(str(m))

    def transcribe(self, audio: Audio, mode: Mode | str) -> str:
        return self._decode(audio, str(mode))[0]

    def command(self, audio: Audio) -> tuple[str, bool]:
        """The grammar's reading of ``audio`` and whether it is sure (see MIN_SCORE_PER_FRAME)."""
        text, dec = self._decode(audio, str(Mode.COMMAND))
        if not text:
            return text, False
        if self._phones is None:
            model = Path(self._ps.get_model_path()) / "en-us"
            self._phones = self._ps.Decoder(
                samprate=SAMPLE_RATE,
                lm=None,
                loglevel="FATAL",
                cmn="batch",
                allphone=str(model / "en-us-phone.lm.bin"),
            )
        free = self._phones
        _run(free, audio)
        hyp, free_hyp = dec.hyp(), free.hyp()
        if hyp is None or free_hyp is None:
            return text, False
        log = dec.get_logmath().log
        per_frame = (log(hyp.score) - log(free_hyp.score)) / max(1, dec.n_frames())
        coverage = _speech_frames(dec) / max(1, _speech_frames(free))
        return text, per_frame >= MIN_SCORE_PER_FRAME and coverage >= MIN_COVERAGE

    def _decode(self, audio: Audio, mode: str) -> tuple[str, Any]:
        if audio.rate != SAMPLE_RATE:
            raise VoiceError(f"audio must be {SAMPLE_RATE} Hz for the recogniser, not {audio.rate}")
        dec = self._decoder(mode)
        # Each utterance is heard on its own: batch CMN (set at creation) and fresh feature
        # state here, since noise and mean estimates carried over from earlier utterances
        # made the words heard depend on what was said before (measured: a first answer was
        # garbled, and the same recording was heard differently in different orders). This
        # fixed the first; some dependence on order remains (tests/test_voice_grading.py).
        _run(dec, audio)
        hyp = dec.hyp()
        return (" ".join(str(hyp.hypstr).split()) if hyp is not None else ""), dec


def _run(dec: Any, audio: Audio) -> None:
    dec.reinit_feat()
    dec.start_utt()
    dec.process_raw(audio.pcm, False, True)
    dec.end_utt()


def _speech_frames(dec: Any) -> int:
    """Frames of the best path that are words, not silence or fillers."""
    return sum(
        s.end_frame - s.start_frame + 1
        for s in dec.seg() or ()
        if not s.word.startswith(_FILLER) and s.word != "SIL"
    )


def _add_words(dec: Any, pairs: list[tuple[str, str]]) -> None:
    """Add dictionary entries, rebuilding the decoder's index once, after the last."""
    for i, (w, p) in enumerate(pairs):
        dec.add_word(w, p, i == len(pairs) - 1)


def _entries(dec: Any, word: str, variants: list[str]) -> list[tuple[str, str]]:
    """Entries the decoder lacks for ``word``: the first pronunciation as the word, others
    as ``word(n)`` under free numbers (CMUdict has alternates of its own)."""
    out = []
    if variants[0] and dec.lookup_word(word) is None:
        out.append((word, variants[0]))
    n = 2
    for phones in variants[1:]:
        while (have := dec.lookup_word(f"{word}({n})")) is not None and have != phones:
            n += 1
        if have is None:
            out.append((f"{word}({n})", phones))
        n += 1
    return out
