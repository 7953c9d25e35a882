"""The pure core imports no I/O library and reads no clock or global randomness."""

from __future__ import annotations

import ast
from pathlib import Path

SRC = Path(__file__).resolve().parents[1] / "src" / "viva"
CORE = ("bank", "understand", "search", "session", "grade", "schedule", "plan")
FORBIDDEN_MODULES = {
    "sqlite3", "sqlalchemy", "alembic", "rich", "typer", "click", "fastapi", "starlette",
    "uvicorn", "subprocess", "socket", "requests", "httpx", "urllib", "sounddevice",
    "pocketsphinx", "pyaudio", "viva.cli", "viva.store", "viva.voice", "viva.service",
    "viva.sandbox", "viva.linting", "viva.export",
}  # fmt: skip
FORBIDDEN_CALLS = {("datetime", "now"), ("datetime", "utcnow"), ("time", "time"),
                   ("date", "today"), ("random", "random"), ("random", "choice"),
                   ("random", "shuffle"), ("random", "randint")}  # fmt: skip


def violations(source: str, filename: str = "<memory>") -> list[str]:
    """Every forbidden import or call in ``source``, as ``file:line: what``."""
    found: list[str] = []
    for node in ast.walk(ast.parse(source, filename)):
        names: list[str] = []
        if isinstance(node, ast.Import):
            names = [a.name for a in node.names]
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names = [node.module]
        for name in names:
            if any(name == bad or name.startswith(bad + ".") for bad in FORBIDDEN_MODULES):
                found.append(f"{filename}:{node.lineno}: imports {name}")
        if (
            isinstance(node, ast.Call)
            and isinstance(node.func, ast.Attribute)
            and isinstance(node.func.value, ast.Name)
            and (node.func.value.id, node.func.attr) in FORBIDDEN_CALLS
        ):
            found.append(f"{filename}:{node.lineno}: calls {node.func.value.id}.{node.func.attr}()")
    return found


def core_files() -> list[Path]:
    return sorted(p for pkg in CORE for p in (SRC / pkg).rglob("*.py"))


def test_core_is_pure() -> None:
    files = core_files()
    assert len(files) >= 8, "the core packages should exist"
    problems = [v for f in files for v in violations(f.read_text(), str(f.relative_to(SRC)))]
    assert problems == []


def test_checker_catches_io_imports_and_clock_calls() -> None:
    bad = "import sqlite3\nfrom rich.console import Console\nfrom datetime import datetime\nx = datetime.now()\n"
    assert violations(bad) == [
        "<memory>:1: imports sqlite3",
        "<memory>:2: imports rich.console",
        "<memory>:4: calls datetime.now()",
    ]


def test_every_module_says_what_it_owns() -> None:
    missing = []
    for path in SRC.rglob("*.py"):
        if path.name == "__main__.py":
            continue
        if ast.get_docstring(ast.parse(path.read_text())) is None:
            missing.append(str(path.relative_to(SRC)))
    assert missing == []


def test_no_god_files() -> None:
    long = {
        str(p.relative_to(SRC)): n
        for p in SRC.rglob("*.py")
        if (n := len(p.read_text().splitlines())) > 450
    }
    assert long == {}
