"""Runs the bank's Python snippets in a subprocess and checks their output.

Each snippet runs in a fresh interpreter (``-I``: no user site, no PYTHONPATH), from its own
empty temporary directory, with a fixed hash seed so set ordering is reproducible, a time
limit, and outbound network connections refused by a guard installed before the snippet.
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
import tempfile
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path

from viva.bank.model import Check, Snippet

TIMEOUT_S = 10.0

# Installed before the snippet runs: internet sockets cannot connect or resolve names.
_GUARD = """
import socket, runpy, sys
_real_connect = socket.socket.connect
def _no_network(*args, **kwargs):
    raise OSError("network access is disabled for snippets")
def _connect(self, address):
    if self.family in (socket.AF_INET, socket.AF_INET6):
        _no_network()
    return _real_connect(self, address)
socket.socket.connect = _connect
socket.socket.connect_ex = lambda self, address: _connect(self, address)
socket.create_connection = _no_network
socket.getaddrinfo = _no_network
sys.argv = ["snippet.py"]
runpy.run_path("snippet.py", run_name="__main__")
"""


@dataclass(frozen=True, slots=True)
class Outcome:
    """What happened when a snippet ran; ``ok`` says whether its check passed."""

    ok: bool
    code: str  # V050 output differs, V051 timeout, V052 unexpected exit status
    message: str
    stdout: str = ""


def _norm(text: str) -> str:
    return "\n".join(line.rstrip() for line in text.strip("\n").splitlines()).rstrip()


def _last_line(text: str) -> str:
    lines = [ln for ln in text.strip().splitlines() if ln.strip()]
    return lines[-1].strip() if lines else ""


def _first_difference(expected: str, got: str) -> str:
    exp, out = expected.splitlines(), got.splitlines()
    for i in range(max(len(exp), len(out))):
        e = exp[i] if i < len(exp) else "<nothing>"
        g = out[i] if i < len(out) else "<nothing>"
        if e != g:
            return f"line {i + 1}: expected {e!r}, got {g!r}"
    return "outputs differ"


def judge(snippet: Snippet, returncode: int, stdout: str, stderr: str) -> Outcome:
    """Compare a finished run with what the snippet promises."""
    expected = (snippet.expected_output or "").strip()
    if snippet.check is Check.RAISES:
        last = _last_line(stderr)
        if returncode == 0:
            return Outcome(False, "V052", "expected an exception but the snippet exited 0", stdout)
        if expected not in last:
            return Outcome(False, "V050", f"expected error {expected!r}, got {last!r}", stdout)
        return Outcome(True, "", "", stdout)
    if returncode != 0:
        return Outcome(False, "V052", f"exited {returncode}: {_last_line(stderr)}", stdout)
    if snippet.check is Check.CONTAINS:
        ok = expected in stdout
    elif snippet.check is Check.REGEX:
        try:
            ok = re.search(expected, stdout, re.MULTILINE) is not None
        except re.error as exc:
            return Outcome(False, "V055", f"bad regex in expected_output: {exc}", stdout)
    else:
        ok = _norm(stdout) == _norm(expected)
        if not ok:
            return Outcome(False, "V050", _first_difference(_norm(expected), _norm(stdout)), stdout)
    if not ok:
        return Outcome(
            False, "V050", f"output does not match ({snippet.check}): {expected!r}", stdout
        )
    return Outcome(True, "", "", stdout)


def run_snippet(
    snippet: Snippet, *, timeout: float = TIMEOUT_S, python: str | None = None
) -> Outcome:
    """Run one Python snippet in its own temporary directory and judge the result."""
    env = {
        "PATH": os.environ.get("PATH", "/usr/bin:/bin"),
        "PYTHONHASHSEED": "0",
        "PYTHONIOENCODING": "utf-8",
        "LANG": "C.UTF-8",
        "no_proxy": "*",
    }
    with tempfile.TemporaryDirectory(prefix="viva-snippet-") as tmp:
        env["HOME"] = tmp
        Path(tmp, "snippet.py").write_text(snippet.code, encoding="utf-8")
        try:
            done = subprocess.run(
                [python or sys.executable, "-I", "-c", _GUARD],
                cwd=tmp,
                env=env,
                capture_output=True,
                text=True,
                timeout=timeout,
                stdin=subprocess.DEVNULL,
                errors="replace",
            )
        except subprocess.TimeoutExpired:
            return Outcome(False, "V051", f"did not finish within {timeout:g} s")
    return judge(snippet, done.returncode, done.stdout, done.stderr)


def run_many(
    snippets: list[Snippet], *, timeout: float = TIMEOUT_S, workers: int | None = None
) -> list[Outcome]:
    """Run snippets in parallel (one interpreter each), results in the same order."""
    if not snippets:
        return []
    with ThreadPoolExecutor(max_workers=workers or min(4, (os.cpu_count() or 2))) as pool:
        return list(pool.map(lambda s: run_snippet(s, timeout=timeout), snippets))
