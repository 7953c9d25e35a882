"""Rule V039: no raw HTML in content.

The bank's prose is Markdown, and exports render it to HTML (a study page, Anki cards, where
card JavaScript runs). Raw tags, comments and ``javascript:`` links in content would pass
straight into those pages; the renderers escape them too, but content should never carry
them. Code (fenced blocks, backtick spans, snippets) may hold anything.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from viva.bank.model import Entry
from viva.bank.source import SourceDoc
from viva.errors import Problem

CODE = re.compile(r"(`{3,}).*?\1|`[^`\n]*`", re.DOTALL)
RAW_HTML = re.compile(
    r"</?[a-zA-Z][a-zA-Z0-9-]*(\s[^<>]*)?/?>|<!--|<!\[CDATA\[|\bjavascript\s*:|\bdata\s*:\s*text/html",
    re.IGNORECASE,
)


def raw_html(text: str) -> str | None:
    """The first piece of raw HTML in ``text`` outside code, or None."""
    found = RAW_HTML.search(CODE.sub(" ", text))
    return found.group()[:40] if found else None


def _fields(entry: Entry) -> Iterator[tuple[str, tuple[str | int, ...]]]:
    yield entry.question, ("question",)
    yield entry.short_answer, ("short_answer",)
    yield entry.answer, ("answer",)
    yield entry.simple, ("simple",)
    for i, x in enumerate(entry.examples):
        yield x.title, ("examples", i)
        yield x.body, ("examples", i)
    for i, k in enumerate(entry.key_points):
        yield k.point, ("key_points", i)
    for i, m in enumerate(entry.misconceptions):
        yield m.claim, ("misconceptions", i)
        yield m.correction, ("misconceptions", i)
    for i, v in enumerate(entry.variants):
        yield v, ("variants", i)


def check_raw_html(entry: Entry, doc: SourceDoc) -> Iterator[Problem]:
    for text, keys in _fields(entry):
        bad = raw_html(text)
        if bad:
            where = ".".join(str(k) for k in keys)
            yield Problem(
                doc.path,
                doc.line(*keys),
                "V039",
                f"{where} contains raw HTML ({bad!r}); write it as text or in backticks",
            )
