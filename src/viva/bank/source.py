"""Reading YAML text into plain values plus a map from value paths to line numbers.

The linter reports ``path:line`` for every problem, so the parser needs to know where each
field and list item came from. PyYAML's composer keeps marks on nodes; we construct the
values with the safe constructor and walk nodes and values side by side to record lines.
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

    def line(self, *keys: str | int) -> int:
        """The line of the deepest recorded prefix of ``keys`` (1 when nothing is known)."""
        for cut in range(len(keys), -1, -1):
            got = self.lines.get(tuple(keys[:cut]))
            if got is not None:
                return got
        return 1


def _record(node: yaml.Node, path: PathKey, lines: dict[PathKey, int]) -> None:
    lines[path] = node.start_mark.line + 1
    if isinstance(node, yaml.MappingNode):
        for key_node, value_node in node.value:
            if isinstance(key_node, yaml.ScalarNode):
                key = (*path, str(key_node.value))
                lines[key] = key_node.start_mark.line + 1
                _record(value_node, key, lines)
                lines[key] = key_node.start_mark.line + 1
    elif isinstance(node, yaml.SequenceNode):
        for i, item in enumerate(node.value):
            _record(item, (*path, i), lines)


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
    except yaml.YAMLError as exc:
        doc.error = f"YAML error: {exc}"
        return doc
    if node is None:
        doc.error = "the file is empty"
        return doc
    try:
        constructor = yaml.constructor.SafeConstructor()
        doc.value = constructor.construct_document(node)
    except yaml.YAMLError as exc:
        doc.error = f"YAML error: {exc}"
        doc.error_line = node.start_mark.line + 1
        return doc
    _record(node, (), doc.lines)
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
