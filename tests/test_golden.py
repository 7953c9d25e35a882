"""Golden transcripts: whole conversations rendered by the Rich front end at 80 columns.

They run over the small fixture bank so content edits don't churn them. To accept a change
on purpose: ``UPDATE_GOLDEN=1 pytest tests/test_golden.py`` and review the diff.
"""

from __future__ import annotations

import io
import os
from datetime import UTC, datetime
from pathlib import Path

import pytest
from rich.console import Console

from tests.conftest import DATA
from viva.app.conversation import Conversation
from viva.app.library import Library
from viva.cli.channels import RichChannel
from viva.store.db import Store

GOLDEN = Path(__file__).resolve().parent / "golden"


class ScriptedRich(RichChannel):
    """The real Rich channel, with typed lines taken from a script and echoed like a prompt."""

    def __init__(self, console: Console, lines: list[str]) -> None:
        super().__init__(console)
        self.lines = list(lines)

    def read(self) -> str | None:
        if not self.lines:
            return None
        line = self.lines.pop(0)
        self.console.print(f"you> {line}", markup=False)
        return line


SCRIPTS = {
    "teach_one_question": [
        "top 5 python questions",
        "example",
        "another example",
        "another example",
        "in simple words",
        "repeat the last sentence",
        "slower",
        "why",
        "go on",
        "quit",
    ],
    "navigation_and_modes": [
        "questions only",
        "top 5 python questions for beginners",
        "how many left",
        "answer",
        "next",
        "go to question 1",
        "give me two minutes",
        "resume",
        "help",
        "asdfgh",
        "quit",
    ],
}


@pytest.mark.parametrize("name", sorted(SCRIPTS))
def test_golden_transcript(name: str, tmp_path: Path) -> None:
    out = io.StringIO()
    console = Console(
        file=out, width=80, color_system=None, force_terminal=False, legacy_windows=False
    )
    svc = Library(content=DATA / "bank", data=tmp_path)
    store = Store.open(tmp_path / "viva.db")
    clock = iter(datetime(2026, 11, 26, 9, 0, s, tzinfo=UTC) for s in range(60))
    Conversation(
        svc, store, ScriptedRich(console, SCRIPTS[name]), lambda: next(clock), "terminal"
    ).run()
    store.close()
    got = out.getvalue()
    path = GOLDEN / f"{name}.txt"
    if os.environ.get("UPDATE_GOLDEN"):
        path.write_text(got)
    assert got == path.read_text()
