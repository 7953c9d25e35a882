"""The real learner's 41 lines (../shared/seed), replayed through `viva chat --plain`.

Lines 1-29 are one conversation, 30-41 a later one in a new process with the same data folder.
Each line gets one coach turn; each turn is checked for what a great coach does with that line
(../shared/seed/expected.md). The checks name behaviour, not exact wording, so the bank can
grow without breaking them - but a wrong entry, a refusal, a false "yes" or a forgotten
preference fails.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.conftest import run_viva
from tests.test_conversation import turns

SEED = Path(__file__).resolve().parents[2] / "shared" / "seed" / "learner-lines.txt"
REFUSED = "I don't have a good answer"


@pytest.fixture(scope="module")
def replies(tmp_path_factory: pytest.TempPathFactory) -> dict[int, str]:
    if not SEED.exists():
        pytest.skip("../shared/seed is not beside this checkout")
    lines = SEED.read_text().splitlines()
    assert len(lines) == 41
    home = tmp_path_factory.mktemp("seed-home")
    env = {"VIVA_HOME": str(home)}
    got: dict[int, str] = {}
    for first, last in ((1, 29), (30, 41)):
        part = lines[first - 1 : last]
        done = run_viva("chat", "--plain", stdin="\n".join(part) + "\n", env=env, timeout=300)
        assert done.returncode == 0, done.stderr
        assert "Traceback" not in done.stderr
        t = turns(done.stdout)[1:]  # the greeting first
        assert len(t) == len(part), t
        got.update({first + i: reply for i, reply in enumerate(t)})
    profile = run_viva("profile", "--json", env=env)
    got[0] = profile.stdout
    return got


def test_never_exactly_never_a_refusal_where_the_bank_answers(replies: dict[int, str]) -> None:
    for n in range(1, 42):
        assert "Exactly" not in replies[n], n
    answerable = [12, 15, 18, 21, 22, 23, 25, 30, 32, 33, 34, 35, 36, 37, 38, 40, 41]
    assert [n for n in answerable if REFUSED in replies[n]] == []


def test_sets_pace_and_noise(replies: dict[int, str]) -> None:
    assert "Python questions, beginner to intermediate" in replies[1]
    assert "Question 1 of 20" in replies[1]
    assert "slowly" in replies[2] and "FastAPI" not in replies[2]
    assert "Microservices questions, beginner to intermediate" in replies[3]
    assert "Question 1 of 20" in replies[3]  # the bank has a real top 20 now
    assert "didn't catch" in replies[4]
    assert "answer" in replies[5].lower()
    assert "Question 2 of" in replies[6]  # "cheers, cheers" goes on
    assert "slowest" in replies[7] or "slowly" in replies[7]
    assert "Indian" in replies[7] and "viva voices" in replies[7]
    assert "Microservices questions, senior" in replies[8]
    assert "From now on, in every session" in replies[9]
    assert "Question" not in replies[10] or "Question 2 of" in replies[10]  # "yes" continues
    assert "Question 2 of" in replies[11] or "Question 3 of" in replies[11]
    assert "resume" in replies[29]


def test_examples_topics_and_repeats(replies: dict[int, str]) -> None:
    assert "service discovery" in replies[12].lower() and "Example:" in replies[12]
    assert "Example 2:" in replies[13]
    assert "10 most important Microservices topics" in replies[14]
    assert "orchestrator" in replies[15] and "CI/CD" in replies[15]
    assert replies[16].startswith("The last word was:")
    assert "welcome" in replies[17]
    assert "In simple words" in replies[18] and "Example" in replies[18]
    assert "In simple words" in replies[19]


def test_questions_from_the_bank(replies: dict[int, str]) -> None:
    assert "Jenkins" in replies[21] and "Kubernetes" in replies[21]
    assert "can't see your setup" in replies[22] and "image" in replies[22]
    assert "GitHub Actions and Jenkins" in replies[23]
    assert "Jenkins need its own server" in replies[25]


def test_checks_are_honest(replies: dict[int, str]) -> None:
    assert replies[20].startswith("No")  # orchestration is not on top of CI/CD
    assert replies[24].startswith("No")  # GitHub Actions can deploy containers
    assert replies[26].startswith("Yes")  # Jenkins and the orchestrator are different
    assert replies[27].startswith("Yes")  # Kubernetes won't run the test cases
    assert not replies[28].startswith("Yes, that's right")  # the flow has a wrong part


def test_the_later_conversation_remembers(replies: dict[int, str]) -> None:
    doc = json.loads(replies[0])
    profile = doc["profile"]
    assert "senior backend" in profile["target_role"]
    assert set(profile["strong"].split(",")) == {"python", "django"}
    assert set(profile["weak"].split(",")) == {"flask", "fastapi"}
    assert {"system-design", "design-patterns", "microservices"} <= set(
        profile["wanted"].split(",")
    )
    assert doc["preferences"]["pace"] == "slow"
    assert "Flask and FastAPI" in replies[30] and "Noted" in replies[30]
    assert "Hello" in replies[31]
    assert "async def" in replies[32]
    assert "In simple words" in replies[33] and "Example" in replies[33]
    assert "FastAPI" in replies[34] and "Flask" in replies[34]
    assert "FastAPI" in replies[35] and "Flask" in replies[35]
    assert "FastAPI" in replies[36].split("\n")[0]
    assert "Flask" in replies[37].split("\n")[0]
    assert "single-threaded or multi-threaded" in replies[38]
    assert "Which term do you mean" in replies[39] and "Gunicorn" in replies[39]
    assert "advanced Python concepts" in replies[40]
    assert "Django" not in replies[41].split("\n")[0]  # the Python answer, not Django's
    assert "thread" in replies[41].lower()
