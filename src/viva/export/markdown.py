"""The Markdown study guide: numbered questions with everything needed to learn them.

Per entry: the question, a line of metadata, the short answer, the detailed answer, the
simple explanation, the examples, each snippet with the output it really printed, the key
points as a checklist and the common misconceptions. Plain CommonMark (fenced code, task
lists) so it reads well on GitHub and in any editor; the HTML export renders this text.
"""

from __future__ import annotations

from collections.abc import Sequence

from viva.bank.model import Bank, Entry
from viva.export.outputs import Output


def _fence(text: str, lang: str = "") -> str:
    ticks = "```"
    while ticks in text:  # code that itself contains a fence gets a longer one
        ticks += "`"
    return f"{ticks}{lang}\n{text.rstrip()}\n{ticks}"


def entry_markdown(n: int, e: Entry, bank: Bank, outputs: dict[tuple[str, str], Output]) -> str:
    topic = bank.topic(e.topic)
    sub = topic.subtopic(e.subtopic) if topic else None
    meta = " · ".join(
        [
            f"Topic: {topic.name if topic else e.topic}",
            f"Subtopic: {sub.name if sub else e.subtopic}",
            f"Level: {e.level.label}",
            f"Asked: {e.frequency.label}",
            f"`{e.id}`",
        ]
    )
    parts = [
        f"## {n}. {e.question}",
        f"*{meta}*",
        f"**In short:** {e.short_answer.strip()}",
        "### Answer",
        e.answer.strip(),
        "### In simple words",
        e.simple.strip(),
    ]
    if e.examples:
        parts.append("### Examples")
        parts.append(
            "\n".join(f"- **{x.title.strip()}:** {' '.join(x.body.split())}" for x in e.examples)
        )
    if e.snippets:
        parts.append("### Code")
        for s in e.snippets:
            parts.append(_fence(s.code, s.lang))
            out = outputs.get((e.id, s.id))
            if out is None:
                continue
            if out.ran:
                label = (
                    "Output (real, from running it):"
                    if out.ok
                    else (f"Output (real; it no longer matches the bank - {out.note}):")
                )
            else:
                label = f"Expected output (not run here: {out.note}):"
            parts.append(label)
            parts.append(_fence(out.text or "(no output)", "text"))
    parts.append("### Key points")
    parts.append("\n".join(f"- [ ] {k.point.strip()}" for k in e.key_points))
    if e.misconceptions:
        parts.append("### Common misconceptions")
        parts.append(
            "\n".join(
                f"- **Myth:** {m.claim.strip()}  \n  **Fact:** {m.correction.strip()}"
                for m in e.misconceptions
            )
        )
    return "\n\n".join(parts)


def guide(
    entries: Sequence[Entry], bank: Bank, outputs: dict[tuple[str, str], Output], title: str
) -> str:
    """The whole study guide as one Markdown document."""
    head = [
        f"# Study guide: {title}",
        f"{len(entries)} question(s) from the viva question bank. Code output is what the code "
        "printed when this guide was made. Tick the key points you can say without looking.",
    ]
    toc = "\n".join(f"{i}. {e.question}" for i, e in enumerate(entries, 1))
    body = [entry_markdown(i, e, bank, outputs) for i, e in enumerate(entries, 1)]
    return "\n\n".join([*head, "## Contents", toc, *body]) + "\n"
