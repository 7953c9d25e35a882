"""Broken content gets the right rule code, file and line - all problems at once."""

from __future__ import annotations

import shutil
import sys
from pathlib import Path

import pytest

from tests.conftest import DATA, run_viva
from viva.linting import lint

ENTRY = "python/tuple-basics.yaml"


@pytest.fixture
def bank(tmp_path: Path) -> Path:
    root = tmp_path / "content"
    shutil.copytree(DATA / "bank", root)
    return root


def line_of(path: Path, needle: str) -> int:
    for i, line in enumerate(path.read_text().splitlines(), 1):
        if needle in line:
            return i
    raise AssertionError(f"{needle!r} not in {path}")


def edit(path: Path, old: str, new: str) -> None:
    text = path.read_text()
    assert old in text, old
    path.write_text(text.replace(old, new, 1))


def codes_at(root: Path, **kw: float) -> set[tuple[str, int, str]]:
    report = lint(root, **kw)  # type: ignore[arg-type]
    return {(Path(p.path).name, p.line, p.code) for p in report.errors}


def test_fixture_bank_is_clean(bank: Path) -> None:
    report = lint(bank)
    assert report.problems == []
    assert report.snippets.passed == 1


def test_bad_yaml_reports_the_line(bank: Path) -> None:
    path = bank / ENTRY
    edit(path, "question: What is a tuple in Python?", "question: [What is a tuple")
    report = lint(bank)
    (problem,) = [p for p in report.errors if p.code == "V001"]
    assert problem.path.endswith(ENTRY)
    # the parser notices the unclosed flow sequence on or after the line that opened it
    assert problem.line >= line_of(path, "question: [What")


def test_missing_field(bank: Path) -> None:
    path = bank / ENTRY
    text = path.read_text()
    start = text.index("simple: >")
    end = text.index("examples:")
    path.write_text(text[:start] + text[end:])
    report = lint(bank)
    assert [(p.code, "simple" in p.message) for p in report.errors] == [("V011", True)]


def test_wrong_weight_sum(bank: Path) -> None:
    path = bank / ENTRY
    edit(path, "weight: 20,", "weight: 25,")
    assert ("tuple-basics.yaml", line_of(path, "key_points:"), "V041") in codes_at(bank)


def test_dangling_reference(bank: Path) -> None:
    path = bank / ENTRY
    edit(path, "red_flags:", "related:\n  - python.no-such-entry\nred_flags:")
    assert ("tuple-basics.yaml", line_of(path, "- python.no-such-entry"), "V024") in codes_at(bank)


def test_duplicate_id(bank: Path) -> None:
    copy = bank / "python" / "tuple-copy.yaml"
    shutil.copy(bank / ENTRY, copy)
    found = codes_at(bank)
    assert ("tuple-copy.yaml", line_of(copy, "id: python.tuple-basics"), "V022") in found
    assert ("tuple-copy.yaml", line_of(copy, "id: python.tuple-basics"), "V021") in found


def test_snippet_output_differs(bank: Path) -> None:
    path = bank / ENTRY
    edit(path, "expected_output: |\n      home", "expected_output: |\n      away")
    report = lint(bank)
    (problem,) = report.errors
    assert (problem.code, problem.line) == ("V050", line_of(path, "code: |"))
    assert "'away'" in problem.message and "'home'" in problem.message


def test_snippet_that_loops_forever_times_out(bank: Path) -> None:
    path = bank / ENTRY
    edit(path, "point = (1, 2)\n", "point = (1, 2)\n      while True: pass\n")
    report = lint(bank, timeout=1.5)
    (problem,) = report.errors
    assert (problem.code, problem.line) == ("V051", line_of(path, "code: |"))


def test_snippet_cannot_reach_the_network(bank: Path) -> None:
    path = bank / ENTRY
    edit(
        path,
        "point = (1, 2)\n",
        "import socket\n      socket.create_connection(('127.0.0.1', 9))\n      point = (1, 2)\n",
    )
    (problem,) = lint(bank).errors
    assert problem.code == "V052" and "network access is disabled" in problem.message


def test_speakable_field_with_code(bank: Path) -> None:
    path = bank / ENTRY
    edit(path, "slots cannot be reassigned.", "slots cannot be reassigned with `t[0] = 1`.")
    assert ("tuple-basics.yaml", line_of(path, "short_answer:"), "V034") in codes_at(bank)


def test_python_newer_than_the_linter_warns(bank: Path) -> None:
    path = bank / ENTRY
    major, minor = sys.version_info[:2]
    newer, here = f"{major}.{minor + 1}", f"{major}.{minor}"
    edit(
        path,
        "red_flags:",
        f'applies_to: {{python: ">={newer}"}}\nas_of: "Python {newer}, django 5.1"\nred_flags:',
    )
    report = lint(bank)
    assert report.errors == []
    found = {(Path(p.path).name, p.line, p.code) for p in report.warnings}
    assert found == {
        ("tuple-basics.yaml", line_of(path, "applies_to:"), "V057"),
        ("tuple-basics.yaml", line_of(path, "as_of:"), "V057"),
    }
    assert f"Python {newer}" in report.warnings[0].message
    (entry,) = [e for e in report.loaded.bank.entries if e.id == "python.tuple-basics"]
    assert entry.as_of == (("Python", newer), ("django", "5.1"))

    # the running release, an upper bound and other tools' versions are fine
    edit(path, f'">={newer}"', f'">={here}, <{newer}"')
    edit(path, f'"Python {newer}, django 5.1"', f'{{python: "{here}", django: "99.0"}}')
    assert lint(bank).warnings == []


def test_as_of_needs_quoted_versions(bank: Path) -> None:
    path = bank / ENTRY
    edit(path, "red_flags:", "as_of: {django: 5.1}\nred_flags:")
    assert ("tuple-basics.yaml", line_of(path, "as_of:"), "V012") in codes_at(bank)


def test_unknown_subtopic_and_binary_file(bank: Path) -> None:
    path = bank / ENTRY
    edit(path, "subtopic: data-types", "subtopic: no-such-subtopic")
    (bank / "python" / "blob.yaml").write_bytes(b"\x00\x01\x02binary")
    found = codes_at(bank)
    assert ("tuple-basics.yaml", line_of(path, "subtopic:"), "V023") in found
    assert ("blob.yaml", 1, "V001") in found


def test_all_problems_are_reported_at_once(bank: Path) -> None:
    # two schema problems in one file, a content problem in another: all three come back
    path = bank / ENTRY
    edit(path, "level: beginner", "level: expert")
    edit(path, "frequency: high", "frequency: often")
    other = bank / "python" / "tuple-two.yaml"
    other.write_text(
        path.read_text()
        .replace("python.tuple-basics", "python.tuple-two")
        .replace("level: expert", "level: beginner")
        .replace("frequency: often", "frequency: high")
        .replace("weight: 20,", "weight: 25,")
    )
    found = codes_at(bank)
    assert ("tuple-basics.yaml", line_of(path, "level:"), "V013") in found
    assert ("tuple-basics.yaml", line_of(path, "frequency:"), "V013") in found
    assert ("tuple-two.yaml", line_of(other, "key_points:"), "V041") in found


def test_cli_lint_prints_path_line_code_and_exits_1(bank: Path) -> None:
    path = bank / ENTRY
    edit(path, "weight: 20,", "weight: 25,")
    done = run_viva("bank", "lint", env={"VIVA_CONTENT": str(bank)})
    assert done.returncode == 1
    assert "Traceback" not in done.stdout + done.stderr
    line = done.stdout.strip().splitlines()[0]
    assert line.endswith(
        f"tuple-basics.yaml:{line_of(path, 'key_points:')}: V041 key point weights sum to 105, not 100"
    )
