"""Sentence templates (after Home Assistant's hassil): one phrasing source, three uses.

A template is words with ``(a|b)`` alternatives, ``[optional words]`` and ``{slot}``
references to named lists, e.g. ``(go|jump) [back] to question {number}``. From it come:
a regular expression for the fast exact matcher (``regex``), sample sentences for the
nearest-neighbour classifier and the voice grammar (``expand``). Matching works on folded
text (lower case, single spaces, no punctuation). Pure.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

_TOKEN = re.compile(r"\(|\)|\[|\]|\||\{[a-z_]+\}|[^\s()\[\]|{}]+")


class TemplateError(ValueError):
    """A template that does not parse (unbalanced brackets, an unknown slot)."""


@dataclass(frozen=True, slots=True)
class Word:
    text: str


@dataclass(frozen=True, slots=True)
class Slot:
    name: str


@dataclass(frozen=True, slots=True)
class Alt:
    options: tuple[Seq, ...]
    optional: bool = False


@dataclass(frozen=True, slots=True)
class Seq:
    items: tuple[Word | Slot | Alt, ...]


def parse_template(text: str) -> Seq:
    tokens = _TOKEN.findall(text)
    pos = 0

    def seq(closers: str) -> Seq:
        nonlocal pos
        items: list[Word | Slot | Alt] = []
        while pos < len(tokens) and tokens[pos] not in closers:
            tok = tokens[pos]
            pos += 1
            if tok in "([":
                close = ")" if tok == "(" else "]"
                options = [seq("|" + close)]
                while pos < len(tokens) and tokens[pos] == "|":
                    pos += 1
                    options.append(seq("|" + close))
                if pos >= len(tokens) or tokens[pos] != close:
                    raise TemplateError(f"unclosed {tok!r} in {text!r}")
                pos += 1
                items.append(Alt(tuple(options), optional=tok == "["))
            elif tok.startswith("{"):
                items.append(Slot(tok[1:-1]))
            elif tok in ")]|":
                raise TemplateError(f"unexpected {tok!r} in {text!r}")
            else:
                items.append(Word(tok))
        return Seq(tuple(items))

    tree = seq("")
    if pos != len(tokens):
        raise TemplateError(f"unexpected {tokens[pos]!r} in {text!r}")
    return tree


def _rx(node: Seq | Word | Slot | Alt, lists: Mapping[str, Sequence[str]]) -> str:
    # every piece matches with its trailing space, so optional pieces need no space logic
    if isinstance(node, Word):
        return re.escape(node.text) + " "
    if isinstance(node, Slot):
        if node.name not in lists:
            raise TemplateError(f"unknown slot {{{node.name}}}")
        values = sorted({v for v in lists[node.name] if v}, key=len, reverse=True)
        body = "|".join(re.escape(v) + " " for v in values)
        return f"(?P<{node.name}>{body})"
    if isinstance(node, Alt):
        body = "|".join(_rx(o, lists) for o in node.options)
        return f"(?:{body})" + ("?" if node.optional else "")
    return "".join(_rx(i, lists) for i in node.items)


def regex(text: str, lists: Mapping[str, Sequence[str]], *, whole: bool) -> re.Pattern[str]:
    """A pattern to use on ``folded + " "``: ``whole`` anchors it to the entire utterance."""
    body = _rx(parse_template(text), lists)
    return re.compile(f"^{body}$" if whole else f"(?:^|(?<= )){body}")


def _expand(node: Seq | Word | Slot | Alt, samples: Mapping[str, Sequence[str]]) -> list[str]:
    if isinstance(node, Word):
        return [node.text]
    if isinstance(node, Slot):
        return list(samples.get(node.name, ())[:2]) or [node.name]
    if isinstance(node, Alt):
        out = [s for o in node.options for s in _expand(o, samples)]
        return ["", *out] if node.optional else out
    parts = [_expand(i, samples) for i in node.items]
    return [" ".join(w for w in combo if w) for combo in itertools.product(*parts)]


def expand(text: str, samples: Mapping[str, Sequence[str]], limit: int = 12) -> list[str]:
    """Up to ``limit`` sentences the template matches, spread evenly over all it can say."""
    every = list(dict.fromkeys(s for s in _expand(parse_template(text), samples) if s))
    if len(every) <= limit:
        return every
    step = len(every) / limit
    return [every[int(i * step)] for i in range(limit)]
