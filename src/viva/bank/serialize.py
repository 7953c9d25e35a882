"""Entries and topics as plain JSON-ready dicts (the ``--json`` contract's field names)."""

from __future__ import annotations

from typing import Any

from viva.bank.model import Entry, Topic


def entry_summary(entry: Entry) -> dict[str, Any]:
    return {
        "id": entry.id,
        "question": entry.question,
        "topic": entry.topic,
        "level": entry.level.label,
    }


def entry_dict(entry: Entry) -> dict[str, Any]:
    return {
        "id": entry.id,
        "topic": entry.topic,
        "subtopic": entry.subtopic,
        "level": entry.level.label,
        "type": entry.type.value,
        "frequency": entry.frequency.label,
        "question": entry.question,
        "variants": list(entry.variants),
        "compare": list(entry.compare),
        "tags": list(entry.tags),
        "short_answer": entry.short_answer,
        "answer": entry.answer,
        "simple": entry.simple,
        "examples": [{"title": x.title, "body": x.body} for x in entry.examples],
        "snippets": [
            {
                "id": s.id,
                "lang": s.lang,
                "code": s.code,
                "expected_output": s.expected_output,
                "check": s.check.value if s.check else None,
                "run": s.run,
                "note": s.note,
            }
            for s in entry.snippets
        ],
        "key_points": [
            {
                "id": k.id,
                "point": k.point,
                "weight": k.weight,
                "required": k.required,
                "phrases": list(k.phrases),
            }
            for k in entry.key_points
        ],
        "misconceptions": [
            {"claim": m.claim, "correction": m.correction} for m in entry.misconceptions
        ],
        "red_flags": list(entry.red_flags),
        "follow_ups": list(entry.follow_ups),
        "related": list(entry.related),
        "compare_with": list(entry.compare_with),
        "prerequisites": list(entry.prerequisites),
        "supersedes": entry.supersedes,
        "sources": [{"title": s.title, "url": s.url} for s in entry.sources],
        "applies_to": dict(entry.applies_to),
        "as_of": dict(entry.as_of),
    }


def topic_dict(topic: Topic, counts: dict[str, int] | None = None) -> dict[str, Any]:
    return {
        "id": topic.id,
        "name": topic.name,
        "aliases": list(topic.aliases),
        "subtopics": [
            {
                "id": s.id,
                "name": s.name,
                "summary": s.summary,
                **({"entries": counts.get(s.id, 0)} if counts is not None else {}),
            }
            for s in topic.subtopics
        ],
    }
