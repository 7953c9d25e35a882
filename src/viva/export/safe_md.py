"""Markdown to HTML with no way for content to inject markup or script.

Exports render the bank's Markdown into pages that browsers and Anki (which runs card
JavaScript) display. Raw HTML in the text is escaped rather than passed through, and links
and images keep only ``http``, ``https``, ``mailto`` and in-page targets, so a
``javascript:`` URL cannot run either. The lint rule V039 keeps such text out of the bank in
the first place; this is the second fence, at render time.
"""

from __future__ import annotations

import re
from typing import Any
from xml.etree.ElementTree import Element

SAFE_URL = re.compile(r"^(https?:|mailto:|#|[^:/?#]*(?:[/?#]|$))", re.IGNORECASE)


def _safe(url: str) -> bool:
    return bool(SAFE_URL.match("".join(url.split())))  # browsers ignore spaces in schemes


def render(text: str, **options: Any) -> str:
    """``markdown.markdown(text, **options)`` without raw HTML or unsafe links."""
    import markdown
    from markdown.treeprocessors import Treeprocessor

    class _Links(Treeprocessor):  # type: ignore[misc]
        def run(self, root: Element) -> None:
            for el in root.iter():
                for attr in ("href", "src"):
                    value = el.get(attr)
                    if value is not None and not _safe(value):
                        el.set(attr, "#")

    md = markdown.Markdown(**options)
    md.preprocessors.deregister("html_block")
    md.inlinePatterns.deregister("html")
    md.treeprocessors.register(_Links(md), "viva-safe-links", 0)
    return str(md.convert(text))
