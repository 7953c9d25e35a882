"""Abuse and mistakes get one clear error, in one shape, never a 500: bad JSON, wrong fields,
unknown routes and ids, oversized bodies (announced or streamed), missing CSRF tokens,
forged cookies, bad audio."""

from __future__ import annotations

import io
import wave
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.web_fixtures import Client, client_for, error_of, library
from viva.app.library import Library


@pytest.fixture
def lib(tmp_path_factory: pytest.TempPathFactory) -> Library:
    return library(tmp_path_factory)


@pytest.fixture
def client(lib: Library, tmp_path: Path) -> Iterator[Client]:
    yield from client_for(lib, tmp_path / "viva.db")


@pytest.fixture
def cid(client: Client) -> int:
    got: int = client.turn("/api/conversations", {"mode": "chat"}, 201)["conversation"]
    return got


def test_bad_json_and_wrong_fields(client: Client, cid: int) -> None:
    url = f"/api/conversations/{cid}/lines"
    headers = {"content-type": "application/json"}
    for body in (b"{not json", b"\xff\xfe\x00", b""):
        got = client.post(url, content=body, headers=headers)
        assert got.status_code in (400, 422), got.text
        assert error_of(got)["code"] in ("bad_json", "invalid")
    got = client.post(url, json={"txt": "hello"})
    assert got.status_code == 422 and "text" in error_of(got)["message"]
    got = client.post(url, json={"text": 5})
    assert got.status_code == 422
    got = client.post("/api/conversations", json={"mode": "party"})
    assert got.status_code == 422 and "mode" in error_of(got)["message"]
    got = client.post(f"/api/conversations/{cid}/actions", json={"action": "dance"})
    assert got.status_code == 422


def test_unknown_things_are_404_with_a_hint(client: Client, cid: int) -> None:
    assert error_of(client.get("/api/nothing-here"))["code"] == "not_found"
    got = client.get(f"/api/conversations/{cid + 1000}")
    assert got.status_code == 404 and error_of(got)["hint"]
    for path in ("/api/conversations/0", "/api/conversations/-3", "/api/conversations/abc"):
        got = client.get(path)
        assert got.status_code == 422, (path, got.text)
        error_of(got)
    got = client.get(f"/api/conversations/{2**70}")
    assert got.status_code == 422  # too big for the database: refused, not a 500
    got = client.post("/api/conversations", json={"mode": "set", "topic": "pyhton"})
    assert got.status_code == 404 and "python" in (error_of(got)["hint"] or "")
    got = client.post(
        "/api/conversations", json={"mode": "set", "topic": "python", "levels": ["guru"]}
    )
    assert got.status_code == 404 and error_of(got)["message"].startswith("unknown level")
    got = client.delete("/api/topics")
    assert got.status_code == 405 and error_of(got)["code"] == "method_not_allowed"


def test_a_page_error_is_a_page(client: Client) -> None:
    got = client.get("/no-such-page", headers={"accept": "text/html"})
    assert got.status_code == 404 and "<html" in got.text and "nothing at this address" in got.text
    assert "Traceback" not in got.text


def test_oversized_bodies_are_413(client: Client, cid: int) -> None:
    big = b'{"text": "' + b"a" * 300_000 + b'"}'
    got = client.post(
        f"/api/conversations/{cid}/lines", content=big, headers={"content-type": "application/json"}
    )
    assert got.status_code == 413 and error_of(got)["code"] == "too_large"

    def chunks() -> Iterator[bytes]:  # no Content-Length: counted as it streams in
        yield b'{"text": "'
        for _ in range(40):
            yield b"b" * 10_000
        yield b'"}'

    got = client.post(
        f"/api/conversations/{cid}/lines",
        content=chunks(),
        headers={"content-type": "application/json"},
    )
    assert got.status_code == 413 and error_of(got)["code"] == "too_large"
    got = client.post(
        f"/api/conversations/{cid}/lines",
        content=b"{}",
        headers={"content-type": "application/json", "content-length": "zzz"},
    )
    assert got.status_code in (400, 413)


def test_an_over_long_line_is_refused_whole(client: Client, cid: int) -> None:
    got = client.post(f"/api/conversations/{cid}/lines", json={"text": "x " * 15_000})
    assert got.status_code == 422 and error_of(got)["code"] == "invalid"


def test_writes_need_the_csrf_token(client: Client, cid: int) -> None:
    del client.headers["X-CSRF-Token"]
    for method, path, body in [
        ("POST", "/api/conversations", {"mode": "chat"}),
        ("POST", f"/api/conversations/{cid}/lines", {"text": "next"}),
        ("POST", f"/api/conversations/{cid}/actions", {"action": "next"}),
        ("PUT", "/api/profile/pace", {"value": "slow"}),
        ("DELETE", "/api/profile", None),
        ("POST", "/api/plan", {"job_ad": "python"}),
    ]:
        got = client.request(method, path, json=body)
        assert got.status_code == 403 and error_of(got)["code"] == "csrf", (path, got.text)
    got = client.put("/api/profile/pace", json={"value": "slow"}, headers={"X-CSRF-Token": "guess"})
    assert got.status_code == 403
    got = client.post("/profile", data={"pace": "slow", "csrf_token": "guess"})
    assert got.status_code == 403
    assert client.get("/api/profile").json()["preferences"]["pace"] == "normal"  # nothing changed


def test_one_learners_server_answers_only_to_loopback_names(client: Client) -> None:
    for host in ("evil.example", "192.168.1.5", "localhost.evil.example"):
        got = client.get("/api/me", headers={"host": host})
        assert got.status_code == 400 and error_of(got)["code"] == "bad_host", host
    for host in ("127.0.0.1:8000", "localhost", "[::1]:8000"):
        assert client.get("/api/me", headers={"host": host}).status_code == 200, host


def test_a_forged_cookie_is_a_new_session(client: Client) -> None:
    client.cookies.set("viva_session", "eyJjc3JmIjoiYWJjIn0.forged.sig")
    me = client.get("/api/me")
    assert me.status_code == 200 and me.json()["csrf"] != "abc"
    got = client.put("/api/profile/pace", json={"value": "slow"}, headers={"X-CSRF-Token": "abc"})
    assert got.status_code == 403


def _wav(seconds: float = 1.0, width: int = 2, rate: int = 16_000) -> bytes:
    buf = io.BytesIO()
    with wave.open(buf, "wb") as w:
        w.setnchannels(1)
        w.setsampwidth(width)
        w.setframerate(rate)
        w.writeframes(b"\x00" * int(seconds * rate) * width)
    return buf.getvalue()


def test_bad_audio_is_one_clear_error(client: Client, cid: int) -> None:
    url = f"/api/conversations/{cid}/voice"
    cases = {
        "not audio": b"this is not a wav file at all",
        "empty": b"",
        "8-bit": _wav(width=1),
        "too short": _wav(seconds=0.05),
        "webm": b"\x1aE\xdf\xa3" + b"\x00" * 200,
    }
    for name, data in cases.items():
        got = client.post(url, files={"audio": ("a.wav", data, "audio/wav")})
        assert got.status_code == 422, (name, got.text)
        assert error_of(got)["code"] in ("voice", "bad_input"), name
    got = client.post(url, data={"nothing": "here"})
    assert got.status_code == 422 and "audio" in error_of(got)["message"]
    big = b"RIFF" + b"\x00" * (5 * 1024 * 1024)
    got = client.post(url, files={"audio": ("a.wav", big, "audio/wav")})
    assert got.status_code == 413


def test_speech_limits(client: Client) -> None:
    got = client.post("/api/speech", json={"sentences": []})
    assert got.status_code == 422 and error_of(got)["code"] == "voice"
    got = client.post("/api/speech", json={"sentences": ["word " * 2000]})
    assert got.status_code == 422
