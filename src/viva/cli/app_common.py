"""Pieces every CLI module shares: the --json option, JSON output, opening the store."""

from __future__ import annotations

import json
import os
import sys
from typing import TYPE_CHECKING, Annotated, Any

import typer

if TYPE_CHECKING:  # imported lazily: commands that never touch the database stay fast
    from viva.store.db import Store

JsonOpt = Annotated[bool, typer.Option("--json", help="Print one JSON document on stdout.")]


def emit(doc: Any) -> None:
    """The one JSON document a --json command prints."""
    sys.stdout.write(json.dumps(doc, ensure_ascii=False, indent=2) + "\n")


def open_store() -> Store:
    """The learner's database: ``VIVA_DB`` (a SQLAlchemy URL) or ``viva.db`` in the data dir."""
    from viva import settings
    from viva.store.db import Store

    url = os.environ.get("VIVA_DB")
    return Store.open(url if url else settings.data_dir() / "viva.db")
