"""Shared fixtures: every test gets its own data directory (and, from ``tests/pg.py``, a
throwaway PostgreSQL database when it asks); helpers to run the real CLI."""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Iterator
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


@pytest.fixture(autouse=True)
def viva_home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    home = tmp_path / "viva-home"
    monkeypatch.setenv("VIVA_HOME", str(home))
    monkeypatch.delenv("VIVA_CONTENT", raising=False)
    yield home


def run_viva(
    *args: str, stdin: str | None = None, env: dict[str, str] | None = None, timeout: float = 120
) -> subprocess.CompletedProcess[str]:
    """Run the real ``viva`` entry point in a new process, as a learner would."""
    full_env = {**os.environ, **(env or {})}
    return subprocess.run(
        [sys.executable, "-m", "viva", *args],
        input=stdin,
        capture_output=True,
        text=True,
        env=full_env,
        timeout=timeout,
    )
