"""The loader: the only code that reads ``content/``.

It reads every topic folder, parses each file and returns the bank together with every
problem found, so that a broken file costs its own entry and a clear ``file:line`` message
rather than the whole bank.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from viva.bank.model import Bank, Entry, Topic
from viva.bank.parse import parse_entry, parse_topic
from viva.bank.rules import check_bank, check_entry
from viva.bank.source import SourceDoc, read_source
from viva.errors import Problem

MAX_FILE_BYTES = 1_000_000


@dataclass(slots=True)
class Loaded:
    """A loaded bank with the problems found and the parsed documents (for line lookups)."""

    bank: Bank
    problems: list[Problem] = field(default_factory=list)
    entry_docs: dict[str, SourceDoc] = field(default_factory=dict)

    @property
    def errors(self) -> list[Problem]:
        return [p for p in self.problems if p.severity == "error"]


def content_files(root: Path) -> list[Path]:
    """Every YAML file of the bank, in a stable order (the cache key hashes these).

    Only regular files inside the content folder: a link to a file elsewhere (or to a
    device) is never read; ``outside_links`` names them for the linter.
    """
    if not root.is_dir():
        return []
    base = root.resolve()
    linked: dict[Path, bool] = {}  # topic folder -> is a link

    def inside(p: Path) -> bool:
        # a file that is no link, in a topic folder that is no link, is inside: only links
        # need resolving (resolving all 1,000 files of a large bank took ~35 ms a start)
        if p.parent not in linked:
            linked[p.parent] = p.parent.is_symlink()
        return (not linked[p.parent] and not p.is_symlink()) or _inside(p, base)

    return sorted(p for p in root.glob("*/*.yaml") if inside(p) and p.is_file())


def _inside(path: Path, base: Path) -> bool:
    try:
        return path.resolve().is_relative_to(base)
    except (OSError, RuntimeError):  # a link loop
        return False


def outside_links(root: Path) -> list[Path]:
    """Content files (or topic folders) that are links pointing outside the content folder."""
    if not root.is_dir():
        return []
    base = root.resolve()
    return sorted(p for p in root.glob("*/*.yaml") if not _inside(p, base))


def _read(path: Path, root: Path) -> SourceDoc:
    rel = str(path.relative_to(root.parent)) if root.parent in path.parents else str(path)
    try:
        size = path.stat().st_size
        if size > MAX_FILE_BYTES:
            return SourceDoc(rel, error=f"the file is {size} bytes (max {MAX_FILE_BYTES})")
        with path.open("rb") as fh:  # read at most the limit, whatever happens meanwhile
            raw = fh.read(MAX_FILE_BYTES + 1)
        if len(raw) > MAX_FILE_BYTES:
            return SourceDoc(rel, error=f"the file is over {MAX_FILE_BYTES} bytes")
        return read_source(raw, rel)
    except OSError as exc:
        return SourceDoc(rel, error=f"cannot read the file: {exc.strerror}")


def load(root: Path, *, content_rules: bool = True) -> Loaded:
    """Read and parse the whole bank under ``root``."""
    problems: list[Problem] = []
    topics: dict[str, tuple[Topic, SourceDoc]] = {}
    entries: list[tuple[Entry, SourceDoc]] = []
    folders: set[str] = set()
    if not root.is_dir():
        problems.append(Problem(str(root), 1, "V001", "the content folder does not exist"))
    for path in outside_links(root):
        rel = str(path.relative_to(root.parent))
        problems.append(Problem(rel, 1, "V004", "a link to a file outside the content folder"))
    for path in content_files(root):
        folder = path.parent.name
        folders.add(folder)
        doc = _read(path, root)
        if doc.error:
            problems.append(Problem(doc.path, doc.error_line, doc.error_code, doc.error))
            continue
        if path.name == "_topic.yaml":
            topic, found = parse_topic(doc, folder)
            problems.extend(found)
            if topic:
                topics[folder] = (topic, doc)
            continue
        entry, found = parse_entry(doc, folder, path.stem)
        problems.extend(found)
        if entry:
            entries.append((entry, doc))
    if content_rules:
        for entry, doc in entries:
            problems.extend(check_entry(entry, doc))
    problems.extend(check_bank(topics, entries, folders))
    # duplicates keep the first file; later ones are reported and dropped
    unique: dict[str, tuple[Entry, SourceDoc]] = {}
    for entry, doc in entries:
        unique.setdefault(entry.id, (entry, doc))
    bank = Bank.build([t for t, _ in topics.values()], [e for e, _ in unique.values()])
    problems.sort(key=lambda p: (p.path, p.line, p.code))
    return Loaded(bank, problems, {eid: d for eid, (_, d) in unique.items()})
