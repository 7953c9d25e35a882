"""Issue 16, bad input at the CLI: one clear line, the right exit code, no traceback, and the
learner's data untouched. In-process through Typer's CliRunner (the real root command class,
so the same edge as ``viva``); a real process where exit codes of the process matter."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from tests.conftest import run_viva
from viva.cli.app import app

runner = CliRunner()


def cli(*args: str, stdin: str | None = None, env: dict[str, str] | None = None):  # type: ignore[no-untyped-def]
    return runner.invoke(app, list(args), input=stdin, env=env, catch_exceptions=False)


def one_clean_line(stderr: str) -> str:
    lines = stderr.strip().splitlines()
    assert len(lines) == 1, stderr
    assert "Traceback" not in stderr and "\x1b" not in stderr
    return lines[0]


def db_bytes(home: Path) -> bytes:
    return (home / "viva.db").read_bytes()


# finding 2: preferences and profile facts are bounded on the way in; the plan is bounded


@pytest.mark.parametrize(
    ("key", "value"),
    [
        ("interview_in_days", "1e30"),
        ("interview_in_days", "0"),
        ("interview_in_days", "nan"),
        ("minutes_per_day", "100000000"),
        ("minutes_per_day", "2.5"),
        ("target_level", "wizard"),
        ("target_role", "x" * 500),
        ("pace", "warp"),
    ],
)
def test_profile_set_refuses_out_of_bounds_values(viva_home: Path, key: str, value: str) -> None:
    assert cli("profile", "set", "pace", "slow").exit_code == 0
    before = db_bytes(viva_home)
    done = cli("profile", "set", key, value)
    assert done.exit_code == 2
    line = one_clean_line(done.stderr)
    assert key in line or "value" in line
    assert len(line) < 300
    assert db_bytes(viva_home) == before


def test_profile_set_accepts_values_in_bounds() -> None:
    assert cli("profile", "set", "interview_in_days", "365").exit_code == 0
    assert cli("profile", "set", "minutes_per_day", "15").exit_code == 0
    assert '"interview_in_days": "365"' in cli("profile", "--json").stdout


def test_a_huge_value_stored_by_any_path_never_reaches_the_plan_builder(tmp_path: Path) -> None:
    from viva.cli.app_common import open_store
    from viva.clock import utc_now

    store = open_store()
    store.remember("interview_in_days", "1000000000", utc_now())  # as the conversation would
    store.remember("minutes_per_day", "99999999", utc_now())
    assert store.profile()["interview_in_days"] == "365"
    assert store.profile()["minutes_per_day"] == "720"
    store.close()
    from viva.app.library import Library
    from viva.bank.model import Level
    from viva.plan.build import build_plan
    from viva.plan.goal import goal_from
    from viva.plan.model import Goal

    svc = Library()
    jd = tmp_path / "jd.txt"
    jd.write_text("Senior Python developer: Django, PostgreSQL, Docker, Kubernetes.\n")
    from viva.plan.jd import extract

    req = extract(jd.read_text(), svc.bank)
    goal = goal_from({"interview_in_days": "1e30", "minutes_per_day": "-5"}, req)
    assert (goal.days, goal.minutes_per_day) == (14, 15)  # unreadable -> default; bounded
    huge = Goal(days=10**9, minutes_per_day=10**9, level=Level.SENIOR)
    assert len(build_plan(req, huge, svc.bank).days) == 365


# finding 4: text from any source is cleaned once at the edge; every failure is one line


def test_undecodable_bytes_in_arguments_are_cleaned_not_a_traceback() -> None:
    bad = b"\xff\xfe role".decode("utf-8", "surrogateescape")
    done = cli("profile", "set", "target_role", bad)
    assert done.exit_code == 0, done.stderr
    assert "\ufffd" in cli("profile", "--json").stdout


def test_undecodable_stdin_and_arguments_in_a_real_process(viva_home: Path) -> None:
    env = {**os.environ, "VIVA_HOME": str(viva_home)}
    cmd = [sys.executable, "-m", "viva"]
    bad = b"the gil is a lock \xff\xfe\xed\xa0\x80"
    graded = subprocess.run(
        [*cmd, "grade", "python.gil", "--record"],
        input=bad,
        capture_output=True,
        env=env,
        timeout=120,
    )
    assert graded.returncode == 0, graded.stderr
    said = subprocess.run(
        [
            *cmd,
            "say",
            b"hello \xff".decode("utf-8", "surrogateescape"),
            "--wav",
            str(viva_home.parent / "s.wav"),
        ],
        capture_output=True,
        env=env,
        timeout=120,
    )
    assert b"Traceback" not in said.stderr
    assert said.returncode in (0, 2)  # 2: no espeak-ng here, said in one line


@pytest.mark.parametrize(
    "args", [("history", "--show", str(10**30)), ("history", "--limit", str(10**30))]
)
def test_huge_numbers_are_usage_errors(args: tuple[str, ...]) -> None:
    done = cli(*args)
    assert done.exit_code == 2
    assert "Traceback" not in done.stderr and "Overflow" not in done.stderr


def test_viva_now_out_of_range_is_one_line() -> None:
    done = cli("progress", env={"VIVA_NOW": "0001-01-01T00:00:00"})
    assert done.exit_code == 2
    assert "VIVA_NOW is out of range" in one_clean_line(done.stderr)


@pytest.mark.parametrize(
    ("url", "words"),
    [
        ("nosuch://x", "not a usable database URL"),
        ("postgresql+pg8000://u@localhost/x", "driver"),
        ("::::", "not a usable database URL"),
        ("postgresql://u@127.0.0.1:1/x", "cannot reach the database server at 127.0.0.1:1/x"),
    ],
)
def test_unusable_database_urls_are_one_line(url: str, words: str) -> None:
    done = cli("profile", env={"VIVA_DB": url})
    assert done.exit_code == 3
    assert words in one_clean_line(done.stderr)


def test_an_unexpected_error_is_one_line_and_the_traceback_needs_debug(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from viva.app import library

    def boom(self: object, text: str, **_: object) -> None:
        raise RuntimeError("boom")

    monkeypatch.setattr(library.Library, "check", boom)
    done = cli("check", "so docker is a vm, right?")
    assert done.exit_code == 1
    assert "unexpected error (RuntimeError: boom)" in one_clean_line(done.stderr)
    with pytest.raises(RuntimeError):
        cli("--debug", "check", "so docker is a vm, right?")


# finding 9: exit codes and messages


def test_closed_stdout_exits_0_in_a_real_process() -> None:
    for args in (["questions"], ["questions", "--json"], ["show", "python.gil"]):
        read_end, write_end = os.pipe()
        os.close(read_end)  # the reader went away (`viva questions | head -0`)
        proc = subprocess.Popen(
            [sys.executable, "-m", "viva", *args], stdout=write_end, stderr=subprocess.PIPE
        )
        os.close(write_end)
        _, err = proc.communicate(timeout=120)
        assert proc.returncode == 0, (args, err)
        assert err == b"", err


def test_review_survives_an_over_long_answer(viva_home: Path) -> None:
    now = {"VIVA_NOW": "2026-01-10T09:00:00"}
    assert cli("grade", "python.gil", "--answer", "no idea", "--record", env=now).exit_code == 0
    later = {"VIVA_NOW": "2026-03-10T09:00:00"}
    done = cli("review", stdin="x" * 5000 + "\nthe gil is a lock in cpython\n", env=later)
    assert done.exit_code == 0, done.stderr
    assert "the answer is 5000 characters long" in done.stdout
    assert "the question is" not in done.stdout
    assert done.stdout.count("What is the GIL") == 2  # asked again, then graded
    assert "Delivery:" in done.stdout and "today's reviews done" in done.stdout


def test_history_show_of_a_missing_session_is_exit_2() -> None:
    done = cli("history", "--show", "999999")
    assert done.exit_code == 2
    assert "no session #999999" in one_clean_line(done.stderr)


def test_an_empty_topic_is_an_error_not_everything() -> None:
    for args in (("questions", "--topic", ""), ("topics", "")):
        done = cli(*args)
        assert done.exit_code == 2, args
        assert "the topic is empty" in one_clean_line(done.stderr)


def test_echoed_input_is_cut_and_escaped() -> None:
    evil = "\x1b[31mred\x07" + "x" * 5000
    for args in (
        ("show", evil),
        ("questions", "--topic", evil),
        ("questions", "--level", evil),
        ("profile", "set", evil, "1"),
        ("history", "--show", evil),
    ):
        done = cli(*args)
        assert done.exit_code == 2, args
        line = one_clean_line(done.stderr)
        assert len(line) < 500, args
        assert "\x07" not in line


def test_a_real_process_never_prints_a_traceback_for_bad_input() -> None:
    done = run_viva("show", "\x1b[2J" + "y" * 3000)
    assert done.returncode == 2
    assert "\x1b" not in done.stderr and len(done.stderr) < 500
