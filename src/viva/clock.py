"""The only place that reads the wall clock; the core gets time passed in.

``VIVA_NOW`` (an ISO date-time, UTC if no zone is given) pins the clock, so the real CLI can
be driven through days of reviews in a test or a demo without waiting for them.
"""

from __future__ import annotations

import os
from datetime import UTC, datetime

from viva.errors import InputError


def utc_now() -> datetime:
    pinned = os.environ.get("VIVA_NOW")
    if not pinned:
        return datetime.now(UTC)
    try:
        when = datetime.fromisoformat(pinned)
    except ValueError:
        raise InputError(
            f"VIVA_NOW is not a date-time: {pinned!r}", "use e.g. 2026-01-31T09:00"
        ) from None
    return when.replace(tzinfo=UTC) if when.tzinfo is None else when.astimezone(UTC)
