"""Rich rendering of answers, entries, lists and stats for the terminal.

Every function takes a ``Console`` so tests can render to a ``StringIO`` at a fixed width
and compare with golden text.
"""

from __future__ import annotations

from rich.console import Console, Group
from rich.markdown import Markdown
from rich.panel import Panel
from rich.table import Table
from rich.text import Text

from viva.app.library import Answer
from viva.bank.model import Entry, Topic


def entry_brief(console: Console, entry: Entry) -> None:
    """Question, short answer, simple words and the first example (what `ask` shows)."""
    parts: list[Text | Markdown] = [
        Text(entry.short_answer),
        Text(""),
        Text.assemble(("In simple words: ", "bold"), entry.simple),
    ]
    if entry.examples:
        ex = entry.examples[0]
        parts += [
            Text(""),
            Text.assemble(("Example - ", "bold"), (ex.title, "italic"), ": ", ex.body),
        ]
    title = f"{entry.question}  [dim]({entry.topic} · {entry.level.label} · {entry.id})[/dim]"
    console.print(Panel(Group(*parts), title=title, title_align="left", border_style="cyan"))


def answer(console: Console, ans: Answer) -> None:
    res = ans.result
    if res.understood and res.understood != " ".join(res.query.lower().split()):
        console.print(f"[dim]Understood: {res.understood}[/dim]")
    if ans.entry:
        entry_brief(console, ans.entry)
        others = [e for e, _ in ans.matches if e.id != ans.entry.id][:3]
        if others:
            console.print(
                "[dim]Related: " + "; ".join(f"{e.question} ({e.id})" for e in others) + "[/dim]"
            )
        console.print("[dim]More: viva show " + ans.entry.id + "[/dim]")
        return
    console.print("I don't have a good answer for that in the bank.")
    if ans.matches:
        console.print("Closest questions I do have:")
        for e, _ in ans.matches[:3]:
            console.print(f"  - {e.question} [dim]({e.id})[/dim]")
    if res.near_topics:
        console.print("Topics that look close: " + ", ".join(res.near_topics))
    elif not ans.matches:
        console.print("Try a topic from `viva topics`.")


def entry_full(console: Console, entry: Entry) -> None:
    console.print(f"[bold]{entry.question}[/bold]")
    console.print(
        f"[dim]{entry.id} · {entry.topic}/{entry.subtopic} · {entry.level.label} · "
        f"{entry.type.value} · asked {entry.frequency.label}[/dim]\n"
    )
    console.print(Text.assemble(("Short answer: ", "bold"), entry.short_answer), "")
    console.print(Markdown(entry.answer))
    console.print("")
    console.print(Text.assemble(("In simple words: ", "bold"), entry.simple), "")
    for i, ex in enumerate(entry.examples, 1):
        console.print(Text.assemble((f"Example {i} - {ex.title}: ", "bold"), ex.body))
    for s in entry.snippets:
        fence = "`" * 3
        console.print(Markdown(f"{fence}{s.lang}\n{s.code.rstrip()}\n{fence}"))
        if s.expected_output:
            console.print(
                Text("Output:", style="bold"), Text(s.expected_output.rstrip(), style="green")
            )
    console.print("\n[bold]Key points[/bold]")
    for k in entry.key_points:
        console.print(
            f"  [ ] {k.point}" + (" [dim](must)[/dim]" if k.required else ""), markup=False
        )
    console.print("\n[bold]Common misconceptions[/bold]")
    for m in entry.misconceptions:
        console.print(Text.assemble("  ✗ ", m.claim, "\n    ✓ ", (m.correction, "green")))
    if entry.follow_ups:
        console.print("\n[bold]Follow-up questions[/bold]")
        for f in entry.follow_ups:
            console.print(f"  - {f}", markup=False)
    console.print("\n[bold]Sources[/bold]")
    for src in entry.sources:
        console.print(f"  {src.title}: {src.url}", markup=False)


def questions(console: Console, entries: list[Entry]) -> None:
    table = Table(show_header=True, header_style="bold", box=None, pad_edge=False)
    for col in ("#", "question", "level", "id"):
        table.add_column(col, overflow="fold")
    for i, e in enumerate(entries, 1):
        table.add_row(str(i), e.question, e.level.label, e.id)
    console.print(table)


def topics(
    console: Console, all_topics: tuple[Topic, ...], counts: dict[str, dict[str, int]]
) -> None:
    table = Table(box=None, header_style="bold")
    for col in ("topic", "name", "beginner", "intermediate", "senior"):
        table.add_column(col)
    for t in all_topics:
        c = counts.get(t.id, {})
        table.add_row(
            t.id, t.name, *(str(c.get(k, 0)) for k in ("beginner", "intermediate", "senior"))
        )
    console.print(table)


def topic(console: Console, t: Topic, per_subtopic: dict[str, int]) -> None:
    console.print(f"[bold]{t.name}[/bold]: the subtopics, most important first\n")
    for i, s in enumerate(t.subtopics, 1):
        n = per_subtopic.get(s.id, 0)
        console.print(
            Text.assemble(f"{i:>2}. ", (s.name, "bold"), f" - {s.summary} ", (f"[{n} q]", "dim"))
        )
