"""Alembic migrations of the learner database, in order."""
