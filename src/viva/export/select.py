"""Which entries an export holds: by id, topic, level or the saved plan, in a stable order.

Options combine as filters: ``--ids`` or ``--plan`` choose the entries (in that order),
``--topic`` and ``--level`` narrow them; with none given the whole bank is exported in the
bank's order. Unknown ids, topics and levels are errors with a suggestion, never skipped.
"""

from __future__ import annotations

from collections.abc import Sequence

from viva.app.library import Library, parse_level
from viva.bank.model import Entry
from viva.errors import UserError


def select(
    svc: Library,
    *,
    topics: Sequence[str] = (),
    levels: Sequence[str] = (),
    ids: Sequence[str] = (),
    plan_ids: Sequence[str] | None = None,
) -> list[Entry]:
    wanted_topics = {svc.topic(t).id for t in topics}
    wanted_levels = {parse_level(lv) for lv in levels}
    if ids:
        entries = [svc.entry(i) for i in dict.fromkeys(i.strip() for i in ids if i.strip())]
    elif plan_ids is not None:
        entries = [e for i in dict.fromkeys(plan_ids) if (e := svc.bank.get(i))]
    else:
        entries = list(svc.bank.entries)
    chosen = [
        e
        for e in entries
        if (not wanted_topics or e.topic in wanted_topics)
        and (not wanted_levels or e.level in wanted_levels)
    ]
    if not chosen:
        raise UserError("no entries match that selection", "see `viva questions` for what exists")
    return chosen


def title_for(topics: Sequence[str], levels: Sequence[str], plan: bool, ids: Sequence[str]) -> str:
    if plan:
        return "your study plan"
    parts = [", ".join(topics)] if topics else []
    if levels:
        parts.append(", ".join(levels))
    if ids and not parts:
        return "selected questions"
    return " - ".join(parts) if parts else "the whole bank"
