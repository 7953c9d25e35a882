"""Which recogniser hears an utterance: the grammar for sure commands, Whisper for the rest.

Measured in bench/bench_voice.py: the pocketsphinx grammar is fast (tens of ms) and right on
the commands it knows, so commands keep it; but a grammar forces anything onto its nearest
phrase, so when its confidence is low (``PocketsphinxSTT.command``) Whisper hears the
utterance instead and the intent parser reads Whisper's words - which is how a free
question asked while the coach expects a command ("what is the difference between a process
and a thread") is understood. Answers always go to Whisper, primed with the bank's terms and
the current question's (``prompt``); pocketsphinx's answer model made 3x the word errors.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from viva.bank.model import Bank, Entry
from viva.errors import VoiceError
from viva.voice import grammar, prompt, wav
from viva.voice.base import Audio, Mode
from viva.voice.stt import PocketsphinxSTT
from viva.voice.whisper import WhisperSTT


@dataclass
class Hearing:
    """``SpeechToText`` for the conversation; ``last`` says which recogniser decided."""

    grammar: PocketsphinxSTT
    whisper: WhisperSTT
    bank: Bank
    focus: Entry | None = None
    # does the conversation understand these words as some request? (the CLI passes the
    # intent parser; None: always take Whisper's words)
    understands: Callable[[str], bool] | None = None
    last: str = ""
    rating: bool = False  # a review's self-rating is awaited: "again", "hard", "good", "easy"
    _common: list[str] = field(default_factory=list)
    _commands: str = ""

    def __post_init__(self) -> None:
        self._common = prompt.bank_terms(self.bank)
        # one short phrase per kind of command (the first of each rule), and the topics
        plain = [[p for p in ps if not set(p) & set("([{")] for ps in grammar.rules().values()]
        firsts = [ps[0] for ps in plain if ps]
        extra = ["next question", "slower", "faster", "repeat", "quit", "help", "quiz me"]
        names = [t.name for t in self.bank.topics]
        self._commands = prompt.command_prompt(list(dict.fromkeys(firsts + extra)), names)

    def context(self, focus: str | None, rating: bool = False) -> None:
        """The entry under discussion, whose terms prime Whisper; with ``rating``, the
        learner is about to rate their recall, and Whisper is primed with the four ratings
        (unprimed, a lone "good" comes out as "God")."""
        self.focus = self.bank.get(focus) if focus else None
        self.rating = rating

    def prompt(self) -> str:
        if self.rating:
            return prompt.RATING_PROMPT
        return prompt.initial_prompt(self._common, self.focus)

    def transcribe(self, audio: Audio, mode: Mode) -> str:
        audio = wav.trim_quiet(audio)
        if mode is not Mode.COMMAND:
            self.last = "whisper"
            return self.whisper.text(audio, self.prompt())
        text, sure = self.grammar.command(audio)
        if sure:
            self.last = "grammar"
            return text
        heard = self.whisper.text(audio, self._commands)
        if text and self.understands is not None and not self.understands(heard):
            # Whisper's words mean nothing to the parser (a short word misheard): the
            # grammar's phrase, unsure as it was, is the better guess
            self.last = "grammar"
            return text
        self.last = "whisper"
        return heard


EXTRA = {  # module -> pip package: what hearing needs from the voice extra
    "pocketsphinx": "pocketsphinx",
    "faster_whisper": "faster-whisper",
}


def require(model: str) -> None:
    """One ``VoiceError`` naming every missing piece, before a session starts."""
    from viva.voice.natural import installed
    from viva.voice.weights import MODELS

    needed = dict(EXTRA)
    for parts in MODELS[model].files.values():
        needed.update({s.module: s.pin for s in parts})
    missing = [pkg for mod, pkg in needed.items() if not installed(mod)]
    if missing:
        raise VoiceError(
            "the voice extra is not installed, so viva cannot listen (missing: "
            + ", ".join(missing)
            + ")",
            "pip install 'viva[voice]', or make run; the text coach works without it",
        )
