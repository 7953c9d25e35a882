"""Turning what the coach shows into what it says: speakable sentences, no I/O.

A listener cannot read code or markdown aloud in their head, so code blocks become one
sentence ("here is a code example on screen"), markup disappears, and technical spellings
are read the way a person says them ("CI/CD" -> "C I C D", "__init__" -> "dunder init",
"==" -> "equals equals"). The result is split into sentences so the voice edge can speak
the first while it makes the rest. Pure: strings in, strings out.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from viva.session import teach
from viva.session.state import Effect, Say, Show

CODE_ON_SCREEN = "Here is a code example on screen."
TABLE_ON_SCREEN = "There is a table on screen."

_FENCE = re.compile(r"```.*?(?:```|$)", re.DOTALL)
_INLINE = re.compile(r"`([^`\n]*)`")
_LINK = re.compile(r"\[([^\]]+)\]\([^)]+\)")
_URL = re.compile(r"\bhttps?://\S+")

# Spellings a person reads as letters or as words; keys are matched as whole tokens,
# case-sensitively first, so "IS" (a word) is not read as "I S".
TERMS: dict[str, str] = {
    "CI/CD": "C I C D",
    "CI": "C I",
    "CD": "C D",
    "K8s": "kubernetes",
    "k8s": "kubernetes",
    "FastAPI": "fast A P I",
    "fastapi": "fast A P I",
    "cicd": "C I C D",
    "API": "A P I",
    "APIs": "A P Is",
    "REST": "rest",
    "JSON": "jason",
    "JWT": "J W T",
    "SQL": "sequel",
    "NoSQL": "no sequel",
    "ORM": "O R M",
    "HTTP": "H T T P",
    "HTTPS": "H T T P S",
    "URL": "U R L",
    "URLs": "U R Ls",
    "TCP": "T C P",
    "UDP": "U D P",
    "DNS": "D N S",
    "TLS": "T L S",
    "SSL": "S S L",
    "CPU": "C P U",
    "GIL": "gil",
    "ASGI": "A S G I",
    "WSGI": "whiskey",
    "CRUD": "crud",
    "DRY": "dry",
    "SOLID": "solid",
    "OOP": "O O P",
    "ACID": "acid",
    "CAP": "cap",
    "DB": "D B",
    "YAML": "yammel",
    "PostgreSQL": "postgres",
    "MySQL": "my sequel",
    "SQLite": "sequel light",
    "nginx": "engine X",
    "Nginx": "engine X",
    "asyncio": "async I O",
    "async": "async",
    "kwargs": "keyword args",
    "args": "args",
    "vs": "versus",
    "vs.": "versus",
    "OAuth": "oh auth",
    "OAuth2": "oh auth 2",
    "SaaS": "sass",
    "UUID": "U U I D",
    "RPC": "R P C",
    "gRPC": "G R P C",
    "MVC": "M V C",
    "MVT": "M V T",
    "DRF": "D R F",
    "CORS": "cors",
    "CSRF": "C S R F",
    "XSS": "X S S",
    "AWS": "A W S",
    "GCP": "G C P",
    "VM": "V M",
    "VMs": "V Ms",
    "OS": "O S",
    "I/O": "I O",
    "RAM": "ram",
    "SLA": "S L A",
    "SLO": "S L O",
    "p99": "P 99",
    "TTL": "T T L",
}
ABBREVIATIONS = {"e.g.": "for example", "i.e.": "that is", "etc.": "and so on"}
OPERATORS: dict[str, str] = {
    "==": " equals equals ",
    "!=": " not equals ",
    "<=": " less than or equal to ",
    ">=": " greater than or equal to ",
    "->": " returns ",
    "=>": " maps to ",
    "**": " double star ",
    "&&": " and ",
    "||": " or ",
    "+=": " plus equals ",
    ":=": " walrus ",
}
_OPERATOR = re.compile("|".join(re.escape(k) for k in sorted(OPERATORS, key=len, reverse=True)))
_DUNDER = re.compile(r"\b__([A-Za-z][A-Za-z0-9]*)__\b")
_CALL = re.compile(r"\b([A-Za-z_][A-Za-z0-9_.]*)\(\)")
_SNAKE = re.compile(r"\b([a-z][a-z0-9]*(?:_[a-z0-9]+)+)\b")
_DOTTED = re.compile(r"\b([a-z][a-z0-9]*)\.([a-z][a-z0-9_]*)\b")
_TOKEN = re.compile(r"[A-Za-z][A-Za-z0-9/.+#]*[A-Za-z0-9+#]|[A-Za-z]")
_CAPS = re.compile(r"^[A-Z]{2,5}s?$")


def _term(match: re.Match[str]) -> str:
    word = match.group(0)
    if word in TERMS:
        return TERMS[word]
    stripped = word.rstrip(".")
    if stripped in TERMS:
        return TERMS[stripped] + word[len(stripped) :]
    if "/" in word:  # "TCP/IP", "read/write": both parts, read as "slash" is noise
        return " ".join(_term(m) for p in word.split("/") if (m := _TOKEN.fullmatch(p)))
    if _CAPS.match(word) and word not in {"I", "A", "OK"}:
        # an unknown acronym: letters, since guessing a pronunciation is worse
        tail = "s" if word.endswith("s") and word[:-1].isupper() else ""
        return " ".join(word[: len(word) - len(tail)]) + tail
    return word


def speakable(text: str) -> str:
    """``text`` (markdown allowed) as words fit to be spoken."""
    if not text.strip():
        return ""
    code = bool(_FENCE.search(text))
    text = _FENCE.sub(" \x00 ", text)
    text = _LINK.sub(r"\1", text)
    text = _URL.sub(" a link on screen ", text)
    text = _INLINE.sub(lambda m: " " + _code_words(m.group(1)) + " ", text)
    text = re.sub(r"^\s*\|.*\|\s*$", " \x01 ", text, flags=re.MULTILINE)
    text = re.sub(r"^\s{0,3}#{1,6}\s*(.*)$", r"\1.", text, flags=re.MULTILINE)
    # a list item is a sentence of its own when spoken
    text = re.sub(r"^\s*(?:[-*+]|\d+[.)])\s+(.*?)[.;:,]?\s*$", r"\1.", text, flags=re.MULTILINE)
    text = _DUNDER.sub(lambda m: f"dunder {m.group(1)}", text)  # before "__bold__" is undone
    text = re.sub(r"(\*\*|__)(?=\S)(.+?)(?<=\S)\1", r"\2", text)
    text = re.sub(r"(?<![*\w])\*(?=[^\s*])([^*\n]+?)(?<=\S)\*(?![*\w])", r"\1", text)
    for abbr, words in ABBREVIATIONS.items():
        text = text.replace(abbr, words)
    text = _code_words(text)
    text = re.sub(r"[>#|~^]", " ", text)
    text = _TOKEN.sub(_term, text)
    text = " ".join(text.split())
    text = re.sub(r"(?:\x01\s*)+", TABLE_ON_SCREEN + " ", text)
    if code:
        text = re.sub(r"(?:\x00\s*)+", CODE_ON_SCREEN + " ", text)
    text = re.sub(r"\s+([,.;:!?])", r"\1", text)
    text = re.sub(r"([,;:])(?=[,;:.!?])", "", text)
    return " ".join(text.split())


def _code_words(text: str) -> str:
    """Inline code and stray symbols read as a person would say them."""
    text = _DUNDER.sub(lambda m: f"dunder {m.group(1)}", text)
    text = _CALL.sub(lambda m: m.group(1), text)
    text = _OPERATOR.sub(lambda m: OPERATORS[m.group(0)], text)
    text = _SNAKE.sub(lambda m: m.group(1).replace("_", " "), text)
    text = _DOTTED.sub(lambda m: f"{m.group(1)} dot {m.group(2)}", text)
    text = re.sub(r"(?<=\w)\s*=\s*(?=\w)", " equals ", text)
    text = re.sub(r"(?<![\w.])\*(?=\w)", "star ", text)
    text = re.sub(r"(?<=\d)\s*\*\s*(?=\d)", " times ", text)
    text = re.sub(r"[{}\[\]<>\\@$]", " ", text)
    return text.replace("&", " and ").replace("%", " percent ")


def sentences(text: str) -> list[str]:
    """``text`` in sentences; a very long sentence is cut at a comma so speech starts early."""
    out: list[str] = []
    for s in teach.sentences(text):
        while len(s) > 240 and ", " in s[60:240]:
            cut = s.rindex(", ", 60, 240)
            out.append(s[: cut + 1])
            s = s[cut + 2 :].strip()
        if s:
            out.append(s)
    return out


def spoken_turn(effects: Sequence[Effect]) -> list[str]:
    """The sentences a coach turn is spoken as: every ``Say``, and ``Show`` as a pointer."""
    out: list[str] = []
    for e in effects:
        if isinstance(e, Say):
            out += sentences(speakable(e.text))
        elif isinstance(e, Show):
            out += sentences(speakable(e.markdown)) if "```" not in e.markdown else [CODE_ON_SCREEN]
    # one pointer to the screen is enough, however many code blocks the turn had
    deduped: list[str] = []
    for s in out:
        if not (s == CODE_ON_SCREEN and deduped and deduped[-1] == CODE_ON_SCREEN):
            deduped.append(s)
    return deduped
