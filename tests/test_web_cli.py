"""``viva serve`` as a learner starts it: a real process on loopback that answers, and the
refusal to serve one learner's data beyond loopback without sign-in."""

from __future__ import annotations

import json
import os
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

from tests.conftest import run_viva


def test_serving_beyond_loopback_needs_multi_user() -> None:
    got = run_viva("serve", "--host", "0.0.0.0", "--port", "9")
    assert got.returncode != 0
    assert "--multi-user" in got.stderr and "Traceback" not in got.stderr


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@pytest.mark.slow
def test_viva_serve_answers_on_loopback(viva_home: Path) -> None:
    port = _free_port()
    proc = subprocess.Popen(
        [sys.executable, "-m", "viva", "serve", "--port", str(port), "--workers", "2"],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env={**os.environ, "VIVA_HOME": str(viva_home)},
    )
    try:
        deadline = time.monotonic() + 90
        while True:
            try:
                with urllib.request.urlopen(f"http://127.0.0.1:{port}/api/me", timeout=5) as r:
                    me = json.load(r)
                break
            except OSError:
                assert proc.poll() is None, proc.communicate()[1]
                assert time.monotonic() < deadline, "viva serve did not answer in time"
                time.sleep(0.3)
        assert me["multi_user"] is False and me["csrf"]
        assert (viva_home / "viva.db").exists() and (
            viva_home / "web-secret"
        ).stat().st_mode & 0o077 == 0
        with urllib.request.urlopen(f"http://127.0.0.1:{port}/openapi.json", timeout=5) as r:
            assert "/api/conversations" in json.load(r)["paths"]
    finally:
        proc.terminate()
        _, err = proc.communicate(timeout=30)
    assert "serving one learner" in err and "Traceback" not in err
