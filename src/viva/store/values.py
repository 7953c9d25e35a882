"""The bounds of every preference and profile fact, checked on the way into the store.

``viva profile set`` refuses a value out of bounds with one line (``check``); the store
itself keeps whatever reaches it from any other path (the conversation, an older version)
within the same bounds (``bounded``), so a number like ``1e30`` days can never reach the plan
builder. The numeric bounds are those of ``viva plan``'s ``--days`` and ``--minutes``.
"""

from __future__ import annotations

import math

from viva.cleaning import clean_text, shown
from viva.errors import InputError

PREF_VALUES = {
    "pace": {"slow", "normal", "fast"},
    "detail": {"short", "normal", "full"},
    "with_answers": {"true", "false"},
    "always_example": {"true", "false"},
    "model_answer": {"true", "false"},  # after each graded answer in a mock interview
}
NUMBERS = {"interview_in_days": (1, 365), "minutes_per_day": (15, 720)}
LEVELS = {"beginner", "intermediate", "senior"}
PROFILE_KEYS = {"target_role", "strong", "weak", "wanted", "target_level", *NUMBERS}
MAX_TEXT = 200  # a role or a list of topics; longer is not a fact about the learner
MAX_VALUE = 200_000  # the saved plan (JSON) is the largest preference


def _number(text: str) -> float | None:
    try:
        got = float(text)
    except ValueError:
        return None
    return got if math.isfinite(got) else None


def check(key: str, value: str) -> tuple[str, str]:
    """``(key, value)`` as they should be stored, or an ``InputError`` naming the bounds."""
    key, value = clean_text(key).strip().lower(), clean_text(value).strip()
    if key in PREF_VALUES:
        if value.lower() not in PREF_VALUES[key]:
            raise InputError(
                f"'{shown(value, 40)}' is not a value for {key}",
                "use one of: " + ", ".join(sorted(PREF_VALUES[key])),
            )
        return key, value.lower()
    if key not in PROFILE_KEYS:
        raise InputError(
            f"unknown setting '{shown(key, 40)}'",
            "settings: " + ", ".join(sorted([*PREF_VALUES, *PROFILE_KEYS])),
        )
    if not value:
        raise InputError(f"give a value for {key}")
    if key in NUMBERS:
        low, high = NUMBERS[key]
        got = _number(value)
        if got is None or got != int(got) or not low <= got <= high:
            raise InputError(
                f"{key} must be a whole number from {low} to {high}, not '{shown(value, 40)}'"
            )
        return key, str(int(got))
    if key == "target_level" and value.lower() not in LEVELS:
        raise InputError(
            f"'{shown(value, 40)}' is not a value for {key}", "use beginner, intermediate or senior"
        )
    if len(value) > MAX_TEXT or any(ord(c) < 32 for c in value):
        raise InputError(
            f"the value for {key} is too long or has control characters",
            f"use at most {MAX_TEXT} plain characters",
        )
    return key, value


def bounded(key: str, value: str) -> str:
    """A value from any path kept within the bounds (numbers clamped, text cut)."""
    value = clean_text(value)
    if key in NUMBERS:
        low, high = NUMBERS[key]
        got = _number(value.strip())
        return str(int(min(max(got, low), high))) if got is not None else str(low)
    return value[:MAX_VALUE]
