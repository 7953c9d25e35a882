"""The layers keep their shape (docs/architecture.md): the pure core imports no I/O library,
no edge and no use case, and reads no clock or global randomness; the application layer
imports no front end; front ends reach the database only through the application layer; no
module imports itself back through others; no file is too long to read."""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

SRC = Path(__file__).resolve().parents[1] / "src" / "viva"
CORE = ("bank", "understand", "search", "session", "grade", "schedule", "plan")
FORBIDDEN_MODULES = {
    "sqlite3",
    "sqlalchemy",
    "alembic",
    "rich",
    "typer",
    "click",
    "fastapi",
    "starlette",
    "uvicorn",
    "subprocess",
    "socket",
    "requests",
    "httpx",
    "urllib",
    "sounddevice",
    "pocketsphinx",
    "pyaudio",
    "viva.cli",
    "viva.store",
    "viva.voice",
    "viva.app",
    "viva.web",
    "viva.sandbox",
    "viva.linting",
    "viva.export",
}
FORBIDDEN_CALLS = {
    ("datetime", "now"),
    ("datetime", "utcnow"),
    ("time", "time"),
    ("date", "today"),
    ("random", "random"),
    ("random", "choice"),
    ("random", "shuffle"),
    ("random", "randint"),
}


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


FRONT_ENDS = ("cli", "web")


def module_of(path: Path) -> str:
    parts = list(path.relative_to(SRC.parent).with_suffix("").parts)
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


MODULES = {module_of(p): p for p in SRC.rglob("*.py")}


def imports_of(source: str, known: dict[str, Path] | None = None) -> dict[str, int]:
    """viva modules ``source`` imports (at any depth, lazily or not) -> first line; imports
    only for type checkers are left out (they never run)."""
    known = MODULES if known is None else known
    tree = ast.parse(source)
    typing_only: set[int] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.If) and "TYPE_CHECKING" in ast.unparse(node.test):
            typing_only |= {id(n) for n in ast.walk(node)}
    found: dict[str, int] = {}
    for node in ast.walk(tree):
        if id(node) in typing_only:
            continue
        names: list[str] = []
        if isinstance(node, ast.Import):
            names = [a.name for a in node.names]
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names = [node.module, *(f"{node.module}.{a.name}" for a in node.names)]
        for name in names:
            while name and name not in known:
                name = name.rpartition(".")[0]
            if name:
                found.setdefault(name, node.lineno)
    return found


def layer_breaks(importer: str, imported: str) -> str | None:
    """Why ``importer`` may not import ``imported``, or None."""
    top = importer.split(".")[1] if "." in importer else ""
    target = imported.split(".")[1] if "." in imported else ""
    if top == "app" and target in FRONT_ENDS:
        return "the application layer imports a front end"
    if top in FRONT_ENDS and target == "store":
        return "a front end imports the store (go through viva.app)"
    return None


def test_layers() -> None:
    problems = [
        f"{path.relative_to(SRC)}:{line}: {why} ({name})"
        for mod, path in MODULES.items()
        for name, line in imports_of(path.read_text()).items()
        if (why := layer_breaks(mod, name))
    ]
    assert problems == []


def test_layer_rules_catch_what_they_forbid() -> None:
    assert layer_breaks("viva.app.plans", "viva.cli.render") is not None
    assert layer_breaks("viva.cli.memory", "viva.store.db") is not None
    assert layer_breaks("viva.web.pages", "viva.store.values") is not None
    assert layer_breaks("viva.cli.memory", "viva.app.profile") is None
    assert layer_breaks("viva.app.practice", "viva.store.records") is None


def cycles(graph: dict[str, set[str]]) -> list[list[str]]:
    """Groups of modules that import each other, directly or through others (Tarjan)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    found: list[list[str]] = []

    def visit(v: str) -> None:
        index[v] = low[v] = len(index)
        stack.append(v)
        for w in sorted(graph.get(v, ())):
            if w not in index:
                visit(w)
                low[v] = min(low[v], low[w])
            elif w in stack:
                low[v] = min(low[v], index[w])
        if low[v] == index[v]:
            group = []
            while (w := stack.pop()) != v:
                group.append(w)
            group.append(v)
            if len(group) > 1:
                found.append(sorted(group))

    sys.setrecursionlimit(max(sys.getrecursionlimit(), 10_000))
    for v in sorted(graph):
        if v not in index:
            visit(v)
    return found


def test_no_import_circles() -> None:
    graph = {
        mod: {m for m in imports_of(path.read_text()) if m != mod and not mod.startswith(m + ".")}
        for mod, path in MODULES.items()
    }
    assert cycles(graph) == []


def test_the_circle_finder_finds_circles() -> None:
    assert cycles({"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}}) == [["a", "b", "c"]]
    assert cycles({"a": {"b"}, "b": set()}) == []


def test_no_god_files() -> None:
    """No file over 400 lines as ruff formats it (with no ``fmt: skip`` hiding length)."""
    ruff = Path(sys.executable).with_name("ruff")
    long = {}
    for p in sorted(SRC.rglob("*.py")):
        text = p.read_text()
        if len(text.splitlines()) <= 300 and "fmt: skip" not in text:
            continue  # short and formatted as is: no need to run the formatter
        unskipped = text.replace("  # fmt: skip", "")
        done = subprocess.run(
            [str(ruff), "format", "-", "--stdin-filename", p.name],
            input=unskipped,
            capture_output=True,
            text=True,
            check=True,
        )
        if (n := len(done.stdout.splitlines())) > 400:
            long[str(p.relative_to(SRC))] = n
    assert long == {}
