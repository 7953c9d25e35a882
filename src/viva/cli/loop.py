"""The minimal interactive loop: type a question, get the answer; ``next``; ``quit``.

Deliberately thin: the conversation engine (pacing, memory, intents) replaces it.
"""

from __future__ import annotations

from rich.console import Console

from viva.bank.model import Entry
from viva.cli import render
from viva.errors import UserError
from viva.service import Service

HELP = 'Ask any backend interview question. "next" gives another question on the same topic and level; "quit" leaves.'


def _next_entry(svc: Service, last: Entry | None, seen: set[str]) -> Entry | None:
    pool = svc.questions(last.topic if last else "python", [last.level.label] if last else [], None)
    return next((e for e in pool if e.id not in seen), None)


def run_loop(svc: Service, console: Console) -> None:
    console.print("[bold]viva[/bold] - your backend interview coach. " + HELP)
    last: Entry | None = None
    seen: set[str] = set()
    while True:
        try:
            line = console.input("[bold cyan]> [/bold cyan]")
        except (EOFError, KeyboardInterrupt):
            console.print("\nBye - good luck with the interview.")
            return
        text = line.strip()
        if not text:
            continue
        word = text.lower().strip(" .!?")
        if word in {"quit", "exit", "bye", "q"}:
            console.print("Bye - good luck with the interview.")
            return
        if word in {"help", "?"}:
            console.print(HELP)
            continue
        if word in {"next", "next question", "another", "another question"}:
            entry = _next_entry(svc, last, seen)
            if entry is None:
                console.print("That was the last question on this topic and level.")
                continue
            render.entry_brief(console, entry)
        else:
            try:
                ans = svc.ask(text)
            except UserError as exc:
                console.print(f"[yellow]{exc.message}[/yellow]")
                continue
            render.answer(console, ans)
            entry = ans.entry
            if entry is None:
                continue
        last = entry
        seen.add(entry.id)
