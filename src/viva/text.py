"""Text normalisation shared by the index and the queries.

Both sides go through the same steps, so "CI/CD" in an entry and "see I see D" from speech
meet as the same token: lower-case, punctuation to spaces, spelled-out letters joined
("g i l" -> "gil"), alias phrases rewritten to canonical terms, light plural stemming.
"""

from __future__ import annotations

import re
import unicodedata

_NON_WORD = re.compile(r"[^a-z0-9+#\s]")
_SPACES = re.compile(r"\s+")

# Spoken names of letters, as speech recognisers write them.
LETTER_NAMES: dict[str, str] = {
    "aye": "a",
    "bee": "b",
    "be": "b",
    "see": "c",
    "sea": "c",
    "cee": "c",
    "dee": "d",
    "ee": "e",
    "eff": "f",
    "gee": "g",
    "aitch": "h",
    "eye": "i",
    "jay": "j",
    "kay": "k",
    "el": "l",
    "ell": "l",
    "em": "m",
    "en": "n",
    "oh": "o",
    "pee": "p",
    "cue": "q",
    "queue": "q",
    "ar": "r",
    "are": "r",
    "ess": "s",
    "tee": "t",
    "tea": "t",
    "you": "u",
    "vee": "v",
    "ex": "x",
    "why": "y",
    "zee": "z",
    "zed": "z",
}

# Words that carry no topic: question scaffolding, politeness, fillers.
STOPWORDS: frozenset[str] = frozenset(
    """a an the is are was were be been being am of for in on at to and or but if then so
    it its it's this that these those there here what whats which who whom whose why how
    when where do does did doing done can could would should will shall may might must i
    me my mine we our you your he she they them their his her as by with from into about
    over under than too very just also not no yes ok okay hey hi hello please thanks thank
    tell explain give show say describe define definition mean means meaning meant example
    examples eg like basically actually really know kind sort simple simply words word
    question questions answer answers interview interviews difference differences different
    between vs versus compare comparison comparing one some any all more most much many
    use used using uses get got make makes need needs want wants let lets understand
    again other another thing things way ways work works working good best
    important top level levels beginner intermediate senior advanced""".split()
)


# Symbols that carry meaning in a question ("is vs ==", "*args"), said as words so both the
# index and a query keep them after punctuation is dropped.
_SYMBOLS = [
    (re.compile(r"==="), " triple equals "),
    (re.compile(r"=="), " equals equals "),
    (re.compile(r"!="), " not equals "),
    (re.compile(r"\*\*(?=\w)"), " double star "),
    (re.compile(r"(?<![\w*])\*(?=[a-z_])"), " star "),
    (re.compile(r"(?<!\w)@(?=[a-z_])"), " at "),
    (re.compile(r"->"), " arrow "),
]


def spell_symbols(text: str) -> str:
    for pattern, words in _SYMBOLS:
        text = pattern.sub(words, text)
    return text


def fold(text: str) -> str:
    """Lower-case ASCII-ish text with punctuation turned into spaces (meaningful symbols said)."""
    text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    text = spell_symbols(text.lower())
    text = text.replace("_", " ").replace("/", " ").replace("-", " ")
    return _SPACES.sub(" ", _NON_WORD.sub(" ", text)).strip()


def join_spelled_letters(tokens: list[str]) -> list[str]:
    """Join runs of spelled-out letters: ["g", "i", "l"] -> ["gil"], ["see","i","see","d"] -> ["cicd"].

    A run needs at least two single-character tokens, so "I see" stays as it is.
    """
    out: list[str] = []
    i = 0
    while i < len(tokens):
        j = i
        singles = 0
        while j < len(tokens) and (len(tokens[j]) == 1 or tokens[j] in LETTER_NAMES):
            singles += len(tokens[j]) == 1
            j += 1
        if j - i >= 2 and singles >= 2:
            out.append("".join(LETTER_NAMES.get(t, t) for t in tokens[i:j]))
            i = j
        else:
            out.append(tokens[i])
            i += 1
    return out


def stem(token: str) -> str:
    """A light plural stemmer: enough to meet "containers" with "container"."""
    if len(token) <= 3 or not token.isalpha():
        return token
    if token.endswith("ies") and len(token) > 4:
        return token[:-3] + "y"
    if token.endswith(("sses", "xes", "ches", "shes")):
        return token[:-2]
    if token.endswith("s") and not token.endswith(("ss", "us", "is")):
        return token[:-1]
    return token


def rewrite(
    tokens: list[str], phrases: dict[tuple[str, ...], tuple[str, ...]], longest: int
) -> list[str]:
    """Replace alias phrases (longest first) by their canonical tokens."""
    out: list[str] = []
    i = 0
    while i < len(tokens):
        for n in range(min(longest, len(tokens) - i), 0, -1):
            canon = phrases.get(tuple(tokens[i : i + n]))
            if canon is not None:
                out.extend(canon)
                i += n
                break
        else:
            out.append(tokens[i])
            i += 1
    return out
