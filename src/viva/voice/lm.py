"""The answer-mode language model: the bank's own words mixed with general English.

Built on first use into the cache folder (keyed by a hash of the bank's text and this
module's version) with the ``pocketsphinx.lm`` builder that ships in the wheel; nothing is
downloaded. Why the mix (FIELD-NOTES): a model of the bank alone cuts word errors on answers
from ~70% to a few percent, but it pulls every sound toward bank phrases, so off-topic speech
turns into plausible domain word salad. Everyday sentences, the command phrases and the
default model's 5,000 most frequent words as unigrams keep other speech hearable; the bank's
misconceptions are in the corpus on purpose, so a wrong answer is heard as the wrong answer
it is and the grader can say so.
"""

from __future__ import annotations

import hashlib
import re
import tempfile
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

from viva.bank.model import Bank, Entry
from viva.files import write_atomic, write_text_atomic
from viva.voice import grammar
from viva.voice.general_english import SENTENCES
from viva.voice.lexicon import DIGITS, Lexicon
from viva.voice.speakable import sentences, speakable

VERSION = "2"  # bump when the corpus recipe changes: old caches are then rebuilt
GENERAL_WORDS = 5000
_WORD = re.compile(r"[a-z][a-z0-9']*|[0-9]+")


@dataclass(frozen=True, slots=True)
class ModelFiles:
    lm: Path  # ARPA text
    dictionary: Path  # pronunciations CMUdict lacks, "word PHONES" per line


def words(text: str, spoken: bool = False) -> list[str]:
    """Speakable lower-case words of ``text`` (``spoken``: already made speakable); a lone
    digit becomes its word, other numbers drop."""
    out: list[str] = []
    said = text if spoken else speakable(text)
    for tok in _WORD.findall(said.lower().replace("\u2019", "'")):
        if tok.isdigit():
            if len(tok) == 1:
                out.append(DIGITS[int(tok)])
            continue
        out.append(tok.strip("'"))
    return [w for w in out if w]


def entry_text(e: Entry) -> Iterator[str]:
    """Everything a learner might say back about an entry, right or wrong."""
    yield e.question
    yield from e.variants
    yield e.short_answer
    yield e.answer
    yield e.simple
    for k in e.key_points:
        yield k.point
        yield from k.phrases
    for m in e.misconceptions:
        yield m.claim
        yield m.correction
    yield from e.red_flags
    yield from e.follow_ups
    for x in e.examples:
        yield x.body


def topic_ids(bank: Bank) -> list[str]:
    """Each topic's id as it is said ("system design")."""
    return [" ".join(words(t.id.replace("-", " "))) for t in bank.topics]


def corpus(bank: Bank) -> list[list[str]]:
    """Sentences as word lists: the bank, the command phrases, everyday English."""
    lines: list[list[str]] = []
    for e in bank.entries:
        for text in entry_text(e):
            lines += [w for s in sentences(speakable(text)) if (w := words(s, spoken=True))]
    topics = topic_ids(bank)
    lines += [words(p) for p in grammar.expand(topics, limit=4, per_phrase=12)]
    lines += [words(f"{t} questions") for t in topics]
    lines += [s.split() for s in SENTENCES]
    return lines


def source_hash(bank: Bank) -> str:
    """Names the model by what it is built from: the bank's text, the command phrases, the
    everyday sentences and this module's version; a change to any of them rebuilds it."""
    h = hashlib.sha256(VERSION.encode())
    h.update(repr((grammar.rules(), grammar.NUMBERS, grammar.LEVELS, SENTENCES)).encode())
    h.update(repr([(t.id, t.name) for t in bank.topics]).encode())
    for e in bank.entries:
        for text in entry_text(e):
            h.update(text.encode() + b"\0")
    return h.hexdigest()[:16]


def general_words(default_lm: Path, vocabulary: Iterable[str], n: int = GENERAL_WORDS) -> list[str]:
    """The ``n`` words of ``vocabulary`` the default model finds most probable on their own.

    (Asking the model word by word: dumping it as ARPA crashes pocketsphinx 5.1.1.)"""
    import pocketsphinx

    config, logmath = pocketsphinx.Config(), pocketsphinx.LogMath()  # kept alive with the model
    model = pocketsphinx.NGramModel(config, logmath, str(default_lm))
    scored = [(model.prob([w]), w) for w in vocabulary if re.fullmatch(r"[a-z][a-z']*", w)]
    scored.sort(key=lambda s: (-s[0], s[1]))
    return [w for _, w in scored[:n]]


def build(bank: Bank, cache: Path, lexicon: Lexicon, default_lm: Path) -> ModelFiles:
    """The answer model for ``bank``, built once into ``cache`` and reused after that."""
    folder = cache / "voice" / source_hash(bank)
    files = ModelFiles(folder / "answer.lm", folder / "extra.dict")
    if files.lm.exists() and files.dictionary.exists():
        return files
    from pocketsphinx.lm import ArpaBoLM

    folder.mkdir(parents=True, exist_ok=True)
    lines = [[w for w in line if lexicon.phones(w)] for line in corpus(bank)]
    general = general_words(default_lm, lexicon.known)
    with tempfile.TemporaryDirectory() as tmp:
        word_file = Path(tmp) / "general.txt"
        word_file.write_text("\n".join(general) + "\n")
        text = "\n".join(" ".join(line) for line in lines if line)
        model = ArpaBoLM(text=text, add_start=True, word_file=str(word_file), word_file_count=1)
    model.compute()
    write_text_atomic(files.dictionary, "".join(f"{w} {p}\n" for w, p in lexicon.entries()))

    def fill(tmp: Path) -> None:
        with tmp.open("w", encoding="utf-8") as f:
            model.write(f)

    write_atomic(files.lm, fill)
    return files
