"""The only place that reads the wall clock; the core gets time passed in.

``VIVA_NOW`` (an ISO date-time, UTC if no zone is given) pins the clock, so the real CLI can
be driven through days of reviews in a test or a demo without waiting for them.
"""

from __future__ import annotations

import os
from datetime import UTC, datetime

from viva.errors import InputError

EARLIEST = datetime(1970, 1, 1, tzinfo=UTC)
LATEST = datetime(9000, 12, 31, tzinfo=UTC)


def utc_now() -> datetime:
    pinned = os.environ.get("VIVA_NOW")
    if not pinned:
        return datetime.now(UTC)
    try:
        when = datetime.fromisoformat(pinned)
    except (ValueError, OverflowError):
        raise InputError(
            f"VIVA_NOW is not a date-time: {pinned[:40]!r}", "use e.g. 2026-01-31T09:00"
        ) from None
    when = when.replace(tzinfo=UTC) if when.tzinfo is None else when.astimezone(UTC)
    if not EARLIEST <= when <= LATEST:  # date arithmetic (streaks, due dates) must not overflow
        raise InputError(
            f"VIVA_NOW is out of range: {pinned[:40]!r}", "use a date between 1970 and 9000"
        )
    return when
