"""Amounts with a unit, as people write them and as they say them: "30 seconds", "30s",
"thirty seconds", "two hundred ms", "ten megabytes", "25%", "twenty five percent".

Speech recognition spells numbers out ("ninety seconds after SIGTERM") where the bank
writes digits ("30 seconds"), so both read as the same value in a base unit (seconds,
bytes, percent) and can be compared: ``amounts`` finds them in a text. Pure functions.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

SMALL = {
    w: n
    for n, w in enumerate(
        (
            "zero one two three four five six seven eight nine ten eleven twelve thirteen "
            "fourteen fifteen sixteen seventeen eighteen nineteen"
        ).split()
    )
}
TENS = {
    w: 10 * n
    for n, w in enumerate("twenty thirty forty fifty sixty seventy eighty ninety".split(), 2)
}
# "lakh": the learners we build for count in Indian English ("two lakh rows")
SCALES = {"hundred": 100, "thousand": 1000, "lakh": 100_000, "million": 1_000_000}

# unit word -> (dimension, size in the dimension's base unit)
UNITS: dict[str, tuple[str, float]] = {
    **dict.fromkeys(("ms", "msec", "millisecond", "milliseconds"), ("time", 0.001)),
    **dict.fromkeys(("s", "sec", "secs", "second", "seconds"), ("time", 1.0)),
    **dict.fromkeys(("min", "mins", "minute", "minutes"), ("time", 60.0)),
    **dict.fromkeys(("h", "hr", "hrs", "hour", "hours"), ("time", 3600.0)),
    **dict.fromkeys(("day", "days"), ("time", 86400.0)),
    **dict.fromkeys(("b", "byte", "bytes"), ("size", 1.0)),
    **dict.fromkeys(("kb", "kib", "kilobyte", "kilobytes"), ("size", 1e3)),
    **dict.fromkeys(("mb", "mib", "megabyte", "megabytes", "meg", "megs"), ("size", 1e6)),
    **dict.fromkeys(("gb", "gib", "gigabyte", "gigabytes", "gig", "gigs"), ("size", 1e9)),
    **dict.fromkeys(("%", "percent"), ("percent", 1.0)),
}
# a word, a number glued to its unit ("30s", "10MB", "25%"), or a mark that changes what a
# number is ("Python 2's", "10^5", "20,000/s", "2-3 seconds")
TOKEN = re.compile(r"\d[\d,]*(?:\.\d+)?(?:[a-z]+|%)?|[a-z]+|'s|[\^/\-]")
GLUED = re.compile(r"(\d[\d,]*(?:\.\d+)?)([a-z]+|%)$")
NUMERAL = re.compile(r"\d[\d,]*(?:\.\d+)?$")
RANGE = frozenset({"-", "to"})  # "2-3 seconds", "10 to 30 seconds" ("between 10 and 30" too)
# "intermittent 502s" are responses, not seconds
STATUS = frozenset([*range(200, 207), *range(301, 309), *range(400, 452), *range(500, 512)])


@dataclass(frozen=True, slots=True)
class Amount:
    value: float  # in the dimension's base unit: seconds, bytes, percent
    dimension: str  # "time", "size" or "percent"
    said: str  # the words that say it ("thirty seconds")
    start: int  # where they are in the text
    end: int


def _numeral(word: str) -> float | None:
    if not NUMERAL.match(word):
        return None
    try:
        return float(word.replace(",", ""))
    except ValueError:
        return None


def _spoken(words: list[str], i: int) -> tuple[float, int] | None:
    """A number said in words from ``words[i]``: its value and the index past it ("two
    hundred and fifty", "thirty five", "a hundred")."""
    total, current, j, seen = 0.0, 0.0, i, False
    if words[j] == "point":
        return _decimals(words, j, 0.0)  # "point five seconds": no whole part
    if j < len(words) - 1 and words[j] == "a" and words[j + 1] in SCALES:
        current, j, seen = 1.0, j + 1, True
    while j < len(words):
        w = words[j]
        if w in SMALL or w in TENS:
            if seen and current % 100 and (w in TENS or current % 10):
                break  # "five ten" is two numbers, not one
            current += SMALL.get(w, 0) + TENS.get(w, 0)
        elif w in SCALES and seen:
            scale = SCALES[w]
            if scale == 100:
                current = max(current, 1.0) * 100
            else:
                total += max(current, 1.0) * scale
                current = 0.0
        elif w == "and" and seen and j + 1 < len(words) and words[j + 1] in {*SMALL, *TENS}:
            pass  # "two hundred and fifty"
        elif (
            w == "-"
            and words[j - 1] in TENS
            and j + 1 < len(words)
            and 0 < SMALL.get(words[j + 1], 0) < 10
        ):
            pass  # "twenty-five"
        else:
            break
        seen = True
        j += 1
    return _decimals(words, j, total + current) if seen else None


def _decimals(words: list[str], j: int, value: float) -> tuple[float, int] | None:
    """``value`` with the digits said after a "point" at ``j``, one word each ("one point
    five"); None for a bare "point" with nothing before it."""
    places = 0
    if j + 1 < len(words) and words[j] == "point" and SMALL.get(words[j + 1], 10) < 10:
        j += 1
        while j < len(words) and SMALL.get(words[j], 10) < 10:
            places += 1
            value += SMALL[words[j]] / 10**places
            j += 1
    elif j < len(words) and words[j] == "point" and value == 0.0:
        return None
    return value, j


def amounts(text: str) -> list[Amount]:
    """Every number in ``text`` followed by a unit of time, size or percent; not a number
    that is part of a name ("k8s", "B2B", "1e3"), a version ("Python 2's"), a power, a
    rate ("20,000/s"), or the second end of a range ("2-3 seconds", "two, three seconds")."""
    low = text.lower()
    found = list(TOKEN.finditer(low))
    words = [m.group() for m in found]
    out: list[Amount] = []
    i = 0
    numbers: set[int] = set()  # indices of the words that say a number
    while i < len(words):
        m, w = found[i], words[i]
        glued_to_name = m.start() > 0 and (
            low[m.start() - 1].isalnum() or low[m.start() - 1] in ".^"
        )
        glued = GLUED.match(w)
        value = _numeral(glued.group(1)) if glued and not glued_to_name else None
        if glued and value is not None:
            numbers.add(i)
            unit = glued.group(2)
            if (
                unit in UNITS
                and not (unit == "s" and value in STATUS)
                and not _ranged(words, numbers, i)
            ):
                dim, size = UNITS[unit]
                out.append(Amount(value * size, dim, w, m.start(), m.end()))
            i += 1
            continue
        n = None if glued_to_name else _numeral(w)
        nxt = i + 1
        if n is None and not glued_to_name:
            spoken = _spoken(words, i)
            if spoken is not None:
                n, nxt = spoken
        if n is None:
            i += 1
            continue
        numbers.update(range(i, nxt))
        if nxt < len(words) and not _ranged(words, numbers, i):
            unit = words[nxt]
            if unit == "per" and nxt + 1 < len(words) and words[nxt + 1] == "cent":
                unit, nxt = "percent", nxt + 1
            after = words[nxt + 1] if nxt + 1 < len(words) else ""
            if unit in UNITS and after not in ("'s", "/", "^"):
                dim, size = UNITS[unit]
                said = " ".join(words[i : nxt + 1])
                out.append(Amount(n * size, dim, said, m.start(), found[nxt].end()))
                i = nxt + 1
                continue
        i = max(nxt, i + 1)
    return out


def _ranged(words: list[str], numbers: set[int], i: int) -> bool:
    """The number at ``i`` ends a range: a number right before it, or one before "-" or
    "to", or before "and" after "between"."""
    if i - 1 in numbers:
        return True
    if i >= 2 and i - 2 in numbers:
        start = min(j for j in range(i - 1) if set(range(j, i - 1)) <= numbers)
        between = start > 0 and words[start - 1] == "between"
        return words[i - 1] in RANGE or (words[i - 1] == "and" and between)
    return False


def same(a: Amount, b: Amount) -> bool:
    return a.dimension == b.dimension and abs(a.value - b.value) <= 1e-9 * max(
        abs(a.value), abs(b.value), 1.0
    )
