"""Runs the bank's Python snippets in a subprocess and checks their output.

Each snippet runs in a fresh interpreter (``-I``: no user site, no PYTHONPATH), from its own
empty temporary directory (also its HOME and TMPDIR), with a fixed hash seed so set ordering
is reproducible, and these fences:

- its own session and process group, killed as a whole when it ends or times out, so a
  child it leaves behind dies with it; inside a PID namespace where one can be made, so even
  a child that escapes the group dies when the snippet does;
- resource limits set before the snippet runs: CPU seconds, address space, file size and
  (for a normal user) processes;
- where Linux namespaces are permitted (``unshare``): no network at all, and every mount
  read-only except the snippet's temporary directory; otherwise a guard that refuses
  internet sockets (the first thing that runs in the interpreter).
"""

from __future__ import annotations

import contextlib
import functools
import math
import os
import re
import shutil
import signal
import subprocess
import sys
import tempfile
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path
from typing import IO

from viva.bank.model import Check, Snippet

TIMEOUT_S = 10.0

MEMORY_BYTES = 1 << 30
FILE_BYTES = 16 << 20
PROCESSES = 64  # beyond those the user already runs

# Installed before the snippet runs: limits, then internet sockets that cannot connect or
# resolve names (the only network fence when no namespace can be made).
_GUARD = """
import os, resource, socket, runpy, sys
def _limit(kind, value):
    try:
        resource.setrlimit(kind, (value, value))
    except (ValueError, OSError):
        pass
_limit(resource.RLIMIT_CPU, int(os.environ.pop("VIVA_CPU", "11")))
_limit(resource.RLIMIT_AS, int(os.environ.pop("VIVA_MEM", "0")) or resource.RLIM_INFINITY)
_limit(resource.RLIMIT_FSIZE, int(os.environ.pop("VIVA_FSIZE", "0")) or resource.RLIM_INFINITY)
if os.getuid() != 0 and os.path.isdir("/proc"):
    _mine = 0
    for _p in os.listdir("/proc"):
        try:
            _mine += _p.isdigit() and os.stat("/proc/" + _p).st_uid == os.getuid()
        except OSError:
            pass
    _limit(resource.RLIMIT_NPROC, _mine + int(os.environ.pop("VIVA_NPROC", "64")))
os.environ.pop("VIVA_NPROC", None)
_real_connect = socket.socket.connect
def _no_network(*args, **kwargs):
    raise OSError("network access is disabled for snippets")
def _connect(self, address):
    if self.family in (socket.AF_INET, socket.AF_INET6):
        _no_network()
    return _real_connect(self, address)
socket.socket.connect = _connect
socket.socket.connect_ex = lambda self, address: _connect(self, address)
socket.create_connection = _no_network
socket.getaddrinfo = _no_network
sys.argv = ["snippet.py"]
runpy.run_path("snippet.py", run_name="__main__")
"""


@dataclass(frozen=True, slots=True)
class Outcome:
    """What happened when a snippet ran; ``ok`` says whether its check passed."""

    ok: bool
    code: str  # V050 output differs, V051 timeout, V052 unexpected exit status
    message: str
    stdout: str = ""


def _norm(text: str) -> str:
    return "\n".join(line.rstrip() for line in text.strip("\n").splitlines()).rstrip()


def _last_line(text: str) -> str:
    lines = [ln for ln in text.strip().splitlines() if ln.strip()]
    return lines[-1].strip() if lines else ""


def _first_difference(expected: str, got: str) -> str:
    exp, out = expected.splitlines(), got.splitlines()
    for i in range(max(len(exp), len(out))):
        e = exp[i] if i < len(exp) else "<nothing>"
        g = out[i] if i < len(out) else "<nothing>"
        if e != g:
            return f"line {i + 1}: expected {e!r}, got {g!r}"
    return "outputs differ"


def judge(snippet: Snippet, returncode: int, stdout: str, stderr: str) -> Outcome:
    """Compare a finished run with what the snippet promises."""
    expected = (snippet.expected_output or "").strip()
    if snippet.check is Check.RAISES:
        last = _last_line(stderr)
        if returncode == 0:
            return Outcome(False, "V052", "expected an exception but the snippet exited 0", stdout)
        if expected not in last:
            return Outcome(False, "V050", f"expected error {expected!r}, got {last!r}", stdout)
        return Outcome(True, "", "", stdout)
    if returncode != 0:
        return Outcome(False, "V052", f"exited {returncode}: {_last_line(stderr)}", stdout)
    if snippet.check is Check.CONTAINS:
        ok = expected in stdout
    elif snippet.check is Check.REGEX:
        try:
            ok = re.search(expected, stdout, re.MULTILINE) is not None
        except re.error as exc:
            return Outcome(False, "V055", f"bad regex in expected_output: {exc}", stdout)
    else:
        ok = _norm(stdout) == _norm(expected)
        if not ok:
            return Outcome(False, "V050", _first_difference(_norm(expected), _norm(stdout)), stdout)
    if not ok:
        return Outcome(
            False, "V050", f"output does not match ({snippet.check}): {expected!r}", stdout
        )
    return Outcome(True, "", "", stdout)


# Run by ``sh`` inside new user, mount, network and PID namespaces: the temporary
# directory stays writable, every other mount becomes read-only, then the snippet starts.
_JAIL = """
mount --bind "$VIVA_SANDBOX" "$VIVA_SANDBOX" || exit 97
for m in $(awk '{print $2}' /proc/self/mounts); do
  [ "$m" = "$VIVA_SANDBOX" ] || mount -o remount,bind,ro "$m" 2>/dev/null
done
# multiprocessing needs a writable /dev/shm: a small private one, not the machine's
[ -d /dev/shm ] && mount -t tmpfs -o size=64m,mode=1777 tmpfs /dev/shm 2>/dev/null
cd "$VIVA_SANDBOX" || exit 97  # the working directory must be the new, writable mount
exec "$@"
"""


@functools.cache
def jail() -> tuple[str, ...]:
    """The command prefix that isolates a snippet, the strongest this machine permits."""
    unshare = shutil.which("unshare")
    if unshare is None or sys.platform != "linux":
        return ()
    user = () if os.geteuid() == 0 else ("-r",)
    full = (unshare, *user, "-n", "-m", "-p", "-f", "--kill-child", "--", "sh", "-c", _JAIL, "sh")
    for prefix in (full, (unshare, *user, "-n", "--")):
        try:
            probe = subprocess.run(
                [*prefix, "true"],
                capture_output=True,
                timeout=5,
                env={"VIVA_SANDBOX": tempfile.gettempdir(), "PATH": _PATH},
            )
        except (OSError, subprocess.SubprocessError):
            continue
        if probe.returncode == 0:
            return prefix
    return ()


_PATH = os.environ.get("PATH", "/usr/bin:/bin")


def _kill_group(proc: subprocess.Popen[bytes]) -> None:
    with contextlib.suppress(OSError):
        os.killpg(proc.pid, signal.SIGKILL)


def run_snippet(
    snippet: Snippet, *, timeout: float = TIMEOUT_S, python: str | None = None
) -> Outcome:
    """Run one Python snippet in its own temporary directory and judge the result."""
    env = {
        "PATH": _PATH,
        "PYTHONHASHSEED": "0",
        "PYTHONIOENCODING": "utf-8",
        "LANG": "C.UTF-8",
        "no_proxy": "*",
        # each thread would reserve a 64 MB malloc arena: address space, not memory, but
        # it is address space that the limit counts
        "MALLOC_ARENA_MAX": "2",
        "VIVA_CPU": str(math.ceil(timeout) + 1),
        "VIVA_MEM": str(MEMORY_BYTES),
        "VIVA_FSIZE": str(FILE_BYTES),
        "VIVA_NPROC": str(PROCESSES),
    }
    # output goes to unnamed files, not pipes: the file-size limit bounds it too
    with (
        tempfile.TemporaryDirectory(prefix="viva-snippet-") as tmp,
        tempfile.TemporaryFile() as out,
        tempfile.TemporaryFile() as err,
    ):
        env.update(HOME=tmp, TMPDIR=tmp, VIVA_SANDBOX=os.path.realpath(tmp))
        Path(tmp, "snippet.py").write_text(snippet.code, encoding="utf-8")
        command = [*jail(), python or sys.executable, "-I", "-c", _GUARD]
        proc = subprocess.Popen(
            command,
            cwd=tmp,
            env=env,
            stdin=subprocess.DEVNULL,
            stdout=out,
            stderr=err,
            start_new_session=True,
        )
        try:
            proc.wait(timeout=timeout)
        except subprocess.TimeoutExpired:
            _kill_group(proc)
            proc.wait()
            return Outcome(False, "V051", f"did not finish within {timeout:g} s")
        finally:
            _kill_group(proc)  # whatever it started and left behind
        stdout, stderr = _text(out, head=True), _text(err, head=False)
    return judge(snippet, proc.returncode, stdout, stderr)


def _text(fh: IO[bytes], *, head: bool) -> str:
    """At most ``MAX_OUTPUT`` bytes of a finished run's output (the end, for errors)."""
    size = fh.seek(0, os.SEEK_END)
    fh.seek(0 if head else max(0, size - MAX_OUTPUT))
    return fh.read(MAX_OUTPUT).decode("utf-8", "replace")


MAX_OUTPUT = 1_000_000


def run_many(
    snippets: list[Snippet], *, timeout: float = TIMEOUT_S, workers: int | None = None
) -> list[Outcome]:
    """Run snippets in parallel (one interpreter each), results in the same order."""
    if not snippets:
        return []
    with ThreadPoolExecutor(max_workers=workers or min(4, (os.cpu_count() or 2))) as pool:
        return list(pool.map(lambda s: run_snippet(s, timeout=timeout), snippets))
