"""The CLI as a learner runs it: real processes, JSON contract, clear errors."""

from __future__ import annotations

import json
import subprocess
import sys

from tests.conftest import run_viva


def ask(text: str) -> dict[str, object]:
    done = run_viva("ask", text, "--json")
    assert done.returncode == 0, done.stderr
    doc = json.loads(done.stdout)
    assert isinstance(doc, dict)
    return doc


def test_ask_gil_json() -> None:
    doc = ask("what is the g i l")
    assert doc["understood"] == "what is the gil"
    answer = doc["answer"]
    assert isinstance(answer, dict) and answer["id"] == "python.gil"
    matches = doc["matches"]
    assert isinstance(matches, list) and matches[0]["id"] == "python.gil"
    assert set(matches[0]) >= {"id", "question", "topic", "level", "score"}


def test_ask_service_discourse() -> None:
    answer = ask("give example for this service discourse")["answer"]
    assert isinstance(answer, dict) and answer["id"] == "microservices.service-discovery"
    assert len(answer["examples"]) >= 2


def test_ask_bread_has_no_answer() -> None:
    assert ask("how do I bake bread")["answer"] is None


def test_ask_renders_for_people() -> None:
    done = run_viva("ask", "what is a decorator")
    assert done.returncode == 0
    assert "In simple words" in done.stdout and "Example" in done.stdout


def test_show_and_unknown_id() -> None:
    done = run_viva("show", "python.gil", "--json")
    assert json.loads(done.stdout)["id"] == "python.gil"
    bad = run_viva("show", "python.gill")
    assert bad.returncode == 2
    assert bad.stdout == ""
    assert bad.stderr.strip() == "viva: no entry with id 'python.gill' (did you mean 'python.gil'?)"


def test_questions_ordered_by_frequency_then_level() -> None:
    done = run_viva(
        "questions",
        "--topic",
        "python",
        "--level",
        "beginner",
        "--level",
        "intermediate",
        "--top",
        "20",
        "--json",
    )
    qs = json.loads(done.stdout)["questions"]
    assert len(qs) == 20
    assert {q["level"] for q in qs} <= {"beginner", "intermediate"}
    shown = run_viva("show", qs[0]["id"], "--json")
    assert json.loads(shown.stdout)["frequency"] == "high"


def test_unknown_topic_and_level_suggest_the_closest() -> None:
    done = run_viva("questions", "--topic", "pythoon")
    assert done.returncode == 2 and "did you mean 'python'" in done.stderr
    done = run_viva("questions", "--level", "senoir")
    assert done.returncode == 2 and "did you mean 'senior'" in done.stderr
    assert "Traceback" not in done.stderr


def test_empty_and_binary_queries() -> None:
    for text in ("", "   "):
        done = run_viva("ask", text)
        assert done.returncode == 2
        assert done.stderr.startswith("viva: the question is empty")
    done = run_viva("ask", "x" * 5000)
    assert done.returncode == 2 and "characters long" in done.stderr


def test_topics_lists_subtopics_in_order() -> None:
    done = run_viva("topics", "microservices", "--json")
    doc = json.loads(done.stdout)
    ids = [s["id"] for s in doc["subtopics"]]
    assert len(ids) >= 10 and "service-discovery" in ids
    plain = run_viva("topics", "microservices")
    assert plain.stdout.index("1.") < plain.stdout.index("10.")


def test_bank_stats_json_shape() -> None:
    doc = json.loads(run_viva("bank", "stats", "--json", "--no-run").stdout)
    assert doc["total"] == sum(sum(levels.values()) for levels in doc["by_topic"].values())
    assert set(doc["by_topic"]) >= {"python", "microservices", "cicd", "kubernetes"}
    assert set(doc["snippets"]) == {"total", "run", "passed"}


def test_interactive_session_starts_a_set_moves_on_and_quits() -> None:
    done = run_viva(stdin="top 3 python questions\nnext\nquit\n")
    assert done.returncode == 0, done.stderr
    assert "Question 1 of 3" in done.stdout and "Question 2 of 3" in done.stdout
    assert "Bye" in done.stdout


def test_interactive_session_survives_end_of_input() -> None:
    done = run_viva(stdin="what is the gil\n", process=True)  # a real start-up and exit
    assert done.returncode == 0 and "Traceback" not in done.stderr
    assert "global interpreter lock" in done.stdout.lower()


# (Rich brings markdown_it and pygments for showing code; those are the text coach's own)
HEAVY = (
    "pocketsphinx",
    "viva.voice",
    "genanki",
    "markdown",
    "playwright",
    "matplotlib",
    "torch",
    "sentence_transformers",
    "fsrs",
    "viva.grade.facts",
    "viva.grade.check",
    "viva.grade.answer",
)


def test_a_text_conversation_loads_no_optional_engine_and_no_grader() -> None:
    # a real `viva chat --plain` session in one process; what it imported is printed at exit
    probe = (
        "import atexit, sys\n"
        f"heavy = {HEAVY!r}\n"
        "def loaded():\n"
        "    return sorted(m for m in sys.modules if m.split('.')[0] in heavy or m in heavy\n"
        "                  or any(m.startswith(h + '.') for h in heavy))\n"
        "atexit.register(lambda: sys.stderr.write(f'LOADED={loaded()}\\n'))\n"
        "sys.argv = ['viva', 'chat', '--plain']\n"
        "from viva.cli.app import main\n"
        "main()\n"
    )
    out = subprocess.run(
        [sys.executable, "-c", probe],
        input="what is the gil\nnext\nquit\n",
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert "GIL" in out.stdout
    assert "LOADED=[]" in out.stderr, out.stderr
