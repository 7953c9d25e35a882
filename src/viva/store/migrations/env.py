"""Alembic environment: runs on the connection viva hands over (no ini file, no URL here)."""

from __future__ import annotations

from alembic import context

from viva.store.schema import metadata

connection = context.config.attributes["connection"]
context.configure(connection=connection, target_metadata=metadata, render_as_batch=True)
with context.begin_transaction():
    context.run_migrations()
