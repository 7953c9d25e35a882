"""Atomic writes: a temporary file in the target's folder, renamed over the target at the end.

A reader never sees a half-written file (an export, a chart, a WAV, a language model), and a
failure (full disk, an exception while rendering, Ctrl-C) removes the temporary file and
leaves any earlier version untouched. Used by every edge that writes a file for the learner.
"""

from __future__ import annotations

import contextlib
import os
import stat
import tempfile
from collections.abc import Callable
from pathlib import Path

from viva.errors import InputError


def _destination(target: Path) -> tuple[Path, int | None]:
    """The real file to replace (a link's target) and the mode to keep (None: a new file)."""
    real = Path(os.path.realpath(target))
    try:
        st = os.stat(real)
    except FileNotFoundError:
        return real, None
    except OSError as exc:
        raise InputError(f"cannot write {target}: {exc.strerror or exc}") from None
    if stat.S_ISDIR(st.st_mode):
        raise InputError(f"cannot write {target}: it is a folder", "give a file name with --out")
    if not stat.S_ISREG(st.st_mode):
        raise InputError(
            f"cannot write {target}: it is not a regular file",
            "give the name of an ordinary file with --out",
        )
    return real, stat.S_IMODE(st.st_mode)


def write_atomic(target: Path, fill: Callable[[Path], None]) -> None:
    """Call ``fill(tmp_path)`` to produce the file, then move it to ``target``.

    A link is written through (its target is replaced, the link stays), an existing file
    keeps its mode, and a device, pipe or socket is refused rather than replaced.
    """
    real, mode = _destination(target)
    folder = real.parent if str(real.parent) else Path(".")
    try:
        fd, name = tempfile.mkstemp(prefix=f".{real.name}.", suffix=".tmp", dir=folder)
    except OSError as exc:
        raise InputError(
            f"cannot write {target}: {exc.strerror or exc}",
            "choose a folder you can write to with --out",
        ) from None
    os.close(fd)
    tmp = Path(name)
    try:
        fill(tmp)
        if mode is None:  # mkstemp makes the file private; a new file gets the usual mode
            mask = os.umask(0)
            os.umask(mask)
            mode = 0o666 & ~mask
        os.chmod(tmp, mode)
        os.replace(tmp, real)
    except OSError as exc:
        raise InputError(f"cannot write {target}: {exc.strerror or exc}") from None
    finally:
        with contextlib.suppress(FileNotFoundError):
            tmp.unlink()


def write_text_atomic(target: Path, text: str) -> None:
    def fill(path: Path) -> None:
        path.write_text(text, encoding="utf-8")

    write_atomic(target, fill)
