"""The founding conversation, replayed through `viva chat --plain` in real processes."""

from __future__ import annotations

import json
import re

from tests.conftest import run_viva


def turns(stdout: str) -> list[str]:
    """Coach turns: blocks separated by blank lines (the first is the greeting)."""
    return [t for t in stdout.split("\n\n") if t.strip()]


FOUNDING = [
    "top 20 python questions for beginner to intermediate",
    "I need the questions with answers",
    "go slow",
    "give an example",
    "another example",
    "tell me in simple words",
    "repeat the last word",
    "what is the difference between Jenkins and Kubernetes, and how does Docker help?",
    "so with GitHub Actions you can't deploy a container, only Jenkins can, right?",
    "top 10 important topics in microservices",
    "I applied for a senior backend developer role",
    "I'm good at Django",
    "I have little exposure to FastAPI",
    "explain slowly from now on, in future conversations also",
    "quit",
]


def test_founding_conversation_and_memory_across_processes() -> None:
    done = run_viva("chat", "--plain", stdin="\n".join(FOUNDING) + "\n")
    assert done.returncode == 0, done.stderr
    assert "Traceback" not in done.stderr
    t = turns(done.stdout)
    assert len(t) == 1 + len(FOUNDING), t
    (
        _greet,
        start,
        answers,
        slow,
        ex1,
        ex2,
        simple,
        word,
        jk,
        check,
        top10,
        role,
        good,
        weak,
        persist,
        bye,
    ) = t
    assert "Here are 20 Python questions, beginner to intermediate, one at a time" in start
    assert "Question 1 of 20:" in start and "Question 2" not in start  # one thing at a time
    assert "answer after each question" in answers
    assert "two sentences at a time" in slow
    assert ex1.startswith("Example:") and ex2.startswith("Example 2:")
    assert simple.startswith("In simple words:")
    # "the last word" is the last word of the last thing taught, not of a menu
    last_content = [
        ln for ln in simple.splitlines() if not ln.startswith(("Say ", "In simple words:"))
    ][-1]
    assert word == f"The last word was: {last_content.split()[-1].strip('.,!?')}."
    assert jk.startswith("What is the difference between Jenkins and Kubernetes")
    # the founding mistake: GitHub Actions *can* deploy containers - the coach must say no
    assert check.startswith("No - ")
    assert "GitHub Actions can build and push images and deploy" in check
    assert not re.search(r"\b(exactly|you're right|that's right|correct!)", check, re.IGNORECASE)
    assert top10.count("\n") >= 10 and "Service discovery" in top10
    assert "senior backend developer" in role and "Django" in good and "FastAPI" in weak
    assert "From now on, in every session" in persist
    assert bye.startswith("Bye")

    profile = json.loads(run_viva("profile", "--json").stdout)
    assert profile["preferences"]["pace"] == "slow"
    assert profile["profile"] == {
        "target_role": "senior backend developer",
        "strong": "django",
        "weak": "fastapi",
    }

    # a new process, next week: slow without being asked, and it can continue
    again = run_viva("chat", "--plain", stdin="continue\nquit\n")
    greet2, cont, _ = turns(again.stdout)
    assert "I'll go slowly, as you asked" in greet2 and "senior backend developer" in greet2
    assert "Picking up where we left off" in cont and "Question 1 of 20" in cont
    answer_line = cont.splitlines()[2]
    assert len(re.findall(r"[.!?](?:\s|$)", answer_line)) <= 2  # slow: two sentences per turn


def test_bad_input_never_crashes() -> None:
    junk = "\n".join(
        ["", "   ", "x" * 1_000_000, "\x00\x01\x02\ufffd binary", "???", "next", "quit"]
    )
    done = run_viva("chat", "--plain", stdin=junk + "\n")
    assert done.returncode == 0 and "Traceback" not in done.stderr
    assert done.stdout.rstrip().endswith("Good luck with the interview.")


def test_end_of_input_closes_the_session() -> None:
    done = run_viva("chat", "--plain", stdin="what is the gil")  # no newline, then Ctrl-D
    assert done.returncode == 0
    assert "global interpreter lock" in done.stdout.lower()
    sessions = json.loads(run_viva("history", "--json").stdout)["sessions"]
    assert sessions[0]["ended_at"] is not None and sessions[0]["turns"] == 3
