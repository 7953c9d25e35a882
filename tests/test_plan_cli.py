"""``viva plan`` end to end: the saved plan, the JSON contract, bad job descriptions."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.conftest import run_viva

JD = Path(__file__).resolve().parent / "data" / "jd"


def _profile() -> None:
    for key, value in [
        ("strong", "python,django"),
        ("weak", "flask,fastapi"),
        ("target_role", "senior backend developer"),
    ]:
        assert run_viva("profile", "set", key, value).returncode == 0


def test_plan_json_follows_the_profile_and_is_saved() -> None:
    _profile()
    done = run_viva("plan", "--jd", str(JD / "founding-learner.txt"), "--days", "5", "--json")
    assert done.returncode == 0, done.stderr
    doc = json.loads(done.stdout)
    assert {r["topic"] for r in doc["requirements"]} >= {"fastapi", "flask", "microservices"}
    assert len(doc["days"]) == 5
    first = doc["days"][0]["items"][0]
    assert first["topic"] in {"fastapi", "flask"} and first["kind"] == "new"
    assert all(sum(i["minutes"] for i in d["items"]) <= 60 for d in doc["days"])
    shown = run_viva("plan", "show", "--json")
    assert shown.returncode == 0, shown.stderr
    again = json.loads(shown.stdout)
    assert again["days"] == doc["days"] and again["today"] == 1
    text = run_viva("plan", "show")
    assert "Day 1" in text.stdout and "<- today" in text.stdout


def test_plan_from_stdin_with_minutes() -> None:
    jd = (JD / "13-one-line.txt").read_text()
    done = run_viva("plan", "--days", "2", "--minutes", "30", "--json", stdin=jd)
    assert done.returncode == 0, done.stderr
    doc = json.loads(done.stdout)
    assert all(sum(i["minutes"] for i in d["items"]) <= 30 for d in doc["days"])


def test_show_without_a_plan() -> None:
    done = run_viva("plan", "show")
    assert done.returncode == 2
    assert done.stderr.startswith("viva: no saved plan yet")


@pytest.mark.parametrize(
    ("content", "expected"),
    [
        (b"", "the job description is empty"),
        (b"  \n\n\t\n", "the job description is empty"),
        (b"Senior engineer\nPython\x00\x01\x02 Django", ":2: binary data"),
        (b"Senior engineer\n\xff\xfe Python", ":2: not UTF-8 text"),
        (b"Python " * 750_000, "MB; a job description is at most"),
        ((JD / "10-nurse.txt").read_bytes(), "no backend skills viva covers"),
    ],
    ids=["empty", "blank", "binary", "latin1", "5mb", "no-backend"],
)
def test_bad_job_descriptions(tmp_path: Path, content: bytes, expected: str) -> None:
    _profile()
    jd = tmp_path / "jd.txt"
    jd.write_bytes(content)
    before = run_viva("profile", "--json").stdout
    done = run_viva("plan", "--jd", str(jd))
    assert done.returncode == 2
    lines = done.stderr.strip().splitlines()
    assert len(lines) == 1 and expected in lines[0], done.stderr
    assert "Traceback" not in done.stderr
    assert run_viva("plan", "show").returncode == 2  # nothing half-saved
    assert run_viva("profile", "--json").stdout == before


def test_missing_file() -> None:
    done = run_viva("plan", "--jd", "/nonexistent/jd.txt")
    assert done.returncode == 2
    assert "cannot read /nonexistent/jd.txt" in done.stderr
