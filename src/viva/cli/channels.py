"""Terminal channels for a conversation: plain (scripts, tests) and Rich (people)."""

from __future__ import annotations

import sys
from collections.abc import Sequence
from typing import TextIO

from rich.console import Console
from rich.markdown import Markdown

from viva.session.state import Effect, Say, Show

STYLES = {
    "question": "bold cyan",
    "answer": "",
    "example": "italic",
    "note": "dim",
    "list": "",
    "plain": "",
}


class PlainChannel:
    """One utterance per input line; each coach turn as plain lines, then one empty line.

    A turn never contains an empty line (they are dropped from code on screen), so a script
    can split the output on empty lines and get exactly one block per turn.
    """

    def __init__(
        self, stdin: TextIO | None = None, stdout: TextIO | None = None, prompt: str = ""
    ) -> None:
        self.stdin = stdin or sys.stdin
        self.stdout = stdout or sys.stdout
        self.prompt = prompt  # "> " for a person at a terminal (``viva review``)

    def read(self) -> str | None:
        if self.prompt:
            self.stdout.write(self.prompt)
            self.stdout.flush()
        line = self.stdin.readline()
        return None if line == "" else line.rstrip("\n")

    def show(self, effects: Sequence[Effect]) -> None:
        lines: list[str] = []
        for e in effects:
            if isinstance(e, Say | Show):
                text = e.text if isinstance(e, Say) else e.markdown
                lines += [ln.rstrip() for ln in text.splitlines() if ln.strip()]
        self.stdout.write("\n".join(lines) + "\n\n")
        self.stdout.flush()


class RichChannel:
    """A prompt and styled turns for an interactive terminal."""

    def __init__(self, console: Console) -> None:
        self.console = console

    def read(self) -> str | None:
        try:
            return self.console.input("[bold cyan]you> [/bold cyan]")
        except EOFError:
            return None

    def show(self, effects: Sequence[Effect]) -> None:
        for e in effects:
            if isinstance(e, Say):
                self.console.print(e.text, style=STYLES.get(e.style, ""), markup=False)
            elif isinstance(e, Show):
                self.console.print(Markdown(e.markdown))
        self.console.print()
