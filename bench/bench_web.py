"""Load test of `viva serve --multi-user` on PostgreSQL, loopback only, bounded in time.

Starts a throwaway PostgreSQL cluster (Debian's binaries, as tests/pg.py does) and
`viva serve --multi-user --workers N` on 127.0.0.1, then runs scripted learners at once:
each signs up, starts a set and takes turns (buttons and typed questions that carry the
learner's own tag) with a think time between them, for the duration. It prints turn latency
(p50, p90, p99, max), throughput, errors, and checks that no turn was lost or written to
another learner: every learner's transcript, read back as that learner, holds exactly the
lines it sent, each with its own tag; another learner's conversation id is a 404. Then the
memory (RSS) of every server process. Everything stops by itself; nothing leaves loopback.

    python bench/bench_web.py                       # 200 learners, 4 workers, 120 s
    python bench/bench_web.py --learners 20 --seconds 20 --workers 2
    python bench/bench_web.py --memory              # one worker: RSS idle, after text, after voice
"""

from __future__ import annotations

import argparse
import asyncio
import os
import random
import shutil
import signal
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import httpx

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "src"))

from tests.pg import Cluster, _bin_dir, _free_port, _run_as  # noqa: E402

PASSWORD = "load test passphrase"


def start_postgres(root: Path) -> tuple[Cluster, Any]:
    bindir = _bin_dir()
    if bindir is None:
        sys.exit("PostgreSQL is not installed (Debian: apt-get install postgresql)")
    as_user = _run_as()
    if as_user:
        os.chown(root, as_user["user"], as_user["group"])
    env = {**os.environ, "LC_ALL": "C.UTF-8", "TZ": "UTC"}
    run: dict[str, Any] = {"env": env, "cwd": root, "check": True, "capture_output": True}
    run.update(as_user)
    data = root / "data"
    subprocess.run(
        [bindir / "initdb", "-D", data, "-U", "viva", "--auth=trust", "-E", "UTF8", "--no-sync"],
        **run,
    )
    port = _free_port()
    opts = f"-h 127.0.0.1 -p {port} -k {root} -c max_connections=300"
    subprocess.run(
        [bindir / "pg_ctl", "-D", data, "-l", root / "pg.log", "-o", opts, "-w", "start"], **run
    )

    def stop() -> None:
        subprocess.run(
            [bindir / "pg_ctl", "-D", data, "-m", "fast", "-w", "stop"], **{**run, "check": False}
        )

    cluster = Cluster(port)
    cluster.admin('CREATE DATABASE "viva_load"')
    return cluster, stop


@dataclass
class Learner:
    n: int
    tag: str
    conversation: int = 0
    sent: list[str] = field(default_factory=list)  # the learner lines, as the transcript keeps them
    latencies: list[float] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)


async def call(c: httpx.AsyncClient, who: Learner, method: str, url: str, **kw: Any) -> Any:
    t0 = time.perf_counter()
    try:
        r = await c.request(method, url, **kw)
    except httpx.HTTPError as exc:
        who.errors.append(f"{url}: {type(exc).__name__}")
        return None
    took = time.perf_counter() - t0
    if r.status_code >= 400:
        who.errors.append(f"{url}: {r.status_code} {r.text[:120]}")
        return None
    return took, r.json()


async def join(c: httpx.AsyncClient, who: Learner, gate: asyncio.Semaphore) -> bool:
    """Sign up and start a set (argon2 is costly on purpose: a few at a time, as people
    arrive, not 200 in the same second)."""
    async with gate:
        me = await call(c, who, "GET", "/api/me")
        if me is None:
            return False
        c.headers["X-CSRF-Token"] = me[1]["csrf"]
        body = {"username": who.tag, "password": PASSWORD}
        got = await call(c, who, "POST", "/api/signup", json=body)
        if got is None:
            return False
        c.headers["X-CSRF-Token"] = got[1]["csrf"]
        body = {"mode": "set", "topic": "python", "count": 50}
        got = await call(c, who, "POST", "/api/conversations", json=body)
        if got is None:
            return False
        who.conversation = got[1]["conversation"]
        who.sent.append("teach me python")  # the start, said for the learner
        return True


async def talk(
    c: httpx.AsyncClient, who: Learner, peers: list[Learner], until: float, think: Any
) -> None:
    rng = random.Random(who.n)
    turn = f"/api/conversations/{who.conversation}"
    while time.monotonic() < until:
        await asyncio.sleep(rng.uniform(*think))
        if time.monotonic() >= until:
            break
        if rng.random() < 0.5:
            action = rng.choice(["next", "example", "repeat", "simpler"])
            got = await call(c, who, "POST", f"{turn}/actions", json={"action": action})
            line = f"[{action}]"
        else:
            line = f"what is the difference between a list and a tuple {who.tag}"
            got = await call(c, who, "POST", f"{turn}/lines", json={"text": line})
        if got is not None:
            who.sent.append(line)
            who.latencies.append(got[0])
    # read back as this learner: every line it sent, in order, and nothing else
    got = await call(c, who, "GET", turn)
    if got is not None:
        mine = [t["text"] for t in got[1]["turns"] if t["role"] == "learner"]
        if mine != who.sent:
            who.errors.append(f"transcript differs: {len(mine)} kept vs {len(who.sent)} sent")
        other = peers[(who.n + 1) % len(peers)].conversation
        r = await c.get(f"/api/conversations/{other}")
        if other and other != who.conversation and r.status_code != 404:
            who.errors.append(f"another learner's conversation answered {r.status_code}")


async def run_all(base: str, people: list[Learner], seconds: float, think: Any) -> float:
    """Everyone joins, then everyone talks for ``seconds``; the joining time is returned."""
    gate = asyncio.Semaphore(8)
    clients = [httpx.AsyncClient(base_url=base, timeout=60) for _ in people]
    t0 = time.monotonic()
    joined = await asyncio.gather(*(join(c, w, gate) for c, w in zip(clients, people, strict=True)))
    took = time.monotonic() - t0
    until = time.monotonic() + seconds
    await asyncio.gather(
        *(
            talk(c, w, people, until, think)
            for c, w, ok in zip(clients, people, joined, strict=True)
            if ok
        )
    )
    for c in clients:
        await c.aclose()
    return took


def rss_mb(pid: int) -> float:
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
    except OSError:
        pass
    return 0.0


def children(pid: int) -> list[int]:
    try:
        return [int(x) for x in Path(f"/proc/{pid}/task/{pid}/children").read_text().split()]
    except OSError:
        return []


def memory(base: str, server: subprocess.Popen[bytes]) -> None:
    """RSS of the one worker: idle, after a graded answer (the grader loads), after a spoken
    turn (the recognisers and the voice load)."""
    sys.path.insert(0, str(ROOT / "tests"))
    from tests.voice_audio import utterance

    def worker_mb() -> float:
        return max((rss_mb(p) for p in children(server.pid)), default=rss_mb(server.pid))

    print(f"idle: {worker_mb():.0f} MB")
    with httpx.Client(base_url=base, timeout=300) as c:
        c.headers["X-CSRF-Token"] = c.get("/api/me").json()["csrf"]
        got = c.post("/api/signup", json={"username": "memo", "password": PASSWORD}).json()
        c.headers["X-CSRF-Token"] = got["csrf"]
        body = {"mode": "interview", "topic": "python", "count": 2}
        cid = c.post("/api/conversations", json=body).json()["conversation"]
        answer = {"text": "lists are mutable, tuples are immutable and hashable"}
        c.post(f"/api/conversations/{cid}/lines", json=answer).raise_for_status()
        print(f"after a graded answer: {worker_mb():.0f} MB")
        wav = utterance(Path(tempfile.mkdtemp()), "next question")
        files = {"audio": ("a.wav", wav.read_bytes(), "audio/wav")}
        c.post(f"/api/conversations/{cid}/voice", files=files).raise_for_status()
        c.post("/api/speech", json={"sentences": ["Next question."]}).raise_for_status()
        print(f"after a spoken turn and a spoken reply: {worker_mb():.0f} MB")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--learners", type=int, default=200)
    ap.add_argument("--workers", type=int, default=4)
    ap.add_argument("--seconds", type=float, default=120)
    ap.add_argument("--think", type=float, nargs=2, default=(2.0, 6.0), help="min max seconds")
    ap.add_argument("--memory", action="store_true", help="measure one worker's memory only")
    args = ap.parse_args()
    if args.memory:
        args.workers = 1
    root = Path(tempfile.mkdtemp(prefix="viva-load-"))
    cluster, stop_pg = start_postgres(root)
    home = root / "home"
    env = {
        **os.environ,
        "VIVA_HOME": str(home),
        "VIVA_SECRET": "load-test-secret-" + "s" * 32,
        "PYTHONPATH": str(ROOT / "src"),
    }
    port = _free_port()
    base = f"http://127.0.0.1:{port}"
    server = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "viva",
            "serve",
            "--multi-user",
            "--port",
            str(port),
            "--workers",
            str(args.workers),
            "--database",
            cluster.url("viva_load"),
        ],
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        start_new_session=True,
    )
    try:
        deadline = time.monotonic() + 120
        while True:
            try:
                if httpx.get(base + "/api/me", timeout=2).status_code == 200:
                    break
            except httpx.HTTPError:
                pass
            if server.poll() is not None or time.monotonic() > deadline:
                why = server.stderr.read().decode() if server.stderr else ""
                sys.exit(f"viva serve did not start: {why}")
            time.sleep(0.5)
        if args.memory:
            memory(base, server)
            return
        idle = {p: rss_mb(p) for p in [server.pid, *children(server.pid)]}
        load = os.getloadavg()
        people = [Learner(i, f"learner{i:04d}") for i in range(args.learners)]
        t0 = time.monotonic()
        joining = asyncio.run(run_all(base, people, args.seconds, tuple(args.think)))
        wall = time.monotonic() - t0 - joining
        busy = {p: rss_mb(p) for p in [server.pid, *children(server.pid)]}
    finally:
        os.killpg(server.pid, signal.SIGTERM)
        server.wait(timeout=30)
        stop_pg()
        shutil.rmtree(root, ignore_errors=True)
    lat = sorted(x for w in people for x in w.latencies)
    errors = [e for w in people for e in w.errors]
    q = statistics.quantiles(lat, n=100, method="inclusive") if len(lat) >= 2 else [0.0] * 99
    print(
        f"load before: {load[0]:.2f} {load[1]:.2f} {load[2]:.2f} (1, 5, 15 min) on {os.cpu_count()} cores"
    )
    print(f"sign-up and first turn of {args.learners} learners, 8 at a time: {joining:.0f} s")
    print(
        f"{args.learners} learners, {args.workers} workers, PostgreSQL, {wall:.0f} s "
        f"(think {args.think[0]:g}-{args.think[1]:g} s between turns)"
    )
    print(
        f"turns: {len(lat)} ({len(lat) / wall:.1f}/s); latency ms: p50 {q[49] * 1000:.0f}, "
        f"p90 {q[89] * 1000:.0f}, p99 {q[98] * 1000:.0f}, max {max(lat, default=0) * 1000:.0f}"
    )
    print(f"errors: {len(errors)}" + (f" (first: {errors[0]})" if errors else ""))
    lost = sum(1 for w in people for e in w.errors if e.startswith(("transcript", "another")))
    print(f"lost or crossed turns: {lost} (every transcript read back as its learner)")
    for pid in busy:
        role = "server (parent)" if pid == server.pid else "child"
        print(f"RSS {role} {pid}: idle {idle.get(pid, 0):.0f} MB, after load {busy[pid]:.0f} MB")


if __name__ == "__main__":
    main()
