"""Ctrl-C, kill -9, a damaged or locked database: a clear line, and nothing saved is lost."""

from __future__ import annotations

import json
import os
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

from tests.conftest import run_viva


def _default_ctrl_c() -> None:
    # a test run started in the background (`make test &`) ignores SIGINT, and a child that
    # starts with it ignored never gets Python's KeyboardInterrupt: give it a terminal's default
    signal.signal(signal.SIGINT, signal.SIG_DFL)


def start_chat() -> subprocess.Popen[str]:
    return subprocess.Popen(
        [sys.executable, "-m", "viva", "chat", "--plain"],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        preexec_fn=_default_ctrl_c,
    )


def say(proc: subprocess.Popen[str], line: str) -> str:
    """Send one line and read the coach's whole turn (up to the blank line)."""
    assert proc.stdin and proc.stdout
    proc.stdin.write(line + "\n")
    proc.stdin.flush()
    out = []
    while (got := proc.stdout.readline()) not in ("\n", ""):
        out.append(got)
    return "".join(out)


def read_greeting(proc: subprocess.Popen[str]) -> None:
    assert proc.stdout
    while proc.stdout.readline() not in ("\n", ""):
        pass


def transcript() -> list[dict[str, str]]:
    sessions = json.loads(run_viva("history", "--json").stdout)["sessions"]
    turns = json.loads(run_viva("history", "--show", str(sessions[0]["id"]), "--json").stdout)[
        "turns"
    ]
    assert isinstance(turns, list)
    return turns


def test_kill_mid_session_keeps_the_transcript_up_to_that_turn() -> None:
    proc = start_chat()
    read_greeting(proc)
    say(proc, "top 5 docker questions")
    say(proc, "give an example")
    proc.kill()  # SIGKILL: no cleanup code runs
    proc.communicate(timeout=10)
    turns = transcript()
    learner = [t["text"] for t in turns if t["role"] == "learner"]
    assert learner == ["top 5 docker questions", "give an example"]
    assert turns[-1]["role"] == "coach" and "Example" in turns[-1]["text"]


def test_ctrl_c_says_one_line_and_keeps_everything() -> None:
    proc = start_chat()
    read_greeting(proc)
    say(proc, "what is a decorator")
    proc.send_signal(signal.SIGINT)
    _, err = proc.communicate(timeout=10)
    assert proc.returncode == 130
    assert err.strip() == "viva: interrupted - everything up to the last turn is saved"
    assert [t["text"] for t in transcript() if t["role"] == "learner"] == ["what is a decorator"]


@pytest.mark.cold
def test_damaged_database_is_reported_and_left_untouched(viva_home: Path) -> None:
    viva_home.mkdir(parents=True)
    db = viva_home / "viva.db"
    junk = b"this is not sqlite " * 200
    db.write_bytes(junk)
    done = run_viva("chat", "--plain", stdin="next\n", process=True)  # the exit code of a process
    assert done.returncode == 3
    assert (
        done.stderr.count("\n") == 1
        and "is damaged" in done.stderr
        and "Traceback" not in done.stderr
    )
    assert db.read_bytes() == junk


def test_locked_database_is_reported(viva_home: Path) -> None:
    run_viva("profile", "set", "pace", "fast")
    holder = sqlite3.connect(viva_home / "viva.db")
    holder.execute("BEGIN EXCLUSIVE")
    try:
        t = time.monotonic()
        done = run_viva("profile", "set", "pace", "slow")
        assert time.monotonic() - t < 60
    finally:
        holder.rollback()
        holder.close()
    assert done.returncode == 3 and "locked by another viva" in done.stderr
    assert json.loads(run_viva("profile", "--json").stdout)["preferences"]["pace"] == "fast"


def test_profile_set_forget_and_errors() -> None:
    assert run_viva("profile", "set", "pace", "slow").returncode == 0
    assert run_viva("profile", "set", "weak", "flask").returncode == 0
    bad = run_viva("profile", "set", "pace", "sideways")
    assert bad.returncode == 2 and "use one of: fast, normal, slow" in bad.stderr
    assert run_viva("profile", "forget", "weak").returncode == 0
    doc = json.loads(run_viva("profile", "--json").stdout)
    assert doc["profile"] == {} and doc["preferences"]["pace"] == "slow"
    assert run_viva("profile", "forget", "--all").returncode == 0
    assert json.loads(run_viva("profile", "--json").stdout)["preferences"]["pace"] == "normal"
    assert run_viva("profile", "forget", "nothing-here").returncode == 2


def test_no_writable_data_dir(tmp_path: Path) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("x")
    done = run_viva("profile", env={"VIVA_HOME": str(blocker / "home")})
    assert (
        done.returncode == 3 and "Traceback" not in done.stderr and done.stderr.startswith("viva: ")
    )
    assert os.path.isfile(blocker)
