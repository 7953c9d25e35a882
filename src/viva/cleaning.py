"""Text from outside viva made safe once, at the edge: valid Unicode in, bounded text out.

Arguments and stdin arrive with undecodable bytes as lone surrogates (Python's
``surrogateescape``), which SQLite and espeak-ng refuse with a traceback; ``clean_text``
turns them into U+FFFD. ``shown`` is for echoing input back in a message: control characters
(an ESC would recolour the terminal) are escaped and long input is cut.
"""

from __future__ import annotations

import re

_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")
_SURROGATE = re.compile(r"[\ud800-\udfff]")


def clean_text(text: str) -> str:
    """Text from argv, stdin or a file as valid Unicode: undecodable bytes become U+FFFD."""
    try:
        return text.encode("utf-8", "surrogateescape").decode("utf-8", "replace")
    except UnicodeEncodeError:  # a lone surrogate that did not come from a byte
        return _SURROGATE.sub("\ufffd", text)


def shown(text: str, limit: int = 80) -> str:
    """Input echoed back in a message: control characters escaped, cut to ``limit``."""
    text = _CONTROL.sub(lambda m: repr(m.group())[1:-1], clean_text(text).replace("\n", " "))
    return text if len(text) <= limit else text[: limit - 3] + "..."
