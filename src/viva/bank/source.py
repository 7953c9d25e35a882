"""Reading YAML text into plain values plus a map from value paths to line numbers.

The linter reports ``path:line`` for every problem, so the parser needs to know where each
field and list item came from. PyYAML's composer keeps marks on nodes; we walk the nodes once
to record lines (refusing anchors and aliases, which would make the walk exponential, and
absurd nesting), then construct the values with the safe constructor.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import yaml

try:  # the C composer is several times faster; fall back where libyaml is missing
    from yaml import CSafeLoader as _Loader
except ImportError:  # pragma: no cover - depends on how PyYAML was built
    from yaml import SafeLoader as _Loader  # type: ignore[assignment]

PathKey = tuple[str | int, ...]


@dataclass(slots=True)
class SourceDoc:
    """One parsed file: its value, line map, or the reason it could not be read."""

    path: str
    value: Any = None
    lines: dict[PathKey, int] = field(default_factory=dict)
    error: str | None = None
    error_line: int = 1
    error_code: str = "V001"

    def line(self, *keys: str | int) -> int:
        """The line of the deepest recorded prefix of ``keys`` (1 when nothing is known)."""
        for cut in range(len(keys), -1, -1):
            got = self.lines.get(tuple(keys[:cut]))
            if got is not None:
                return got
        return 1


MAX_DEPTH = 40  # an entry nests a few levels; deeper is a mistake or an attack


class _Refused(Exception):
    def __init__(self, message: str, line: int) -> None:
        super().__init__(message)
        self.message, self.line = message, line


def _record(root: yaml.Node, lines: dict[PathKey, int]) -> None:
    """Line numbers of every field and item, walking each node once.

    An alias makes the composer reuse a node, so a node met twice is an alias: refused,
    because following aliases turns a 300-byte file into gigabytes (the "billion laughs").
    """
    seen: set[int] = set()
    # (node, its path, the line that refers to it: an alias's own mark is its anchor's)
    stack: list[tuple[yaml.Node, PathKey, int]] = [(root, (), root.start_mark.line + 1)]
    while stack:
        node, path, where = stack.pop()
        if id(node) in seen:
            raise _Refused(ALIAS_MESSAGE, where)
        seen.add(id(node))
        if len(path) > MAX_DEPTH:
            raise _Refused(f"nested more than {MAX_DEPTH} levels deep", where)
        lines.setdefault(path, node.start_mark.line + 1)
        if isinstance(node, yaml.MappingNode):
            for key_node, value_node in node.value:
                line = key_node.start_mark.line + 1
                if id(key_node) in seen:
                    raise _Refused(ALIAS_MESSAGE, line)
                seen.add(id(key_node))
                key = (*path, str(key_node.value) if isinstance(key_node, yaml.ScalarNode) else "?")
                lines[key] = line
                stack.append((value_node, key, line))
        elif isinstance(node, yaml.SequenceNode):
            line = node.start_mark.line + 1
            stack.extend(((item, (*path, i), line) for i, item in enumerate(node.value)))


ALIAS_MESSAGE = "YAML anchors and aliases (&name, *name, <<) are not allowed in content"


def parse_yaml(text: str, path: str) -> SourceDoc:
    """Parse one YAML document; syntax errors become ``error`` with their line."""
    doc = SourceDoc(path=path)
    try:
        node = yaml.compose(text, Loader=_Loader)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        doc.error = f"YAML syntax error: {exc.problem or exc.context}"
        doc.error_line = (mark.line + 1) if mark else 1
        return doc
    except (yaml.YAMLError, RecursionError) as exc:
        doc.error = (
            "YAML error: nested too deeply"
            if isinstance(exc, RecursionError)
            else (f"YAML error: {exc}")
        )
        return doc
    if node is None:
        doc.error = "the file is empty"
        return doc
    try:  # lines first: the walk refuses aliases before anything follows them
        _record(node, doc.lines)
    except _Refused as exc:
        doc.lines.clear()
        doc.error, doc.error_line, doc.error_code = exc.message, exc.line, "V003"
        return doc
    try:
        constructor = yaml.constructor.SafeConstructor()
        doc.value = constructor.construct_document(node)
    except yaml.YAMLError as exc:
        doc.error = f"YAML error: {exc}"
        doc.error_line = node.start_mark.line + 1
        return doc
    return doc


def read_source(raw: bytes, path: str) -> SourceDoc:
    """Bytes to a parsed document, refusing binary and non-UTF-8 files with a reason."""
    if b"\x00" in raw:
        return SourceDoc(path=path, error="the file is binary, not YAML text")
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        return SourceDoc(path=path, error="the file is not UTF-8 text", error_line=line)
    return parse_yaml(text, path)
