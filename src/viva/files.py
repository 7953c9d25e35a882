"""Atomic writes: a temporary file in the target's folder, renamed over the target at the end.

A reader never sees a half-written file (an export, a chart, a WAV, a language model), and a
failure (full disk, an exception while rendering, Ctrl-C) removes the temporary file and
leaves any earlier version untouched. Used by every edge that writes a file for the learner.
"""

from __future__ import annotations

import contextlib
import os
import tempfile
from collections.abc import Callable
from pathlib import Path

from viva.errors import InputError


def write_atomic(target: Path, fill: Callable[[Path], None]) -> None:
    """Call ``fill(tmp_path)`` to produce the file, then move it to ``target``."""
    folder = target.parent if str(target.parent) else Path(".")
    if target.is_dir():
        raise InputError(f"cannot write {target}: it is a folder", "give a file name with --out")
    try:
        fd, name = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=folder)
    except OSError as exc:
        raise InputError(f"cannot write {target}: {exc.strerror or exc}",
                         "choose a folder you can write to with --out") from None  # fmt: skip
    os.close(fd)
    tmp = Path(name)
    try:
        fill(tmp)
        mask = os.umask(0)  # mkstemp makes the file private; give it the usual permissions
        os.umask(mask)
        os.chmod(tmp, 0o666 & ~mask)
        os.replace(tmp, target)
    except OSError as exc:
        raise InputError(f"cannot write {target}: {exc.strerror or exc}") from None
    finally:
        with contextlib.suppress(FileNotFoundError):
            tmp.unlink()


def write_text_atomic(target: Path, text: str) -> None:
    def fill(path: Path) -> None:
        path.write_text(text, encoding="utf-8")

    write_atomic(target, fill)
