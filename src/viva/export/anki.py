"""The Anki deck (.apkg via genanki): one note per entry, tagged by topic, subtopic and level.

Ids are stable so that importing a newer export updates the notes instead of adding copies:
the note type and deck ids are fixed numbers, and each note's GUID is derived from the
entry id (which never changes, by the content spec). Front: the question; back: the short
answer, the detailed answer, key points and misconceptions, with code highlighted inline
(Anki shows no external stylesheet).
"""

from __future__ import annotations

import html
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from viva.bank.model import Bank, Entry
from viva.export.outputs import Output

MODEL_ID = 1_718_200_001  # never change: Anki matches note types by this id
DECK_ID = 1_718_200_002
MODEL_NAME = "viva question"
FIELDS = ["Question", "Answer", "Id", "Topic", "Subtopic", "Level"]
CARD_CSS = """.card { font-family: system-ui, sans-serif; font-size: 17px; text-align: left;
  max-width: 42em; margin: auto; } pre { white-space: pre-wrap; font-size: 13px; }
.short { font-weight: 600; } .meta { color: #777; font-size: 12px; }"""


def _md(text: str) -> str:
    from viva.export.safe_md import render

    return str(
        render(
            text,
            extensions=["fenced_code", "codehilite", "sane_lists"],
            extension_configs={"codehilite": {"noclasses": True, "guess_lang": False}},
        )
    )


def back(e: Entry, outputs: dict[tuple[str, str], Output]) -> str:
    parts = [f'<p class="short">{html.escape(e.short_answer.strip())}</p>', _md(e.answer)]
    parts.append(f"<p><i>In simple words:</i> {html.escape(e.simple.strip())}</p>")
    for s in e.snippets:
        parts.append(_md(f"```{s.lang}\n{s.code.rstrip()}\n```"))
        out = outputs.get((e.id, s.id))
        if out is not None:
            parts.append(f"<pre>{html.escape(out.text.rstrip() or '(no output)')}</pre>")
    points = "".join(f"<li>{html.escape(k.point)}</li>" for k in e.key_points)
    parts.append(f"<p><b>Key points</b></p><ul>{points}</ul>")
    myths = "".join(
        f"<li>Myth: {html.escape(m.claim)}<br>Fact: {html.escape(m.correction)}</li>"
        for m in e.misconceptions
    )
    if myths:
        parts.append(f"<p><b>Common misconceptions</b></p><ul>{myths}</ul>")
    return "\n".join(parts)


def tags(e: Entry) -> list[str]:
    return [f"viva::{e.topic}", f"viva::{e.topic}::{e.subtopic}", f"level::{e.level.label}"]


def write_deck(
    path: Path,
    entries: Sequence[Entry],
    bank: Bank,
    outputs: dict[tuple[str, str], Output],
    deck_name: str,
    timestamp: float | None = None,
) -> None:
    """Write the .apkg to ``path`` (the caller makes it atomic)."""
    import genanki

    model = genanki.Model(
        MODEL_ID,
        MODEL_NAME,
        fields=[{"name": f} for f in FIELDS],
        templates=[
            {
                "name": "Question -> answer",
                "qfmt": '<div class="meta">{{Topic}} · {{Subtopic}} · {{Level}}</div>{{Question}}',
                "afmt": '{{FrontSide}}<hr id="answer">{{Answer}}',
            }
        ],
        css=CARD_CSS,
        sort_field_index=0,
    )
    deck = genanki.Deck(DECK_ID, deck_name)
    for e in entries:
        topic = bank.topic(e.topic)
        fields: list[Any] = [
            html.escape(e.question),
            back(e, outputs),
            html.escape(e.id),
            html.escape(topic.name if topic else e.topic),
            html.escape(e.subtopic),
            e.level.label,
        ]
        deck.add_note(
            genanki.Note(
                model=model, fields=fields, tags=tags(e), guid=genanki.guid_for("viva", e.id)
            )
        )
    genanki.Package(deck).write_to_file(str(path), timestamp=timestamp)
