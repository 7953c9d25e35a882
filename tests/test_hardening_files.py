"""Issue 16, the files viva writes and reads: the atomic writer (5), private data and the
first-migration race (8, 10), and recordings that are not recordings (3, 4)."""

from __future__ import annotations

import contextlib
import fcntl
import os
import stat
import struct
import subprocess
import sys
import time
from pathlib import Path

import pytest
from typer.testing import CliRunner

from tests.conftest import run_viva
from viva.cli.app import app
from viva.errors import InputError
from viva.files import write_text_atomic

runner = CliRunner()


# finding 5: the atomic writer


def test_a_link_is_written_through_and_stays_a_link(tmp_path: Path) -> None:
    real = tmp_path / "real.md"
    real.write_text("old")
    link = tmp_path / "link.md"
    link.symlink_to(real)
    write_text_atomic(link, "new")
    assert link.is_symlink() and real.read_text() == "new"


def test_an_existing_file_keeps_its_mode(tmp_path: Path) -> None:
    target = tmp_path / "private.md"
    target.write_text("old")
    os.chmod(target, 0o600)
    write_text_atomic(target, "new")
    assert stat.S_IMODE(target.stat().st_mode) == 0o600 and target.read_text() == "new"


@pytest.mark.parametrize("device", ["/dev/null", "/dev/full"])
def test_a_device_is_refused_not_replaced(device: str) -> None:
    before = os.stat(device)
    with pytest.raises(InputError, match="not a regular file"):
        write_text_atomic(Path(device), "x")
    after = os.stat(device)
    assert stat.S_ISCHR(after.st_mode) and after.st_ino == before.st_ino


def test_export_to_a_device_or_a_fifo_is_one_line(tmp_path: Path) -> None:
    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    for out in ("/dev/full", str(fifo)):
        done = runner.invoke(app, ["export", "-f", "markdown", "--ids", "python.gil", "--out", out])
        assert done.exit_code == 2, done.stderr
        assert "not a regular file" in done.stderr and len(done.stderr.splitlines()) == 1
    assert stat.S_ISFIFO(fifo.lstat().st_mode)


# finding 10: private data


def test_data_folder_and_database_are_private(viva_home: Path) -> None:
    assert runner.invoke(app, ["profile", "set", "pace", "slow"]).exit_code == 0
    assert runner.invoke(app, ["ask", "what is the gil", "--json"]).exit_code == 0
    assert stat.S_IMODE(viva_home.stat().st_mode) == 0o700
    assert stat.S_IMODE((viva_home / "cache").stat().st_mode) == 0o700
    for f in viva_home.glob("viva.db*"):
        assert stat.S_IMODE(f.stat().st_mode) == 0o600, f


# finding 8: the first migration is serialised


@pytest.mark.cold
def test_the_first_migration_waits_for_the_lock(viva_home: Path) -> None:
    viva_home.mkdir(parents=True)
    lock = os.open(viva_home / "viva.db.lock", os.O_CREAT | os.O_RDWR, 0o600)
    fcntl.flock(lock, fcntl.LOCK_EX)  # another viva is migrating this new folder
    proc = subprocess.Popen(
        [sys.executable, "-m", "viva", "profile", "--json"],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        time.sleep(3)
        assert proc.poll() is None  # waiting, not racing to create the tables
    finally:
        os.close(lock)
    out, err = proc.communicate(timeout=60)
    assert proc.returncode == 0, err
    assert '"profile"' in out


@pytest.mark.cold
def test_concurrent_first_starts_all_succeed(viva_home: Path) -> None:
    procs = [
        subprocess.Popen(
            [sys.executable, "-m", "viva", "history", "--json"],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        for _ in range(6)
    ]
    results = [(p.wait(timeout=120), p.communicate()[1]) for p in procs]
    assert all(code == 0 for code, _ in results), results


# finding 3 and 4: recordings


def test_listen_refuses_a_device_without_reading_it() -> None:
    done = run_viva("listen", "/dev/zero", timeout=30)
    assert done.returncode == 2
    assert "not a regular file" in done.stderr and "Traceback" not in done.stderr


def test_listen_refuses_a_huge_file_by_its_size(tmp_path: Path) -> None:
    big = tmp_path / "big.wav"
    with big.open("wb") as fh:
        fh.truncate(2 << 30)  # sparse: 2 GiB that costs nothing unless read
    done = run_viva("listen", str(big), timeout=30)
    assert done.returncode == 2
    assert "bytes (max" in done.stderr and "Traceback" not in done.stderr


def test_random_wav_bodies_are_one_line(tmp_path: Path) -> None:
    import random

    from viva.errors import VoiceError
    from viva.voice import wav

    rng = random.Random(16)
    for _ in range(300):
        fmt = struct.pack(
            "<HHIIHH",
            rng.choice([1, 3, 0xFFFE, rng.randrange(65536)]),
            rng.randrange(4),
            rng.randrange(1 << 32),
            rng.randrange(1 << 32),
            rng.randrange(65536),
            rng.choice([8, 16, 24, 0, rng.randrange(65536)]),
        )
        body = b"fmt " + struct.pack("<I", rng.choice([16, 18, 40, rng.randrange(64)])) + fmt
        body += rng.randbytes(rng.randrange(0, 64))
        body += b"data" + struct.pack("<I", rng.randrange(1 << 32)) + rng.randbytes(64)
        data = b"RIFF" + struct.pack("<I", len(body) + 4) + b"WAVE" + body
        with contextlib.suppress(VoiceError):
            wav.decode(data, "x.wav")
    noise = tmp_path / "noise.wav"
    noise.write_bytes(b"RIFF\x10\x00\x00\x00WAVE" + rng.randbytes(4000))
    done = runner.invoke(app, ["listen", str(noise)])
    assert done.exit_code == 2 and len(done.stderr.splitlines()) == 1
