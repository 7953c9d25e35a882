"""BERT's uncased WordPiece tokenizer in plain Python: text -> token ids.

The same steps as the model's ``tokenizer.json`` (BertNormalizer with lower-casing and accent
stripping, BertPreTokenizer, WordPiece with ``##`` continuations): clean control characters,
space out CJK characters, split on white space and punctuation, then the greedy longest match
against the vocabulary. Written here rather than imported so the text coach starts without a
native tokenizer library; a test checks it against the ``tokenizers`` package on the whole bank.
"""

from __future__ import annotations

import unicodedata
from functools import lru_cache

MAX_WORD_CHARS = 100


def _is_punct(ch: str) -> bool:
    cp = ord(ch)
    # BERT counts every non-alphanumeric ASCII symbol as punctuation, "$" and "^" included
    if 33 <= cp <= 47 or 58 <= cp <= 64 or 91 <= cp <= 96 or 123 <= cp <= 126:
        return True
    return unicodedata.category(ch).startswith("P")


def _is_cjk(cp: int) -> bool:
    return (
        0x4E00 <= cp <= 0x9FFF
        or 0x3400 <= cp <= 0x4DBF
        or 0x20000 <= cp <= 0x2A6DF
        or 0x2A700 <= cp <= 0x2B73F
        or 0x2B740 <= cp <= 0x2B81F
        or 0x2B820 <= cp <= 0x2CEAF
        or 0xF900 <= cp <= 0xFAFF
        or 0x2F800 <= cp <= 0x2FA1F
    )


def _clean(text: str) -> str:
    out = []
    for ch in text:
        cp = ord(ch)
        if cp == 0 or cp == 0xFFFD:
            continue
        cat = unicodedata.category(ch)
        if ch in "\t\n\r" or cat == "Zs":
            out.append(" ")
        elif cat in ("Cc", "Cf"):
            continue
        elif _is_cjk(cp):
            out.append(f" {ch} ")
        else:
            out.append(ch)
    return "".join(out)


def _strip_accents(text: str) -> str:
    return "".join(c for c in unicodedata.normalize("NFD", text) if unicodedata.category(c) != "Mn")


def basic_tokens(text: str) -> list[str]:
    """Lower-cased words and single punctuation marks, accents stripped."""
    words: list[str] = []
    for word in _strip_accents(_clean(text).lower()).split():
        current = ""
        for ch in word:
            if _is_punct(ch):
                if current:
                    words.append(current)
                words.append(ch)
                current = ""
            else:
                current += ch
        if current:
            words.append(current)
    return words


class WordPiece:
    """Token ids for a text: ``[CLS] pieces... [SEP]``, cut to ``max_len`` in all."""

    def __init__(self, vocab: dict[str, int], max_len: int = 256) -> None:
        self.vocab = vocab
        self.max_len = max_len
        self.unk, self.cls, self.sep = vocab["[UNK]"], vocab["[CLS]"], vocab["[SEP]"]
        self._word = lru_cache(maxsize=50_000)(self._pieces)

    @classmethod
    def from_vocab_text(cls, text: str, max_len: int = 256) -> WordPiece:
        """From ``vocab.txt``: one token a line, the line number is the id."""
        return cls({tok: i for i, tok in enumerate(text.split("\n")) if tok}, max_len)

    def _pieces(self, word: str) -> tuple[int, ...]:
        if len(word) > MAX_WORD_CHARS:
            return (self.unk,)
        ids: list[int] = []
        start = 0
        while start < len(word):
            end = len(word)
            while end > start:
                piece = word[start:end] if start == 0 else "##" + word[start:end]
                found = self.vocab.get(piece)
                if found is not None:
                    ids.append(found)
                    break
                end -= 1
            else:
                return (self.unk,)  # one unknown piece makes the whole word unknown
            start = end
        return tuple(ids)

    def ids(self, text: str) -> list[int]:
        body: list[int] = []
        for word in basic_tokens(text):
            body.extend(self._word(word))
            if len(body) >= self.max_len - 2:
                break
        return [self.cls, *body[: self.max_len - 2], self.sep]
