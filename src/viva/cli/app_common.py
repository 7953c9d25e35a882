"""Pieces every CLI module shares: the --json option, JSON output, opening the store."""

from __future__ import annotations

import json
import os
import sys
from typing import TYPE_CHECKING, Annotated, Any

import typer

if TYPE_CHECKING:  # imported lazily: commands that never touch the database stay fast
    from rich.console import Console

    from viva.app.library import Library
    from viva.app.ports import LearnerStore

JsonOpt = Annotated[bool, typer.Option("--json", help="Print one JSON document on stdout.")]


def emit(doc: Any) -> None:
    """The one JSON document a --json command prints."""
    sys.stdout.write(json.dumps(doc, ensure_ascii=False, indent=2) + "\n")


def console() -> Console:
    """A Rich console whose closed stdout is a ``BrokenPipeError`` for the CLI's one handler
    (Rich's own handler would exit 1 behind its back)."""
    from rich.console import Console

    class _Console(Console):
        def on_broken_pipe(self) -> None:
            self.quiet = True
            raise BrokenPipeError(32, "stdout closed")

    return _Console(highlight=False)


def open_store() -> LearnerStore:
    """The learner's database: ``VIVA_DB`` (a SQLAlchemy URL) or ``viva.db`` in the data dir."""
    from viva import settings
    from viva.app.stores import open_store as open_learner

    url = os.environ.get("VIVA_DB")
    return open_learner(url if url else settings.data_dir() / "viva.db")


def library() -> Library:
    """The bank for a command: content problems and long preparation reported on stderr."""
    from viva.app.library import Library

    return Library(warn=warn, progress=progress_line)


def warn(line: str) -> None:
    sys.stderr.write(f"viva: warning: {line}\n")


def progress_line(done: int, total: int) -> None:
    """A progress line on stderr while new bank texts are encoded (shipped ones never are)."""
    if total >= 20:
        end = "\n" if done >= total else "\r"
        sys.stderr.write(f"viva: preparing meaning search: {done}/{total} new texts{end}")
