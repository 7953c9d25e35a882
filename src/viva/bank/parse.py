"""From parsed YAML documents to typed topics and entries, with schema problems.

This is the schema half of the linter: required fields, types and enum values. Problems
carry the file and line of the offending field (rule codes are listed in docs/lint-rules.md).
Content rules that need the whole bank (lengths, references, weights) live in ``rules``.
"""

from __future__ import annotations

import re
from typing import Any

from viva.bank.model import (
    Check,
    Entry,
    EntryId,
    EntryType,
    Example,
    Frequency,
    KeyPoint,
    Level,
    Misconception,
    Snippet,
    Source,
    Subtopic,
    Topic,
    TopicId,
)
from viva.bank.source import SourceDoc
from viva.errors import Problem

KEBAB = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
# one "<tech> <version>" item of a text ``as_of``, e.g. "django 5.1" or "Python 3.12.4"
AS_OF_ITEM = re.compile(r"^(?P<tech>[A-Za-z][\w.+/ -]*?)\s+v?(?P<version>\d+(?:\.\w+)*)$")

ENTRY_FIELDS = {
    "id",
    "topic",
    "subtopic",
    "level",
    "type",
    "frequency",
    "question",
    "variants",
    "compare",
    "tags",
    "short_answer",
    "answer",
    "simple",
    "examples",
    "snippets",
    "key_points",
    "misconceptions",
    "red_flags",
    "follow_ups",
    "related",
    "compare_with",
    "prerequisites",
    "supersedes",
    "sources",
    "applies_to",
    "as_of",
}
TOPIC_FIELDS = {"id", "name", "aliases", "subtopics"}


class _Reader:
    """Pulls typed fields out of one mapping and records problems with their lines."""

    def __init__(self, doc: SourceDoc, base: tuple[str | int, ...] = ()) -> None:
        self.doc = doc
        self.base = base
        value = doc.value
        for key in base:
            value = value[key]
        self.data: dict[str, Any] = value if isinstance(value, dict) else {}
        self.problems: list[Problem] = []

    def problem(self, code: str, message: str, *keys: str | int) -> None:
        line = self.doc.line(*self.base, *keys)
        self.problems.append(Problem(self.doc.path, line, code, message))

    def sub(self, *keys: str | int) -> _Reader:
        reader = _Reader(self.doc, (*self.base, *keys))
        reader.problems = self.problems
        return reader

    def text(self, key: str, *, required: bool = True) -> str | None:
        value = self.data.get(key)
        if value is None:
            if required:
                self.problem("V011", f"missing required field '{key}'")
            return None
        if isinstance(value, bool) or not isinstance(value, str | int | float):
            self.problem("V012", f"'{key}' must be text", key)
            return None
        text = str(value).strip()
        if required and not text:
            self.problem("V011", f"'{key}' is empty", key)
            return None
        return text

    def strings(self, key: str) -> tuple[str, ...]:
        value = self.data.get(key)
        if value is None:
            return ()
        if not isinstance(value, list):
            self.problem("V012", f"'{key}' must be a list of text", key)
            return ()
        out: list[str] = []
        for i, item in enumerate(value):
            if isinstance(item, bool) or not isinstance(item, str | int | float):
                self.problem("V012", f"'{key}' item {i + 1} must be text", key, i)
            elif str(item).strip():
                out.append(str(item).strip())
        return tuple(out)

    def mappings(self, key: str, *, required: bool = True) -> list[_Reader]:
        value = self.data.get(key)
        if value is None:
            if required:
                self.problem("V011", f"missing required field '{key}'")
            return []
        if not isinstance(value, list):
            self.problem("V012", f"'{key}' must be a list", key)
            return []
        readers = []
        for i, item in enumerate(value):
            if not isinstance(item, dict):
                self.problem("V012", f"'{key}' item {i + 1} must be a mapping", key, i)
            else:
                readers.append(self.sub(key, i))
        return readers

    def unknown(self, allowed: set[str], what: str) -> None:
        for key in self.data:
            if key not in allowed:
                self.problem("V010", f"unknown field '{key}' in {what}", str(key))


def parse_topic(doc: SourceDoc, folder: str) -> tuple[Topic | None, list[Problem]]:
    """A ``_topic.yaml`` document to a Topic (None when it is unusable)."""
    if not isinstance(doc.value, dict):
        return None, [Problem(doc.path, 1, "V002", "a topic file must be a YAML mapping")]
    r = _Reader(doc)
    r.unknown(TOPIC_FIELDS, "a topic file")
    topic_id = r.text("id")
    name = r.text("name")
    if topic_id is not None and topic_id != folder:
        r.problem("V021", f"topic id '{topic_id}' does not match its folder '{folder}'", "id")
    subs: list[Subtopic] = []
    seen: set[str] = set()
    for s in r.mappings("subtopics"):
        sid, sname, summary = s.text("id"), s.text("name"), s.text("summary")
        if sid is None or sname is None or summary is None:
            continue
        if not KEBAB.match(sid):
            s.problem("V020", f"subtopic id '{sid}' is not kebab-case", "id")
        if sid in seen:
            s.problem("V022", f"duplicate subtopic id '{sid}'", "id")
        seen.add(sid)
        subs.append(Subtopic(sid, sname, summary, s.strings("aliases")))
    if not subs and not any(p.code == "V011" for p in r.problems):
        r.problem("V025", "a topic needs at least one subtopic", "subtopics")
    if topic_id is None or name is None:
        return None, r.problems
    return Topic(TopicId(topic_id), name, r.strings("aliases"), tuple(subs)), r.problems


def _enum(r: _Reader, key: str, parse: Any, allowed: list[str]) -> Any:
    text = r.text(key)
    if text is None:
        return None
    try:
        return parse(text)
    except (KeyError, ValueError):
        r.problem("V013", f"'{key}' must be one of {', '.join(allowed)}, not '{text}'", key)
        return None


def _snippets(r: _Reader) -> tuple[Snippet, ...]:
    out: list[Snippet] = []
    for s in r.mappings("snippets", required=False):
        sid, lang, code = s.text("id"), s.text("lang"), s.data.get("code")
        if not isinstance(code, str) or not code.strip():
            s.problem("V011", "a snippet needs 'code' text")
            continue
        run = s.data.get("run", True)
        if not isinstance(run, bool):
            s.problem("V012", "'run' must be true or false", "run")
            run = False
        check = None
        if s.data.get("check") is not None or run:
            check = _enum(s, "check", Check, [c.value for c in Check])
        expected = s.data.get("expected_output")
        if expected is not None and not isinstance(expected, str | int | float):
            s.problem("V012", "'expected_output' must be text", "expected_output")
            expected = None
        if run and expected is None:
            s.problem("V055", "a snippet with run: true needs 'expected_output'")
        if sid is None or lang is None:
            continue
        note = s.text("note", required=False)
        out.append(
            Snippet(
                sid,
                lang.lower(),
                code,
                None if expected is None else str(expected),
                check,
                run,
                note,
            )
        )
    return tuple(out)


def _as_of(r: _Reader) -> tuple[tuple[str, str], ...]:
    """``as_of``: ``{django: "5.1"}`` or text like ``"django 5.1, python 3.12"``."""
    raw = r.data.get("as_of")
    if raw is None:
        return ()
    hint = "'as_of' must be a mapping like {django: '5.1'} or text like 'django 5.1'"
    pairs: list[tuple[str, str]] = []
    if isinstance(raw, dict):
        for tech, version in raw.items():
            if not isinstance(version, str) or not version.strip():
                # an unquoted 3.10 is the number 3.1 to YAML: versions must be quoted text
                r.problem("V012", f"{hint}; quote the version of '{tech}'", "as_of", str(tech))
                continue
            pairs.append((str(tech), version.strip()))
    elif isinstance(raw, str):
        for item in re.split(r"[,;]", raw):
            match = AS_OF_ITEM.match(item.strip())
            if match is None:
                r.problem("V012", f"{hint}, not '{item.strip()}'", "as_of")
                continue
            pairs.append((match["tech"].strip(), match["version"]))
    else:
        r.problem("V012", hint, "as_of")
    return tuple(sorted(pairs))


def parse_entry(doc: SourceDoc, folder: str, slug: str) -> tuple[Entry | None, list[Problem]]:
    """An entry document to an Entry (None when a required field is unusable)."""
    if not isinstance(doc.value, dict):
        return None, [Problem(doc.path, 1, "V002", "an entry file must be a YAML mapping")]
    r = _Reader(doc)
    r.unknown(ENTRY_FIELDS, "an entry")
    entry_id = r.text("id")
    if entry_id is not None:
        topic_part, _, slug_part = entry_id.partition(".")
        if not slug_part or not KEBAB.match(slug_part) or not KEBAB.match(topic_part):
            r.problem("V020", f"id '{entry_id}' is not '<topic>.<kebab-case-slug>'", "id")
        elif (topic_part, slug_part) != (folder, slug):
            r.problem(
                "V021",
                f"id '{entry_id}' does not match its file (expected '{folder}.{slug}')",
                "id",
            )
    topic = r.text("topic")
    if topic is not None and topic != folder:
        r.problem("V021", f"topic '{topic}' does not match its folder '{folder}'", "topic")
    subtopic = r.text("subtopic")
    level = _enum(r, "level", Level.parse, [lv.label for lv in Level])
    etype = _enum(r, "type", EntryType, [t.value for t in EntryType])
    freq = _enum(r, "frequency", lambda t: Frequency[t.upper()], [f.label for f in Frequency])
    question, short, answer, simple = (
        r.text(k) for k in ("question", "short_answer", "answer", "simple")
    )

    examples = []
    for e in r.mappings("examples"):
        title, body = e.text("title"), e.text("body")
        if title and body:
            examples.append(Example(title, body))
    points = []
    for k in r.mappings("key_points"):
        kid, point = k.text("id"), k.text("point")
        weight = k.data.get("weight")
        if isinstance(weight, bool) or not isinstance(weight, int):
            k.problem("V012", "'weight' must be a whole number", "weight")
            weight = 0
        required = k.data.get("required", False)
        if not isinstance(required, bool):
            k.problem("V012", "'required' must be true or false", "required")
            required = False
        if kid and point:
            points.append(KeyPoint(kid, point, weight, required, k.strings("phrases")))
    misconceptions = []
    for m in r.mappings("misconceptions"):
        claim, correction = m.text("claim"), m.text("correction")
        if claim and correction:
            misconceptions.append(Misconception(claim, correction))
    sources = []
    for s in r.mappings("sources"):
        title, url = s.text("title"), s.text("url")
        if title and url:
            sources.append(Source(title, url))
    applies: list[tuple[str, str]] = []
    raw_applies = r.data.get("applies_to")
    if isinstance(raw_applies, dict):
        applies = sorted((str(k), str(v)) for k, v in raw_applies.items())
    elif raw_applies is not None:
        r.problem("V012", "'applies_to' must be a mapping like {python: '>=3.8'}", "applies_to")
    as_of = _as_of(r)
    snippets = _snippets(r)

    needed = (entry_id, topic, subtopic, level, etype, freq, question, short, answer, simple)
    if any(v is None for v in needed):
        return None, r.problems
    assert entry_id and topic and subtopic and question and short and answer and simple
    entry = Entry(
        id=EntryId(entry_id),
        topic=TopicId(topic),
        subtopic=subtopic,
        level=level,
        type=etype,
        frequency=freq,
        question=question,
        short_answer=short,
        answer=answer,
        simple=simple,
        examples=tuple(examples),
        key_points=tuple(points),
        misconceptions=tuple(misconceptions),
        sources=tuple(sources),
        variants=r.strings("variants"),
        compare=r.strings("compare"),
        tags=r.strings("tags"),
        snippets=snippets,
        red_flags=r.strings("red_flags"),
        follow_ups=r.strings("follow_ups"),
        related=r.strings("related"),
        compare_with=r.strings("compare_with"),
        prerequisites=r.strings("prerequisites"),
        supersedes=r.text("supersedes", required=False),
        applies_to=tuple(applies),
        as_of=as_of,
    )
    return entry, r.problems
