"""``viva export`` with the real tools: Anki imports the deck, Markdown renders, Chromium prints.

Every format comes from the same selection; failures leave no partial file behind.
"""

from __future__ import annotations

import json
import os
import re
from pathlib import Path

import pytest

from tests.conftest import run_viva
from viva.app.library import Library
from viva.export.anki import write_deck
from viva.export.outputs import real_outputs

IDS = "python.gil,python.shallow-vs-deep-copy,flask.application-factory-blueprints"


def _anki_import(col_path: Path, apkg: Path) -> None:
    from anki.collection import Collection, ImportAnkiPackageOptions, ImportAnkiPackageRequest

    col = Collection(str(col_path))
    try:
        col.import_anki_package(
            ImportAnkiPackageRequest(
                package_path=str(apkg),
                options=ImportAnkiPackageOptions(merge_notetypes=True, with_scheduling=False),
            )
        )
    finally:
        col.close()


def _notes(col_path: Path) -> dict[str, tuple[list[str], list[str]]]:
    from anki.collection import Collection

    col = Collection(str(col_path))
    try:
        out = {}
        for nid in col.find_notes(""):
            note = col.get_note(nid)
            out[note["Id"]] = (list(note.fields), list(note.tags))
        return out
    finally:
        col.close()


def test_anki_deck_imports_and_reimport_updates(tmp_path: Path) -> None:
    svc = Library()
    entries = [svc.entry(i) for i in IDS.split(",")]
    outputs = real_outputs(entries, tmp_path / "cache")
    apkg, col = tmp_path / "deck.apkg", tmp_path / "collection.anki2"
    write_deck(apkg, entries, svc.bank, outputs, "viva::test", timestamp=1_700_000_000)
    _anki_import(col, apkg)
    notes = _notes(col)
    assert set(notes) == set(IDS.split(","))
    fields, tags = notes["python.gil"]
    assert fields[0] == svc.entry("python.gil").question
    assert "GIL" in fields[1] and "Key points" in fields[1]
    gil = svc.entry("python.gil")
    assert set(tags) == {
        "viva::python",
        f"viva::python::{gil.subtopic}",
        f"level::{gil.level.label}",
    }
    e = svc.entry("python.shallow-vs-deep-copy")
    assert f"level::{e.level.label}" in notes[e.id][1]
    assert f"viva::{e.topic}::{e.subtopic}" in notes[e.id][1]
    # a later export (newer timestamp) with a changed answer updates the same notes
    from dataclasses import replace

    changed = [replace(entries[0], short_answer="CHANGED short answer."), *entries[1:]]
    write_deck(apkg, changed, svc.bank, outputs, "viva::test", timestamp=1_700_100_000)
    _anki_import(col, apkg)
    again = _notes(col)
    assert len(again) == 3
    assert "CHANGED short answer." in again[entries[0].id][0][1]


def test_markdown_guide_renders(tmp_path: Path) -> None:
    import markdown

    out = tmp_path / "guide.md"
    done = run_viva("export", "--format", "markdown", "--ids", IDS, "--out", str(out), "--run")
    assert done.returncode == 0, done.stderr
    text = out.read_text()
    html = markdown.markdown(text, extensions=["fenced_code"])
    h2 = re.findall(r"<h2>(.*?)</h2>", html)
    assert h2[0] == "Contents"
    assert [h.split(".", 1)[0] for h in h2[1:]] == ["1", "2", "3"]
    for section in ("Answer", "In simple words", "Key points", "Common misconceptions", "Code"):
        assert f"<h3>{section}</h3>" in html
    assert '<code class="language-python">' in html
    # the real output of the shallow/deep copy snippet, as it printed
    assert "Output (real, from running it):" in text
    svc = Library()
    exact = [
        s
        for i in IDS.split(",")
        for s in svc.entry(i).snippets
        if s.run and s.check is not None and s.check.value == "exact" and s.expected_output
    ]
    assert exact, "the chosen entries should have a snippet with exact output"
    for s in exact:
        assert f"Output (real, from running it):\n\n```text\n{s.expected_output.strip()}" in text
    assert text.count("- [ ] ") >= 9  # key points as a checklist


def test_markdown_to_stdout_and_selection_by_topic_and_level() -> None:
    done = run_viva(
        "export", "-f", "markdown", "--topic", "flask", "--level", "beginner", "--no-run"
    )
    assert done.returncode == 0, done.stderr
    svc = Library()
    want = [e for e in svc.bank.in_topic("flask") if e.level.label == "beginner"]
    assert done.stdout.count("\n## ") == len(want) + 1
    assert all(e.question in done.stdout for e in want)


def test_export_json_names_the_entries(tmp_path: Path) -> None:
    out = tmp_path / "g.html"
    done = run_viva("export", "-f", "html", "--ids", IDS, "--out", str(out), "--json", "--no-run")
    assert done.returncode == 0, done.stderr
    assert json.loads(done.stdout)["entries"] == IDS.split(",")


def test_html_prints_to_pdf_in_chromium(tmp_path: Path) -> None:
    playwright = pytest.importorskip("playwright.sync_api")
    if not Path("/usr/bin/chromium").exists():
        pytest.skip("Debian chromium is not installed (make test installs it)")
    out = tmp_path / "guide.html"
    done = run_viva("export", "--format", "html", "--ids", IDS, "--out", str(out))
    assert done.returncode == 0, done.stderr
    page_html = out.read_text()
    assert "http://" not in re.sub(r'href="[^"]*"', "", page_html).split("<body>")[0]
    assert "<script" not in page_html and "<link" not in page_html  # self-contained
    errors: list[str] = []
    requests: list[str] = []
    with playwright.sync_playwright() as p:
        browser = p.chromium.launch_persistent_context(
            str(tmp_path / "profile"),
            executable_path="/usr/bin/chromium",
            headless=True,
            args=[
                "--headless",
                "--no-sandbox",
                "--disable-gpu",
                "--no-first-run",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
            ],
        )
        try:
            page = browser.new_page()
            page.on("pageerror", lambda e: errors.append(str(e)))
            page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
            page.on("request", lambda r: requests.append(r.url))
            page.goto(out.as_uri())
            assert page.locator("h2").count() == 4
            assert page.locator(".highlight").count() >= 1  # code highlighted by Pygments
            pdf = tmp_path / "guide.pdf"
            page.pdf(path=str(pdf), format="A4")
        finally:
            browser.close()
    assert errors == []
    assert [r for r in requests if not r.startswith("file:")] == []
    data = pdf.read_bytes()
    assert data.startswith(b"%PDF") and len(data) > 10_000


@pytest.mark.parametrize(
    ("args", "expected"),
    [
        (["--topic", "cobol"], "unknown topic 'cobol'"),
        (["--ids", "python.nope"], "no entry with id 'python.nope'"),
        (["--level", "guru"], "unknown level 'guru'"),
        (["--plan"], "no saved plan to export"),
    ],
)
def test_bad_selection(tmp_path: Path, args: list[str], expected: str) -> None:
    folder = tmp_path / "out"
    folder.mkdir()
    done = run_viva("export", "-f", "anki", *args, "--out", str(folder / "x.apkg"))
    assert done.returncode == 2
    assert expected in done.stderr and len(done.stderr.strip().splitlines()) == 1
    assert list(folder.iterdir()) == []


@pytest.mark.skipif(os.geteuid() == 0, reason="root can write to read-only folders")
def test_unwritable_folder_non_root(tmp_path: Path) -> None:
    folder = tmp_path / "ro"
    folder.mkdir()
    folder.chmod(0o500)
    try:
        done = run_viva("export", "-f", "markdown", "--ids", IDS, "--out", str(folder / "g.md"))
    finally:
        folder.chmod(0o700)
    assert done.returncode == 2 and "cannot write" in done.stderr
    assert list(folder.iterdir()) == []


@pytest.mark.parametrize("fmt", ["markdown", "html", "anki"])
def test_unwritable_path_leaves_nothing(tmp_path: Path, fmt: str) -> None:
    # a path under a regular file cannot be written, even by root
    folder = tmp_path / "out"
    folder.mkdir()
    blocker = folder / "file"
    blocker.write_text("keep me")
    done = run_viva("export", "-f", fmt, "--ids", IDS, "--out", str(blocker / "x.out"), "--no-run")
    assert done.returncode == 2
    assert "cannot write" in done.stderr and "Traceback" not in done.stderr
    assert sorted(p.name for p in folder.iterdir()) == ["file"]
    assert blocker.read_text() == "keep me"


def test_failed_export_keeps_the_earlier_file(tmp_path: Path) -> None:
    from viva.errors import InputError
    from viva.files import write_atomic

    target = tmp_path / "out" / "deck.apkg"
    target.parent.mkdir()
    target.write_text("earlier export")

    def boom(path: Path) -> None:
        path.write_text("half")
        raise OSError(28, "No space left on device")

    with pytest.raises(InputError, match="No space left"):
        write_atomic(target, boom)
    assert target.read_text() == "earlier export"
    assert [p.name for p in target.parent.iterdir()] == ["deck.apkg"]
