"""What the web tests share: one loaded bank per test process, an app per test on its own
database, and a client that carries the CSRF token like the pages do."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient

from viva.app.library import Library
from viva.web.app import create_app
from viva.web.config import WebConfig

SECRET = "test-secret-" + "x" * 40
_LIB: dict[str, Library] = {}


def library(tmp_path_factory: pytest.TempPathFactory) -> Library:
    """The bank, search and grader, loaded once per test process (as a worker does)."""
    if "lib" not in _LIB:
        _LIB["lib"] = Library(data=tmp_path_factory.mktemp("web-data"))
        _LIB["lib"].bank  # noqa: B018
    return _LIB["lib"]


def config(database: Path | str, **kw: Any) -> WebConfig:
    return WebConfig(database=database, secret=SECRET, **kw)


class Client(TestClient):
    """A browser-like client: reads the CSRF token once and sends it with every write."""

    token: str = ""

    def refresh(self) -> Client:
        got = self.get("/api/me")
        assert got.status_code == 200, got.text
        self.token = got.json()["csrf"]
        self.headers["X-CSRF-Token"] = self.token
        return self

    def turn(self, path: str, body: dict[str, Any], status: int = 200) -> dict[str, Any]:
        got = self.post(path, json=body)
        assert got.status_code == status, got.text
        doc: dict[str, Any] = got.json()
        return doc


def client_for(lib: Library, database: Path | str, **kw: Any) -> Iterator[Client]:
    app = create_app(config(database, **kw), lib)
    with Client(app, base_url="http://127.0.0.1") as c:
        yield c.refresh()


def said(turn: dict[str, Any]) -> str:
    """Everything a turn said and showed, as one text."""
    return "\n".join(
        e["text"] or e["markdown"] for e in turn["effects"] if e["type"] in ("say", "show")
    )


def error_of(response: Any) -> dict[str, Any]:
    """The one error shape, checked: code, message and hint, nothing else."""
    doc = response.json()
    assert set(doc) == {"error"}, doc
    assert set(doc["error"]) == {"code", "message", "hint"}, doc
    assert doc["error"]["message"], doc
    got: dict[str, Any] = doc["error"]
    return got
