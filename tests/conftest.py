"""Shared fixtures: every test gets its own data directory (and, from ``tests/pg.py``, a
throwaway PostgreSQL database when it asks); helpers to run the real CLI.

``run_viva`` runs the real ``viva`` command in this process (Typer's ``CliRunner``: the same
argument parsing, error handling and exit codes, without a Python start-up per call); with
``process=True`` it starts a new process, for what only a process shows: start-up, imports,
signals, a killed session, the ``python -m viva`` entry point.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

from tests.pg import (  # noqa: F401  (fixtures)
    blank_target,
    db_target,
    open_store,
    pg_blank_url,
    pg_cluster,
    pg_url,
)

ROOT = Path(__file__).resolve().parents[1]
CONTENT = ROOT / "content"
DATA = Path(__file__).resolve().parent / "data"


# What a learner's first start builds from the shipped bank and keeps (content-keyed, so
# a copy is what that learner's second start would find): built once per test worker and
# copied into each test's home, so only tests about a first start pay for one.
WARM = ("bank-*.pickle", "facts-*.pickle", "dense-*.npy")


@pytest.fixture(scope="session")
def warm_cache(tmp_path_factory: pytest.TempPathFactory) -> list[Path]:
    from viva.app.library import Library

    data = tmp_path_factory.mktemp("warm-home")
    library = Library(content=CONTENT, data=data)
    library.facts  # noqa: B018  (builds and caches the bank and the grader's facts)
    library.dense  # noqa: B018
    return [p for pattern in WARM for p in (data / "cache").glob(pattern)]


def _share(src: Path, dst: Path) -> None:
    """A hard link, not a copy: ~15 MB of warm cache per test made 19 GB per run (pytest
    keeps three). viva replaces cache files atomically (a new inode), never writes into one,
    so a test that rebuilds its cache leaves the shared file alone."""
    try:
        os.link(src, dst)
    except OSError:  # another file system, or links not allowed
        shutil.copyfile(src, dst)


@pytest.fixture(autouse=True)
def viva_home(
    request: pytest.FixtureRequest, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> Iterator[Path]:
    home = tmp_path / "viva-home"
    monkeypatch.setenv("VIVA_HOME", str(home))
    monkeypatch.delenv("VIVA_CONTENT", raising=False)
    if request.node.get_closest_marker("cold") is None:
        files: list[Path] = request.getfixturevalue("warm_cache")
        home.mkdir(mode=0o700)  # as viva makes it: private
        (home / "cache").mkdir(mode=0o700)
        for f in files:
            _share(f, home / "cache" / f.name)
    yield home


@dataclass(frozen=True)
class Done:
    """What a run of ``viva`` left: exit code, standard output and standard error."""

    returncode: int
    stdout: str
    stderr: str


def run_viva(
    *args: str,
    stdin: str | None = None,
    env: dict[str, str] | None = None,
    timeout: float = 120,
    process: bool = False,
) -> Done:
    """Run the real ``viva`` command as a learner would: in this process, or a new one."""
    if process:
        full_env = {**os.environ, **(env or {})}
        done = subprocess.run(
            [sys.executable, "-m", "viva", *args],
            input=stdin,
            capture_output=True,
            text=True,
            env=full_env,
            timeout=timeout,
        )
        return Done(done.returncode, done.stdout, done.stderr)
    from typer.testing import CliRunner

    from viva.cli.app import app

    result = CliRunner().invoke(app, list(args), input=stdin, env=env, catch_exceptions=False)
    return Done(result.exit_code, result.stdout, result.stderr)
