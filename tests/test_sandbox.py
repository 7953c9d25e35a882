"""Issue 16, finding 6: a snippet cannot write outside its temporary folder, exhaust memory,
reach the network (even through ``_socket``), or leave a process behind; ``bank stats`` and
``export`` execute nothing unless asked."""

from __future__ import annotations

import json
import os
import time
from pathlib import Path

import pytest

from tests.conftest import run_viva
from viva.bank.model import Check, Snippet
from viva.sandbox import jail, run_snippet

JAILED = bool(jail())


def snippet(code: str, expected: str = "ok") -> Snippet:
    return Snippet("s", "python", code, expected, Check.CONTAINS, True)


def test_a_harmless_snippet_still_passes() -> None:
    got = run_snippet(
        snippet("import os\nopen('f.txt', 'w').write('x')\nprint('ok', os.listdir('.'))")
    )
    assert got.ok, got.message


@pytest.mark.skipif(not JAILED, reason="no namespaces here: the socket guard is the fence")
def test_a_snippet_cannot_write_outside_its_folder(tmp_path: Path) -> None:
    target = tmp_path / "outside.txt"
    got = run_snippet(snippet(f"open({str(target)!r}, 'w').write('x'); print('ok')"))
    assert not got.ok and "Read-only file system" in got.message
    assert not target.exists()


def test_memory_is_limited() -> None:
    got = run_snippet(snippet("b = bytearray(1500 * 1024 * 1024); print('ok')"))
    assert not got.ok and "MemoryError" in got.message


def test_file_size_is_limited() -> None:
    got = run_snippet(snippet("open('big', 'wb').write(b'x' * (64 << 20)); print('ok')"))
    assert not got.ok and "File too large" in got.message


def test_endless_output_is_bounded() -> None:
    got = run_snippet(snippet("import sys\nwhile True: sys.stdout.write('x' * 65536)"), timeout=5)
    assert not got.ok and len(got.stdout) <= 1_000_000


def test_the_network_is_unreachable_even_through_the_c_socket_module() -> None:
    code = "import _socket\ns = _socket.socket()\ns.settimeout(3)\ns.connect(('1.1.1.1', 80))\nprint('ok')"
    got = run_snippet(snippet(code))
    assert not got.ok and "OSError" in got.message


def running(token: str) -> bool:
    """Whether a process whose command line holds ``token`` is alive (zombies aside)."""
    for pid in filter(str.isdigit, os.listdir("/proc")):
        try:
            cmd = Path(f"/proc/{pid}/cmdline").read_bytes()
            state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
        except OSError:
            continue
        if token.encode() in cmd and state != "Z":
            return True
    return False


def leaver(token: str, escape: bool) -> str:
    flag = ", start_new_session=True" if escape else ""
    return (
        "import subprocess, sys\n"
        f"subprocess.Popen([sys.executable, '-c', 'import time; time.sleep(30)', {token!r}]{flag})\n"
        "print('ok')"
    )


def test_a_process_left_behind_dies_with_the_snippet() -> None:
    token = f"viva-test-{os.getpid()}-{time.time_ns()}"
    assert run_snippet(snippet(leaver(token + "-group", escape=False))).ok
    time.sleep(0.5)
    assert not running(token + "-group")  # in the snippet's process group: killed as a whole
    if JAILED:  # even one that left the group dies with the PID namespace
        assert run_snippet(snippet(leaver(token + "-escaped", escape=True))).ok
        time.sleep(0.5)
        assert not running(token + "-escaped")


def test_a_timeout_kills_the_whole_group() -> None:
    token = f"viva-test-{os.getpid()}-{time.time_ns()}-timeout"
    code = leaver(token, escape=False).replace("print('ok')", "import time; time.sleep(60)")
    got = run_snippet(snippet(code), timeout=2)
    assert got.code == "V051"
    time.sleep(0.5)
    assert not running(token)


def test_bank_stats_and_export_run_no_snippet_unless_asked(viva_home: Path) -> None:
    stats = json.loads(run_viva("bank", "stats", "--json").stdout)
    assert stats["snippets"]["total"] > 0 and stats["snippets"]["run"] == 0
    assert not (viva_home / "cache" / "snippets.json").exists()
    done = run_viva("export", "-f", "markdown", "--ids", "python.gil")
    assert done.returncode == 0 and "Output (real" not in done.stdout
    assert not (viva_home / "cache" / "snippet-output.json").exists()
    run_viva("bank", "lint", "--topic", "docker")  # remembered results are then counted
    again = json.loads(run_viva("bank", "stats", "--json").stdout)
    assert 0 < again["snippets"]["run"] < stats["snippets"]["total"]
    assert os.stat(viva_home / "cache" / "snippets.json").st_mode & 0o077 == 0
