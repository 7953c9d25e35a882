"""An intent described in the dev set's terms (kind and slots), for scoring and tests. Pure."""

from __future__ import annotations

from viva.understand.devset import Reading
from viva.understand.intents import Intent, Kind

_NAMES = {Kind.ATTEMPT: "grade"}


def reading(intent: Intent) -> Reading:
    slots: dict[str, str] = {}
    if intent.topic:
        slots["topic"] = intent.topic
    if intent.levels:
        first, last = intent.levels[0].label, intent.levels[-1].label
        slots["levels"] = first if first == last else f"{first}..{last}"
    if intent.count is not None:
        slots["count"] = str(intent.count)
    if intent.number is not None:
        slots["number"] = str(intent.number)
    if intent.persistent:
        slots["persistent"] = "yes"
    facts = intent.facts or ((intent.fact,) if intent.fact else ())
    if intent.kind is Kind.PROFILE and facts:
        slots["key"] = ",".join(k for k, _ in facts)
    return Reading(_NAMES.get(intent.kind, intent.kind.value), slots)
