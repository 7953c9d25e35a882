"""Issue 16, content as an attack: YAML alias bombs (1), links out of the content folder
(10), raw HTML that exports would carry into a browser or Anki (7), and the bank cache that
must not unpickle what someone else wrote (10)."""

from __future__ import annotations

import os
import resource
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import DATA
from viva.linting import lint

ENTRY = "python/tuple-basics.yaml"


@pytest.fixture
def bank(tmp_path: Path) -> Path:
    root = tmp_path / "content"
    shutil.copytree(DATA / "bank", root)
    return root


def bomb(levels: int) -> str:
    lines = ['a0: &a0 ["lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol"]']
    for i in range(1, levels + 1):
        lines.append(f"a{i}: &a{i} [" + ", ".join([f"*a{i - 1}"] * 9) + "]")
    return "\n".join(lines) + "\n"


def _limits() -> None:  # run in the child: 20 s of CPU and 1 GiB of memory at most
    resource.setrlimit(resource.RLIMIT_CPU, (20, 20))
    resource.setrlimit(resource.RLIMIT_AS, (1 << 30, 1 << 30))


def test_a_yaml_alias_bomb_is_refused_within_bounded_time_and_memory(
    bank: Path, viva_home: Path
) -> None:
    path = bank / "python" / "bomb.yaml"
    path.write_text(bomb(10))  # followed, 9**10 lists: the machine's memory, many times over
    assert len(path.read_bytes()) < 1000
    env = {**os.environ, "VIVA_CONTENT": str(bank), "VIVA_HOME": str(viva_home)}
    done = subprocess.run(
        [sys.executable, "-m", "viva", "bank", "lint", "--no-run"],
        capture_output=True,
        text=True,
        env=env,
        timeout=120,
        preexec_fn=_limits,
    )
    assert done.returncode == 1, done.stderr  # a lint failure, not SIGXCPU or MemoryError
    assert "content/python/bomb.yaml:2: V003 YAML anchors and aliases" in done.stdout
    # and the rest of the bank still loads for every other command
    asked = subprocess.run(
        [sys.executable, "-m", "viva", "show", "python.tuple-basics", "--json"],
        capture_output=True,
        text=True,
        env=env,
        timeout=120,
        preexec_fn=_limits,
    )
    assert asked.returncode == 0, asked.stderr


def test_a_single_alias_or_merge_key_is_refused_too(bank: Path) -> None:
    entry = bank / ENTRY
    text = entry.read_text()
    entry.write_text(text.replace("question:", "question: &q", 1) + "variants2: *q\n")
    report = lint(bank, run_snippets=False)
    assert any(p.code == "V003" and p.path.endswith("tuple-basics.yaml") for p in report.errors)


def test_deep_nesting_is_refused(bank: Path) -> None:
    (bank / "python" / "deep.yaml").write_text("a: " + "[" * 5000 + "]" * 5000 + "\n")
    report = lint(bank, run_snippets=False)
    found = [p for p in report.errors if p.path.endswith("deep.yaml")]
    assert found and found[0].code in {"V001", "V003"}


def test_content_links_outside_the_folder_are_refused(bank: Path, tmp_path: Path) -> None:
    secret = tmp_path / "secret.yaml"
    secret.write_text((bank / ENTRY).read_text().replace("python.tuple-basics", "python.leak"))
    (bank / "python" / "leak.yaml").symlink_to(secret)
    (bank / "python" / "zero.yaml").symlink_to("/dev/zero")
    inside = bank / "python" / "alias.yaml"
    inside.symlink_to(bank / ENTRY)  # a link inside the folder is fine (and a duplicate id)
    report = lint(bank, run_snippets=False)
    codes = {(Path(p.path).name, p.code) for p in report.errors}
    assert ("leak.yaml", "V004") in codes and ("zero.yaml", "V004") in codes
    assert ("alias.yaml", "V004") not in codes
    assert report.loaded.bank.get("python.leak") is None


def test_raw_html_in_content_is_a_lint_error(bank: Path) -> None:
    entry = bank / ENTRY
    text = entry.read_text()
    text = text.replace("short_answer: ", "short_answer: <img src=x onerror=alert(1)> ", 1)
    entry.write_text(text)
    report = lint(bank, run_snippets=False)
    assert any(p.code == "V039" and "short_answer" in p.message for p in report.errors)


def test_html_in_code_spans_is_not_raw_html() -> None:
    from viva.bank.html_rule import raw_html

    assert raw_html("use `<br>` or\n```html\n<script>x</script>\n```\n") is None
    assert raw_html("when x < y and y > z") is None
    assert raw_html("click [here](javascript:alert(1))") == "javascript:"
    assert raw_html("<!-- hidden -->") == "<!--"


EVIL = (
    "Tuples <script>alert('xss')</script> are <img src=x onerror=alert(1)> immutable. "
    "[Read more](javascript:alert(2))"
)


def evil_entry():  # type: ignore[no-untyped-def]
    import dataclasses

    from viva.app.library import Library

    svc = Library()
    e = svc.entry("python.gil")
    return svc, dataclasses.replace(e, answer=EVIL + "\n\n" + e.answer, short_answer=EVIL)


def test_html_export_escapes_raw_html_and_unsafe_links() -> None:
    from viva.export.html import page
    from viva.export.markdown import guide

    svc, e = evil_entry()
    html = page(guide([e], svc.bank, {}, "t"), "t")
    assert "<script>alert" not in html and "<img src=x" not in html
    assert "&lt;script&gt;" in html
    assert 'href="javascript' not in html.lower()


def test_anki_answer_field_escapes_raw_html() -> None:
    from viva.export.anki import back

    _, e = evil_entry()
    card = back(e, {})
    assert "<script>" not in card and "<img src=x" not in card
    assert 'href="javascript' not in card.lower() and "&lt;script&gt;" in card


@pytest.mark.cold
def test_a_cache_in_a_folder_others_can_write_is_not_unpickled(
    viva_home: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from viva.app.library import Library

    Library().bank  # noqa: B018 - builds and writes the cache
    cache = viva_home / "cache"
    pickles = list(cache.glob("bank-*.pickle"))
    assert pickles and (cache.stat().st_mode & 0o777) == 0o700
    marker = viva_home.parent / "pwned"
    payload = f"cos\nsystem\n(S'touch {marker}'\ntR."  # pickle protocol 0: runs a command
    pickles[0].write_bytes(payload.encode())
    os.chmod(cache, 0o777)  # someone else could have put that file there
    svc = Library()
    assert svc.bank.entries and not svc.from_cache
    assert not marker.exists()
    assert "not loading the cache" in capsys.readouterr().err
    os.chmod(cache, 0o700)  # the user's own folder: the cache is trusted and used again
    pickles[0].unlink()
    Library().bank  # noqa: B018
    again = Library()
    again.bank  # noqa: B018
    assert again.from_cache
