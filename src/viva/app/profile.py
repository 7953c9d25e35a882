"""What viva remembers about the learner: profile facts and teaching preferences.

Shown, set (with the bounds every value must keep, one clear line when it doesn't) and
forgotten, the same way from the CLI and the web.
"""

from __future__ import annotations

from datetime import datetime

from viva.app.ports import LearnerStore
from viva.session.state import Prefs
from viva.store.values import PREF_VALUES, check


def remembered(store: LearnerStore) -> tuple[dict[str, str], dict[str, str]]:
    """The profile facts, and every preference with its default filled in."""
    return store.profile(), Prefs.from_dict(store.prefs()).as_dict()


def checked(key: str, value: str) -> tuple[str, str]:
    """The key and value as they would be kept, or an ``InputError`` saying what is wrong
    (check before opening the store: a bad value then touches nothing)."""
    return check(key, value)


def set_value(store: LearnerStore, key: str, value: str, now: datetime) -> tuple[str, str]:
    """Save a preference or a profile fact after checking it; the key and value as kept."""
    key, value = check(key, value)
    if key in PREF_VALUES:
        store.set_pref(key, value, now)
    else:
        store.remember(key, value, now)
    return key, value
