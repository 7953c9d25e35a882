"""Mock interviews through the real CLI: answers graded, "try again" shows the change, the
model answer on request, every graded answer scheduled for review."""

from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta

from tests.conftest import run_viva

WEAK = "um the gil is like a lock basically"
STRONG = (
    "the gil is a lock in cpython that lets only one thread run python bytecode at a time, so "
    "threads don't speed up cpu bound code, but it is released during io so threads are fine "
    "for io bound work, and for cpu work you use multiprocessing"
)


def _turns(stdout: str) -> list[str]:
    return [t for t in stdout.strip().split("\n\n") if t]


def test_quiz_in_conversation_grades_retries_and_schedules() -> None:
    script = "\n".join(["quiz me on the gil", WEAK, "try again", STRONG, "next", "quit"]) + "\n"
    out = run_viva("chat", "--plain", stdin=script)
    assert out.returncode == 0, out.stderr
    turns = _turns(out.stdout)
    first = next(t for t in turns if "out of 100" in t)
    assert "You missed:" in first and "'basically' once" in first
    retry = [t for t in turns if "Last time" in t]
    assert retry and "up " in retry[0]
    due = json.loads(run_viva("review", "--list", "--json").stdout)
    assert due["due"] == 0  # the next review is minutes away, not now
    tomorrow = (datetime.now(UTC) + timedelta(days=1)).isoformat()
    due = json.loads(run_viva("review", "--json", env={"VIVA_NOW": tomorrow}).stdout)
    assert [r["id"] for r in due["today"]] == ["python.gil"]
    progress = json.loads(run_viva("progress", "--json").stdout)
    assert progress["attempts"] == 2 and progress["practised"] == 1


def test_interview_command_asks_the_requested_set_and_gives_the_model_answer() -> None:
    script = "answer\nnext\nI think it is about decorators and closures, basically wrappers\nquit\n"
    out = run_viva(
        "interview",
        "--topic",
        "docker",
        "--level",
        "beginner",
        "--count",
        "2",
        "--plain",
        stdin=script,
    )
    assert out.returncode == 0, out.stderr
    assert "Here are 2 Docker and containers questions, beginner" in out.stdout
    assert "A model answer:" in out.stdout
    assert out.stdout.count("out of 100") == 1
    assert "Question 2 of 2" in out.stdout


def test_interview_with_an_unknown_topic_is_one_line() -> None:
    out = run_viva("interview", "--topic", "cobol", "--plain", stdin="")
    assert out.returncode == 2 and "unknown topic" in out.stderr


def test_model_answer_after_every_grade_is_a_remembered_preference() -> None:
    assert run_viva("profile", "set", "model_answer", "true").returncode == 0
    out = run_viva("chat", "--plain", stdin="quiz me on the gil\n" + WEAK + "\nquit\n")
    graded = next(t for t in _turns(out.stdout) if "out of 100" in t)
    assert "A model answer:" in graded
