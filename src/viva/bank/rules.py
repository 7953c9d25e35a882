"""Content rules over a whole bank: the linter's checks beyond the schema.

Each rule has a stable code (documented in docs/lint-rules.md) and reports the file and line
of the field it is about. Rules that are SHOULDs in the spec report warnings, which do not
fail ``viva bank lint`` unless ``--strict`` is given.
"""

from __future__ import annotations

import re
import sys
from collections.abc import Iterator

import yaml

from viva.bank.html_rule import check_raw_html
from viva.bank.model import Entry, EntryType, Topic
from viva.bank.source import SourceDoc
from viva.errors import Problem

SPEAKABLE_FORBIDDEN = set("`*#[]{}<>=_|\\~")
CODE_TOPICS = {"python", "django", "flask", "fastapi"}
FENCE = re.compile(r"```.*?```", re.DOTALL)
URL = re.compile(r"^https?://[^\s/$.?#].[^\s]*$")
# one clause of a version constraint: ">=3.12", "==3.13.1", "3.12" (a bare version)
VERSION_CLAUSE = re.compile(r"^\s*(?P<op>~=|===|==|>=|<=|!=|>|<)?\s*v?(?P<version>\d+(?:\.\d+)*)")


def words(text: str) -> int:
    """Words of prose, leaving fenced code blocks out."""
    return len(FENCE.sub(" ", text).split())


def check_entry(entry: Entry, doc: SourceDoc) -> Iterator[Problem]:
    """Rules that look at one entry on its own."""

    def at(code: str, msg: str, *keys: str | int, warn: bool = False) -> Problem:
        sev = "warning" if warn else "error"
        return Problem(doc.path, doc.line(*keys), code, msg, sev)

    if len(entry.question) > 300:
        yield at("V030", f"question is {len(entry.question)} characters (max 300)", "question")
    n = words(entry.short_answer)
    if n > 60:
        yield at("V031", f"short_answer has {n} words (max 60)", "short_answer")
    n = words(entry.simple)
    if n > 80:
        yield at("V032", f"simple has {n} words (max 80)", "simple")
    n = words(entry.answer)
    if not 120 <= n <= 600:
        yield at("V033", f"answer has {n} words of prose (120-600)", "answer")
    for key in ("short_answer", "simple"):
        bad = sorted(set(getattr(entry, key)) & SPEAKABLE_FORBIDDEN)
        if bad:
            chars = " ".join(bad)
            yield at("V034", f"{key} is read aloud but contains code/markdown ({chars})", key)
    if len(entry.examples) < 2:
        yield at("V035", f"{len(entry.examples)} example(s); at least 2 needed", "examples")
    if len(entry.variants) < 2:
        yield at("V036", "fewer than 2 variants", "variants", warn=True)
    if not 3 <= len(entry.key_points) <= 7:
        yield at("V040", f"{len(entry.key_points)} key points (3-7 needed)", "key_points")
    total = sum(k.weight for k in entry.key_points)
    if entry.key_points and total != 100:
        yield at("V041", f"key point weights sum to {total}, not 100", "key_points")
    if entry.key_points and not any(k.required for k in entry.key_points):
        yield at("V042", "no key point is required: true", "key_points")
    seen: set[str] = set()
    for i, k in enumerate(entry.key_points):
        if not k.phrases:
            yield at("V043", f"key point '{k.id}' has no phrases", "key_points", i)
        if k.id in seen:
            yield at("V043", f"duplicate key point id '{k.id}'", "key_points", i)
        seen.add(k.id)
        if k.weight <= 0:
            yield at("V041", f"key point '{k.id}' has weight {k.weight}", "key_points", i)
    if not entry.misconceptions:
        yield at("V044", "at least one misconception is needed", "misconceptions")
    if entry.type is EntryType.COMPARE and len(entry.compare) < 2:
        yield at("V045", "a compare entry must name 2+ things in 'compare'", "compare")
    if not entry.sources:
        yield at("V046", "at least one source is needed", "sources")
    for i, s in enumerate(entry.sources):
        if not URL.match(s.url):
            yield at("V046", f"source url '{s.url}' is not an http(s) address", "sources", i)
    if not entry.red_flags:
        yield at("V037", "no red_flags", "red_flags", warn=True)
    if not entry.follow_ups:
        yield at("V037", "no follow_ups", "follow_ups", warn=True)
    if entry.topic in CODE_TOPICS and not any(s.run for s in entry.snippets):
        yield at("V038", "no runnable snippet in a code topic", "snippets", warn=True)
    yield from _python_release_rule(entry, doc)
    yield from _snippet_rules(entry, doc)
    yield from check_raw_html(entry, doc)


def _python_release_rule(entry: Entry, doc: SourceDoc) -> Iterator[Problem]:
    """V057: a claim about a Python release newer than the interpreter running the snippets.

    Only lower bounds and exact versions count (``>=3.13``, ``==3.13``, ``3.13``); an upper
    bound such as ``<3.13`` names no release the claim needs.
    """
    here = tuple(sys.version_info[:3])
    for key in ("applies_to", "as_of"):
        for tech, spec in getattr(entry, key):
            if tech.strip().lower() not in ("python", "cpython"):
                continue
            for clause in spec.split(","):
                m = VERSION_CLAUSE.match(clause)
                if m is None or m["op"] in ("<", "<=", "!="):
                    continue
                named = tuple(int(part) for part in m["version"].split("."))
                if named > here[: len(named)]:
                    running = ".".join(map(str, here))
                    yield Problem(
                        doc.path,
                        doc.line(key, tech),
                        "V057",
                        f"{key} names Python {m['version']}, newer than the Python {running}"
                        " that runs the snippets; its claim cannot be checked here",
                        "warning",
                    )
                    break


def _snippet_rules(entry: Entry, doc: SourceDoc) -> Iterator[Problem]:
    seen: set[str] = set()
    for i, s in enumerate(entry.snippets):
        line = doc.line("snippets", i)
        if s.id in seen:
            yield Problem(doc.path, line, "V056", f"duplicate snippet id '{s.id}'")
        seen.add(s.id)
        if s.run and s.lang != "python":
            yield Problem(doc.path, line, "V055", f"only python snippets can run ({s.lang})")
        if not s.run and not s.note:
            yield Problem(doc.path, line, "V054", f"snippet '{s.id}' has run: false but no note")
        if s.lang == "yaml":
            try:
                list(yaml.safe_load_all(s.code))
            except yaml.YAMLError as exc:
                mark = getattr(exc, "problem_mark", None)
                where = doc.line("snippets", i, "code") + (mark.line + 1 if mark else 0)
                yield Problem(doc.path, where, "V053", f"YAML snippet '{s.id}' does not parse")


def check_bank(
    topics: dict[str, tuple[Topic, SourceDoc]],
    entries: list[tuple[Entry, SourceDoc]],
    folders: set[str],
) -> Iterator[Problem]:
    """Rules across entries: unique ids, subtopics and references that resolve."""
    for folder in sorted(folders - set(topics)):
        yield Problem(
            f"{folder}/_topic.yaml", 1, "V025", f"topic folder '{folder}' has no _topic.yaml"
        )
    first: dict[str, SourceDoc] = {}
    for entry, doc in entries:
        if entry.id in first:
            other = first[entry.id]
            yield Problem(
                doc.path,
                doc.line("id"),
                "V022",
                f"duplicate id '{entry.id}' (also in {other.path}:{other.line('id')})",
            )
        else:
            first[entry.id] = doc
    for entry, doc in entries:
        topic = topics.get(entry.topic)
        if topic and topic[0].subtopic(entry.subtopic) is None:
            yield Problem(
                doc.path,
                doc.line("subtopic"),
                "V023",
                f"subtopic '{entry.subtopic}' is not in {entry.topic}/_topic.yaml",
            )
        for key in ("related", "compare_with", "prerequisites"):
            for i, ref in enumerate(getattr(entry, key)):
                if ref not in first:
                    yield Problem(
                        doc.path, doc.line(key, i), "V024", f"{key} id '{ref}' does not exist"
                    )
        if entry.supersedes and entry.supersedes == entry.id:
            yield Problem(
                doc.path, doc.line("supersedes"), "V024", "an entry cannot supersede itself"
            )
