"""Opening a learner's store: the one way front ends reach the database.

A path is a SQLite file (created private to the user, migrated on open); a string is any
SQLAlchemy URL (PostgreSQL for many learners). Front ends never import ``viva.store``.
"""

from __future__ import annotations

from pathlib import Path

from viva.app.ports import LearnerStore


def open_store(where: Path | str) -> LearnerStore:
    from viva.store.db import Store

    return Store.open(where)
