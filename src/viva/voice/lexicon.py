"""Pronunciations for the words the recogniser's dictionary (CMUdict) lacks.

Domain words come from a hand-made table (kubernetes, tuple, asyncio, fastapi, ...). Other
unknown words are pronounced from known parts: compounds ("middleware" = middle + ware),
common endings ("iterators" = iterate + ors), or letter by letter for short acronyms ("orm").
A word none of these can pronounce is left out of the language model: the recogniser cannot
hear a word it cannot pronounce, and a wild guess would only add errors.
"""

from __future__ import annotations

import re
from functools import lru_cache
from pathlib import Path

# ARPAbet, the phone set of the bundled en-us acoustic model; "|" separates pronunciations
# people (and espeak-ng) use ("koo-ber-net-eez", "kyoo-ber-neets").
DOMAIN: dict[str, str] = {
    "kubernetes": "K UW B ER N EH T IY Z|K Y UW B ER N IY T S|K UW B ER N IY T IY Z",
    "k8s": "K EY EY T S",
    "kubectl": "K UW B K AH N T R OW L",
    "tuple": "T UW P AH L|T AH P AH L",
    "tuples": "T UW P AH L Z|T AH P AH L Z",
    "json": "JH EY S AH N",
    "asyncio": "EY S IH NG K IY OW",
    "async": "EY S IH NG K",
    "fastapi": "F AE S T EY P IY AY",
    "django": "JH AE NG G OW|JH AE NG OW",
    "microservices": "M AY K R OW S ER V AH S AH Z",
    "microservice": "M AY K R OW S ER V AH S",
    "nginx": "EH N JH AH N EH K S",
    "postgres": "P OW S T G R EH S",
    "postgresql": "P OW S T G R EH S K Y UW EH L",
    "mysql": "M AY EH S K Y UW EH L",
    "sqlite": "EH S K Y UW EH L AY T",
    "redis": "R EH D IH S",
    "gunicorn": "G IY Y UW N IH K AO R N",
    "uvicorn": "Y UW V IH K AO R N",
    "graphql": "G R AE F K Y UW EH L",
    "oauth": "OW AO TH",
    "yaml": "Y AE M AH L",
    "pydantic": "P AY D AE N T IH K",
    "pytest": "P AY T EH S T",
    "sqlalchemy": "EH S K Y UW EH L AE L K AH M IY",
    "dunder": "D AH N D ER",
    "kwargs": "K W AO R G Z",
    "args": "AA R G Z",
    "idempotent": "AY D EH M P OW T AH N T",
    "idempotency": "AY D EH M P OW T AH N S IY",
    "coroutine": "K OW R UW T IY N",
    "coroutines": "K OW R UW T IY N Z",
    "iterable": "IH T ER AH B AH L",
    "iterables": "IH T ER AH B AH L Z",
    "iterator": "IH T ER EY T ER",
    "iterators": "IH T ER EY T ER Z",
    "mixin": "M IH K S IH N",
    "mixins": "M IH K S IH N Z",
    "docstring": "D AA K S T R IH NG",
    "gitlab": "G IH T L AE B",
    "devops": "D EH V AA P S",
    "jwt": "JH EY D AH B AH L Y UW T IY",
    "cicd": "S IY AY S IY D IY",
    "ci": "S IY AY",
    "wsgi": "W IH S K IY",
    "asgi": "EY EH S JH IY AY",
    "orm": "OW AA R EH M",
    "drf": "D IY AA R EH F",
    "nosql": "N OW S IY K W AH L",
    "http": "EY CH T IY T IY P IY",
    "https": "EY CH T IY T IY P IY EH S",
    "api": "EY P IY AY",
    "apis": "EY P IY AY Z",
    "url": "Y UW AA R EH L",
    "urls": "Y UW AA R EH L Z",
    "gil": "G IH L",
    "dockerfile": "D AA K ER F AY L",
    "dockerfiles": "D AA K ER F AY L Z",
    "middleware": "M IH D AH L W EH R",
    "localhost": "L OW K AH L HH OW S T",
    "namespace": "N EY M S P EY S",
    "namespaces": "N EY M S P EY S IH Z",
    "webhook": "W EH B HH UH K",
    "webhooks": "W EH B HH UH K S",
    "runtime": "R AH N T AY M",
    "frontend": "F R AH N T EH N D",
    "serializer": "S IH R IY AH L AY Z ER",
    "serializers": "S IH R IY AH L AY Z ER Z",
    "lambdas": "L AE M D AH Z",
    "celery": "S EH L ER IY",
    "pipenv": "P IH P EH N V",
    "virtualenv": "V ER CH UW AH L EH N V",
    "venv": "V IY EH N V",
    "pip": "P IH P",
    "pypi": "P AY P IY AY",
    "cpython": "S IY P AY TH AA N",
    "flask": "F L AE S K",
    "jinja": "JH IH N JH AH",
    "helm": "HH EH L M",
    "ingress": "IH N G R EH S",
    "kafka": "K AA F K AH",
    "rabbitmq": "R AE B IH T EH M K Y UW",
}
# Second pronunciations of words CMUdict has: British "bath" vowels ("ahnser", "flahsk"),
# which the en-gb voices and many Indian-English speakers use.
ALSO: dict[str, str] = {
    "answer": "AA N S ER",
    "answers": "AA N S ER Z",
    "flask": "F L AA S K",
    "fast": "F AA S T",
    "faster": "F AA S T ER",
    "example": "IH G Z AA M P AH L",
    "examples": "IH G Z AA M P AH L Z",
    "ask": "AA S K",
    "last": "L AA S T",
    "pass": "P AA S",
    "advanced": "AH D V AA N S T",
    "can't": "K AA N T",
}
LETTERS: dict[str, str] = {
    "a": "EY",
    "b": "B IY",
    "c": "S IY",
    "d": "D IY",
    "e": "IY",
    "f": "EH F",
    "g": "JH IY",
    "h": "EY CH",
    "i": "AY",
    "j": "JH EY",
    "k": "K EY",
    "l": "EH L",
    "m": "EH M",
    "n": "EH N",
    "o": "OW",
    "p": "P IY",
    "q": "K Y UW",
    "r": "AA R",
    "s": "EH S",
    "t": "T IY",
    "u": "Y UW",
    "v": "V IY",
    "w": "D AH B AH L Y UW",
    "x": "EH K S",
    "y": "W AY",
    "z": "Z IY",
}
DIGITS = "zero one two three four five six seven eight nine".split()
_SUFFIXES = [
    ("s", "Z"),
    ("es", "IH Z"),
    ("ed", "D"),
    ("ing", "IH NG"),
    ("er", "ER"),
    ("ers", "ER Z"),
    ("ly", "L IY"),
]
_VOWEL = re.compile(r"[aeiouy]")


@lru_cache(maxsize=4)
def load_cmudict(path: Path) -> dict[str, str]:
    """CMUdict as word -> first pronunciation (alternates "word(2)" are skipped)."""
    out: dict[str, str] = {}
    with path.open(encoding="utf-8", errors="replace") as f:
        for line in f:
            word, _, phones = line.partition(" ")
            if "(" not in word and phones:
                out.setdefault(word, phones.strip())
    return out


class Lexicon:
    """Looks up or builds a pronunciation; ``known`` is CMUdict (or any word -> phones map)."""

    def __init__(self, known: dict[str, str]) -> None:
        self.known = known
        self.added: dict[str, str] = {}

    def phones(self, word: str) -> str | None:
        """Phones for ``word`` (lower case), or None when it cannot be pronounced sensibly."""
        found = self.variants(word)
        return found[0] if found else None

    def variants(self, word: str) -> list[str]:
        """Every pronunciation of ``word`` this lexicon offers beyond CMUdict's (first)."""
        if word in self.known:
            return [self.known[word], *([ALSO[word]] if word in ALSO else [])]
        if word not in self.added:
            found = DOMAIN.get(word) or self._derive(word)
            if not found:
                return []
            self.added[word] = found
        return self.added[word].split("|")

    def entries(self) -> list[tuple[str, str]]:
        """Added words as dictionary entries: ``word``, ``word(2)``, ... for alternatives."""
        out = []
        for word, phones in sorted(self.added.items()):
            for i, p in enumerate(phones.split("|"), 1):
                out.append((word if i == 1 else f"{word}({i})", p))
        return out

    def _derive(self, word: str) -> str | None:
        if not re.fullmatch(r"[a-z][a-z0-9']*", word):
            return None
        if word.isalpha() and len(word) <= 4 and not _VOWEL.search(word):
            return " ".join(LETTERS[c] for c in word)  # "orm", "sql", "tcp": said as letters
        if re.fullmatch(r"[a-z]+[0-9]", word) and (base := self._known(word[:-1])):
            return f"{base} {self.known.get(DIGITS[int(word[-1])], '')}".strip()  # "python3"
        for suffix, ph in _SUFFIXES:
            stem = word[: -len(suffix)]
            if word.endswith(suffix) and len(stem) >= 3:
                base = self._known(stem) or self._known(stem + "e")
                if base:
                    return f"{base} {ph}"
        for i in range(len(word) - 3, 2, -1):  # compounds: longest known head first
            head, tail = self._known(word[:i]), self._known(word[i:])
            if head and tail:
                return f"{head} {tail}"
        return None

    def _known(self, word: str) -> str | None:
        return self.known.get(word) or DOMAIN.get(word, "").split("|")[0] or None
