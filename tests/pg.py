"""A throwaway PostgreSQL for the tests: one cluster per test process, one database per test.

The cluster is Debian's ``postgresql`` binaries run by hand (``initdb`` + ``pg_ctl``) in a
temporary directory, listening on 127.0.0.1 at a free port only, with fsync off: nothing in it
needs to survive the run. ``initdb`` refuses to run as root (``make test`` in CI is root), so
then the cluster runs as the ``postgres`` user from the package, or ``nobody``. Each test gets
a fresh database copied from a template that is already migrated to the newest schema
(``CREATE DATABASE ... TEMPLATE`` is a file copy: much faster than migrating every time), or a
blank one for the migration tests. Without the binaries the PostgreSQL tests skip with one
reason; under CI (``CI`` set) they fail instead, so a broken install cannot pass as green.
"""

from __future__ import annotations

import glob
import itertools
import os
import pwd
import shutil
import socket
import subprocess
import tempfile
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pytest

if TYPE_CHECKING:
    from viva.store.db import Store

TEMPLATE = "viva_template"
_names = itertools.count()


def _bin_dir() -> Path | None:
    """Where ``initdb`` and ``pg_ctl`` are: on PATH, or Debian's versioned directory."""
    found = shutil.which("initdb")
    if found and shutil.which("pg_ctl"):
        return Path(found).resolve().parent
    versions = sorted(
        glob.glob("/usr/lib/postgresql/*/bin/initdb"),
        key=lambda p: (
            int(Path(p).parent.parent.name) if Path(p).parent.parent.name.isdigit() else 0
        ),
    )
    return Path(versions[-1]).parent if versions else None


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def _run_as() -> dict[str, Any]:
    """``subprocess`` arguments that drop root for the server (initdb refuses root)."""
    if os.geteuid() != 0:
        return {}
    for name in ("postgres", "nobody"):
        try:
            pw = pwd.getpwnam(name)
        except KeyError:
            continue
        return {"user": pw.pw_uid, "group": pw.pw_gid, "extra_groups": []}
    raise RuntimeError("running as root and neither a 'postgres' nor a 'nobody' user exists")


@dataclass(frozen=True)
class Cluster:
    """A running throwaway server: make databases on it by name."""

    port: int

    def url(self, db: str) -> str:
        return f"postgresql+psycopg://viva@127.0.0.1:{self.port}/{db}"

    def admin(self, sql: str) -> None:
        """Run one statement outside a transaction (CREATE/DROP DATABASE need that)."""
        import psycopg

        with psycopg.connect(self.url("postgres").replace("+psycopg", ""), autocommit=True) as c:
            c.execute(sql)

    def create(self, template: str = "template0") -> str:
        name = f"t{os.getpid()}_{next(_names)}"
        self.admin(f'CREATE DATABASE "{name}" TEMPLATE "{template}"')
        return name

    def drop(self, name: str) -> None:
        self.admin(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def _unavailable(reason: str) -> None:
    if os.environ.get("CI"):
        pytest.fail(f"PostgreSQL tests cannot run in CI: {reason}")
    pytest.skip(reason)


@pytest.fixture(scope="session")
def pg_cluster() -> Iterator[Cluster]:
    bindir = _bin_dir()
    if bindir is None:
        _unavailable("PostgreSQL is not installed (Debian: apt-get install postgresql)")
    try:
        import psycopg  # noqa: F401
    except ImportError:
        _unavailable("the psycopg driver is not installed (pip install -e '.[dev]')")
    assert bindir is not None
    as_user = _run_as()
    root = Path(tempfile.mkdtemp(prefix="viva-pg-"))
    data, log = root / "data", root / "server.log"
    if as_user:
        os.chown(root, as_user["user"], as_user["group"])
    env = {**os.environ, "LC_ALL": "C.UTF-8", "TZ": "UTC"}
    run: dict[str, Any] = {"env": env, "cwd": root, "check": True, "capture_output": True}
    run.update(as_user)
    try:
        subprocess.run(
            [
                bindir / "initdb",
                "-D",
                data,
                "-U",
                "viva",
                "--auth=trust",
                "-E",
                "UTF8",
                "--no-sync",
                "--no-instructions",
            ],
            **run,
        )
        for _attempt in range(3):  # a free port can be taken between the probe and the bind
            port = _free_port()
            opts = (
                f"-h 127.0.0.1 -p {port} -k {root} -F -c full_page_writes=off "
                "-c synchronous_commit=off -c max_connections=200"
            )
            started = subprocess.run(
                [bindir / "pg_ctl", "-D", data, "-l", log, "-o", opts, "-w", "-t", "30", "start"],
                **{**run, "check": False},
            )
            if started.returncode == 0:
                break
        else:
            raise RuntimeError(f"PostgreSQL did not start: {log.read_text(errors='replace')}")
        _watchdog(bindir, data, root, run)
        cluster = Cluster(port)
        _make_template(cluster)
        yield cluster
    finally:
        subprocess.run(
            [bindir / "pg_ctl", "-D", data, "-m", "immediate", "-w", "stop"],
            **{**run, "check": False},
        )
        shutil.rmtree(root, ignore_errors=True)


def _watchdog(bindir: Path, data: Path, root: Path, run: dict[str, Any]) -> None:
    """Stop the server and delete its files when this test process is gone, however it went
    (a killed pytest runs no teardown): a detached shell that polls for it once a second."""
    script = (
        f"while [ -d /proc/{os.getpid()} ]; do sleep 1; done; "
        f'"{bindir}/pg_ctl" -D "{data}" -m immediate stop; rm -rf "{root}"'
    )
    opts = {k: v for k, v in run.items() if k != "capture_output"}
    subprocess.run(
        ["sh", "-c", f"({script}) >/dev/null 2>&1 </dev/null &"],
        start_new_session=True,  # not in the test run's process group: a Ctrl-C spares it
        **opts,
    )


def _make_template(cluster: Cluster) -> None:
    """A database migrated to the newest schema that every test's database is copied from."""
    from viva.store.db import Store

    cluster.admin(f'CREATE DATABASE "{TEMPLATE}" TEMPLATE template0')
    Store.open(cluster.url(TEMPLATE)).close()  # close: a template must have no connections


@pytest.fixture
def pg_url(pg_cluster: Cluster) -> Iterator[str]:
    """A fresh PostgreSQL database at the newest schema (only the local learner in it)."""
    name = pg_cluster.create(TEMPLATE)
    yield pg_cluster.url(name)
    pg_cluster.drop(name)


@pytest.fixture
def pg_blank_url(pg_cluster: Cluster) -> Iterator[str]:
    """A fresh empty PostgreSQL database (no tables): for the migration tests."""
    name = pg_cluster.create()
    yield pg_cluster.url(name)
    pg_cluster.drop(name)


@pytest.fixture(params=["sqlite", "postgresql"])
def db_target(request: pytest.FixtureRequest, tmp_path: Path) -> Path | str:
    """Where a test's store lives, once per database: a SQLite file or a PostgreSQL URL,
    both at the newest schema once opened."""
    if request.param == "sqlite":
        return tmp_path / "viva.db"
    return str(request.getfixturevalue("pg_url"))


@pytest.fixture(params=["sqlite", "postgresql"])
def blank_target(request: pytest.FixtureRequest, tmp_path: Path) -> tuple[str, str]:
    """An empty database on each engine, as ``(kind, url)``: for the migration tests."""
    if request.param == "sqlite":
        return "sqlite", f"sqlite:///{tmp_path / 'blank.db'}"
    return "postgresql", str(request.getfixturevalue("pg_blank_url"))


@pytest.fixture
def open_store() -> Iterator[Callable[..., Store]]:
    """``Store.open`` for a test: whatever it opened is closed at the end even when the test
    fails (an engine left open on a dropped database warns, and warnings are errors here)."""
    from viva.store.db import Store

    opened: list[Store] = []

    def go(target: Path | str, learner_id: int = 1) -> Store:
        opened.append(Store.open(target, learner_id))
        return opened[-1]

    yield go
    for store in opened:
        store.close()
