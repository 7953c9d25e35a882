"""Many learners on one server (``viva serve --multi-user``), on SQLite and PostgreSQL: sign-up,
sign-in and out, cookies, rate limits, disabled accounts; and isolation - learner B walks
EVERY route with learner A's ids and can neither read nor change anything of A's."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from fastapi.routing import APIRoute

from tests.web_fixtures import Client, config, error_of, library
from viva.app import accounts
from viva.app.library import Library
from viva.web.app import create_app

PASSWORD = "correct horse battery"
JOB_AD = "Backend developer: Python, Django, SQL and PostgreSQL, Docker, REST APIs."


@pytest.fixture(autouse=True)
def quick_hashes(monkeypatch: pytest.MonkeyPatch) -> None:
    """Small argon2 costs keep the tests fast (test_accounts pins the real ones)."""
    from argon2 import PasswordHasher

    quick = PasswordHasher(time_cost=1, memory_cost=1024, parallelism=1)
    monkeypatch.setattr(accounts, "_hasher", lambda: quick)
    monkeypatch.setattr(accounts, "_dummy_hash", lambda: quick.hash("nobody"))


@pytest.fixture
def lib(tmp_path_factory: pytest.TempPathFactory) -> Library:
    return library(tmp_path_factory)


@pytest.fixture
def app(lib: Library, db_target: Path | str) -> Iterator[Any]:
    made = create_app(config(db_target, multi_user=True), lib)
    yield made
    made.state.viva.store.close()


def browser(app: Any) -> Client:
    return Client(app, base_url="http://127.0.0.1").refresh()


def signed_up(app: Any, name: str) -> Client:
    c = browser(app)
    got = c.post("/api/signup", json={"username": name, "password": PASSWORD})
    assert got.status_code == 201, got.text
    c.headers["X-CSRF-Token"] = c.token = got.json()["csrf"]
    return c


def test_sign_up_in_and_out(app: Any) -> None:
    visitor = browser(app)
    assert visitor.get("/api/me").json()["learner"] is None
    page = visitor.get("/", headers={"accept": "text/html"}, follow_redirects=False)
    assert page.status_code == 303 and page.headers["location"] == "/login"
    got = visitor.get("/api/profile")
    assert got.status_code == 401 and error_of(got)["code"] == "not_signed_in"
    ana = signed_up(app, "ana")
    assert ana.get("/api/me").json()["learner"] == "ana"
    cookie = ana.cookies.jar
    assert any(c.name == "viva_session" for c in cookie)
    taken = browser(app).post("/api/signup", json={"username": "Ana", "password": PASSWORD})
    assert taken.status_code == 422 and "taken" in error_of(taken)["message"]
    weak = browser(app).post("/api/signup", json={"username": "bo", "password": "short"})
    assert weak.status_code == 422
    old = ana.token
    out = ana.post("/api/logout")
    assert out.status_code == 200 and ana.get("/api/profile").status_code == 401
    ana.headers["X-CSRF-Token"] = out.json()["csrf"]
    wrong = ana.post("/api/login", json={"username": "ana", "password": "not the password"})
    assert wrong.status_code == 401 and error_of(wrong)["message"].startswith("that username")
    nobody = ana.post("/api/login", json={"username": "zed", "password": PASSWORD})
    assert error_of(nobody)["message"] == error_of(wrong)["message"]  # says nothing of why
    back = ana.post("/api/login", json={"username": "ANA", "password": PASSWORD})
    assert back.status_code == 200 and back.json()["csrf"] != old  # a new token per login


def test_the_cookie_is_httponly_lax_and_secure_off_loopback(lib: Library, tmp_path: Path) -> None:
    for secure in (False, True):
        made = create_app(config(tmp_path / f"{secure}.db", secure_cookies=secure), lib)
        got = Client(made, base_url="http://127.0.0.1").get("/api/me")
        header = got.headers["set-cookie"].lower()
        assert "httponly" in header and "samesite=lax" in header
        assert ("secure" in header.split(";")[-1] or "; secure" in header) is secure
        made.state.viva.store.close()


def test_pages_sign_in_with_a_form(app: Any) -> None:
    signed_up(app, "cleo")
    c = browser(app)
    form = {"csrf_token": c.token, "username": "cleo", "password": "wrong password!"}
    bad = c.post("/login", data=form)
    assert bad.status_code == 401 and 'role="alert"' in bad.text
    got = c.post("/login", data={**form, "password": PASSWORD}, follow_redirects=False)
    assert got.status_code == 303 and got.headers["location"] == "/"
    assert "Signed in as <strong>cleo</strong>" in c.get("/profile").text


def test_failed_logins_are_rate_limited(app: Any) -> None:
    signed_up(app, "dana")
    c = browser(app)
    for _ in range(10):
        assert (
            c.post("/api/login", json={"username": "dana", "password": "x" * 12}).status_code == 401
        )
    got = c.post("/api/login", json={"username": "dana", "password": PASSWORD})
    assert got.status_code == 429 and error_of(got)["code"] == "rate_limited"


def test_the_rate_limit_is_shared_by_every_worker(
    app: Any, lib: Library, db_target: Path | str
) -> None:
    """Two apps on one database stand for two workers behind a load balancer: failures
    counted by either add up, so a guesser cannot get N budgets from N workers."""
    signed_up(app, "gus")
    other = create_app(config(db_target, multi_user=True), lib)
    try:
        for i in range(10):
            worker = app if i % 2 else other
            got = browser(worker).post("/api/login", json={"username": "gus", "password": "y" * 12})
            assert got.status_code == 401
        for worker in (app, other):
            got = browser(worker).post("/api/login", json={"username": "gus", "password": PASSWORD})
            assert got.status_code == 429 and error_of(got)["code"] == "rate_limited"
    finally:
        other.state.viva.store.close()


def test_failures_leave_the_count_when_the_window_passes(app: Any) -> None:
    from viva.web.security import LoginLimiter

    now = [1_000_000.0]
    limiter = LoginLimiter(
        app.state.viva.store.accounts, attempts=3, window=60, clock=lambda: now[0]
    )
    for _ in range(3):
        assert limiter.blocked("10.0.0.1", "hal") == 0
        limiter.failed("10.0.0.1", "hal")
        now[0] += 10
    assert limiter.blocked("10.0.0.9", "hal") == pytest.approx(30)  # by name, any address
    assert limiter.blocked("10.0.0.1", "ida") == pytest.approx(30)  # by address, any name
    assert limiter.blocked("10.0.0.9", "ida") == 0
    now[0] += 31
    assert limiter.blocked("10.0.0.1", "hal") == 0


def test_a_disabled_account_is_signed_out(app: Any) -> None:
    eve = signed_up(app, "eve")
    assert eve.get("/api/profile").status_code == 200
    accounts.set_disabled(app.state.viva.store.accounts, "eve")
    assert eve.get("/api/profile").status_code == 401
    eve.refresh()  # signed out: the session (and its token) is new
    got = eve.post("/api/login", json={"username": "eve", "password": PASSWORD})
    assert got.status_code == 401


def test_sign_up_can_be_closed(lib: Library, tmp_path: Path) -> None:
    made = create_app(config(tmp_path / "v.db", multi_user=True, signup=False), lib)
    got = browser(made).post("/api/signup", json={"username": "fay", "password": PASSWORD})
    assert got.status_code == 403 and error_of(got)["code"] == "signup_closed"
    made.state.viva.store.close()


def _a_has_data(a: Client, lib: Library) -> dict[str, Any]:
    start = a.turn("/api/conversations", {"mode": "interview", "topic": "python", "count": 2}, 201)
    cid = start["conversation"]
    a.turn(f"/api/conversations/{cid}/lines", {"text": "the GIL lets one thread run at a time"})
    a.put("/api/profile/target_role", json={"value": "backend developer"})
    a.put("/api/profile/pace", json={"value": "slow"})
    assert a.post("/api/plan", json={"job_ad": JOB_AD, "days": 3}).status_code == 200
    return {"cid": cid, "state": snapshot(a, cid)}


def snapshot(c: Client, cid: int) -> dict[str, Any]:
    return {
        "conversation": c.get(f"/api/conversations/{cid}").json(),
        "profile": c.get("/api/profile").json(),
        "plan": c.get("/api/plan").json(),
        "progress": c.get("/api/progress").json(),
        "reviews": c.get("/api/reviews").json(),
    }


def test_learner_b_can_reach_nothing_of_a_through_any_route(app: Any, lib: Library) -> None:
    a, b = signed_up(app, "alice"), signed_up(app, "bruno")
    mine = _a_has_data(a, lib)
    cid = mine["cid"]
    entry = lib.questions("python", [], 1)[0].id
    # every route, as B, aimed at A's data; each says what B must get
    walk: dict[tuple[str, str], tuple[dict[str, Any], Any]] = {
        ("GET", "/api/me"): ({}, lambda r: r.json()["learner"] == "bruno"),
        ("POST", "/api/conversations"): (
            {"json": {"mode": "chat"}},
            lambda r: r.json()["conversation"] != cid,
        ),
        ("GET", "/api/conversations/{conversation}"): ({}, 404),
        ("POST", "/api/conversations/{conversation}/lines"): ({"json": {"text": "next"}}, 404),
        ("POST", "/api/conversations/{conversation}/actions"): ({"json": {"action": "next"}}, 404),
        ("POST", "/api/conversations/{conversation}/voice"): (
            {"files": {"audio": ("a.wav", _wav(), "audio/wav")}},
            404,
        ),
        ("POST", "/api/speech"): ({"json": {"sentences": ["Hello."]}}, 200),
        ("GET", "/api/topics"): ({}, 200),
        ("GET", "/api/reviews"): ({}, lambda r: r.json()["due"] == 0),
        ("POST", "/api/grade"): ({"json": {"entry_id": entry, "answer": "no idea"}}, 200),
        ("POST", "/api/check"): ({"json": {"text": "tuples are mutable, right?"}}, 200),
        ("POST", "/api/plan"): ({"json": {"job_ad": "Python and Redis developer."}}, 200),
        ("GET", "/api/plan"): (
            {},
            lambda r: r.status_code == 200 and r.json() != mine["state"]["plan"],
        ),
        ("GET", "/api/profile"): (
            {},
            lambda r: r.json()["profile"] == {} and r.json()["preferences"]["pace"] == "normal",
        ),
        ("PUT", "/api/profile/{key}"): ({"json": {"value": "fast"}}, 200),
        ("DELETE", "/api/profile/{key}"): ({}, 200),  # B's own, set just above
        ("DELETE", "/api/profile"): ({}, 200),
        ("GET", "/api/progress"): ({}, lambda r: r.json()["practised"] == 0),
        # B forgot everything above, plan included: A's plan must not be found instead
        ("GET", "/api/exports/{fmt}"): ({"params": {"plan": "true"}}, 400),
        ("POST", "/api/login"): (
            {"json": {"username": "alice", "password": "guess guess guess"}},
            401,
        ),
        ("POST", "/api/signup"): ({"json": {"username": "alice", "password": PASSWORD}}, 422),
        ("POST", "/api/logout"): ({}, 200),
        ("GET", "/"): ({}, 200),
        ("GET", "/interview"): ({}, 200),
        ("GET", "/reviews"): ({}, 200),
        ("GET", "/progress"): ({}, lambda r: "0 questions practised" in r.text),
        ("GET", "/plan"): ({}, lambda r: "No saved plan yet" in r.text),
        ("POST", "/plan"): ({"data": {"job_ad": "Django developer"}}, 200),
        ("GET", "/exports"): ({}, 200),
        ("GET", "/profile"): ({}, lambda r: "backend developer" not in r.text),
        ("POST", "/profile"): ({"data": {"pace": "fast"}}, 200),
        ("POST", "/profile/forget"): ({"data": {"key": "target_role"}}, 404),
        ("GET", "/login"): ({}, 200),
        ("GET", "/signup"): ({}, 200),
        ("POST", "/login"): ({"data": {"username": "alice", "password": "guess guess guess"}}, 401),
        ("POST", "/signup"): ({"data": {"username": "alice", "password": PASSWORD}}, 422),
        ("POST", "/logout"): ({}, 303),
    }
    routes = set(every_route(app))
    assert routes == set(walk), (
        f"walk these routes too: {routes - set(walk)}; gone: {set(walk) - routes}"
    )
    for (method, path), (kw, expect) in walk.items():
        if path in ("/api/logout", "/logout"):
            continue  # walked last: B must stay signed in for the rest
        url = path.format(conversation=cid, key="target_role", fmt="markdown")
        if "data" in kw:
            kw = {**kw, "data": {**kw["data"], "csrf_token": b.token}}
        got = b.request(method, url, follow_redirects=False, **kw)
        ok = got.status_code == expect if isinstance(expect, int) else expect(got)
        assert ok, f"{method} {url} as B: {got.status_code} {got.text[:300]}"
    for path in ("/api/logout", "/logout"):
        b.refresh()
        assert b.post(path, data={"csrf_token": b.token}, follow_redirects=False).status_code in (
            200,
            303,
        )
    # and A's data is exactly as it was
    assert snapshot(a, cid) == mine["state"]


def every_route(app: Any) -> Iterator[tuple[str, str]]:
    """(method, path) of every route the app serves, in included routers too (not the docs
    or the static files)."""
    todo = list(app.routes)
    while todo:
        r = todo.pop()
        if hasattr(r, "original_router"):
            todo += r.original_router.routes
        elif isinstance(r, APIRoute):
            yield from ((m, r.path) for m in r.methods)


def _wav() -> bytes:
    import io
    import wave

    buf = io.BytesIO()
    with wave.open(buf, "wb") as w:
        w.setnchannels(1)
        w.setsampwidth(2)
        w.setframerate(16_000)
        w.writeframes(b"\x01\x00" * 16_000)
    return buf.getvalue()
