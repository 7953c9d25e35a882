"""The learner's files are private: folders 0700, data files 0600, one migration at a time.

The data folder holds transcripts and a profile, so it is created readable by its owner
only (SQLite gives its ``-wal`` and ``-shm`` files the database's mode). The first start on a
new folder creates the tables; ``migration_lock`` serialises that between processes. A
cache file is unpickled only when it and its folder pass ``trusted``.
"""

from __future__ import annotations

import contextlib
import fcntl
import os
import stat
from collections.abc import Iterator
from pathlib import Path

from viva.errors import StoreError

DIR_MODE = 0o700
FILE_MODE = 0o600


def private_dir(folder: Path) -> Path:
    """Create ``folder`` (and its parents) if missing; a folder viva creates is 0700."""
    missing = [p for p in (folder, *folder.parents) if not p.is_dir()]
    for part in reversed(missing):
        try:
            part.mkdir(mode=DIR_MODE, exist_ok=True)
        except OSError as exc:
            raise StoreError(f"cannot create {part}: {exc.strerror or exc}") from None
    return folder


def trusted(fd: int, folder: Path) -> bool:
    """Whether an open cache file and its folder belong to this user and no one else can
    write them: only then may a pickle from there be loaded (unpickling runs code)."""
    try:
        st, sd = os.fstat(fd), os.stat(folder)
    except OSError:
        return False
    me = os.getuid()
    for s in (st, sd):
        if s.st_uid != me or s.st_mode & 0o022:
            return False
    return stat.S_ISREG(st.st_mode)


def private_file(path: Path) -> None:
    """Create an empty ``path`` readable by its owner only, unless it exists already."""
    private_dir(path.parent)
    try:
        fd = os.open(path, os.O_CREAT | os.O_EXCL | os.O_WRONLY | os.O_NOFOLLOW, FILE_MODE)
    except FileExistsError:
        return
    except OSError as exc:
        raise StoreError(f"cannot create {path}: {exc.strerror or exc}") from None
    os.close(fd)


@contextlib.contextmanager
def migration_lock(lock: Path | None) -> Iterator[None]:
    """Hold an exclusive lock on ``lock`` (no-op for ``None``: a server database)."""
    if lock is None:
        yield
        return
    try:
        fd = os.open(lock, os.O_CREAT | os.O_RDWR | os.O_NOFOLLOW, FILE_MODE)
    except OSError as exc:
        raise StoreError(f"cannot create {lock}: {exc.strerror or exc}") from None
    try:
        fcntl.flock(fd, fcntl.LOCK_EX)
        yield
    finally:
        os.close(fd)  # closing releases the lock
