"""The server-rendered pages: each renders for the learner, every control has a label a
screen reader can read, forms carry the CSRF token and save, forget and refuse as the CLI
does; the progress page shows the figures `viva progress` computes."""

from __future__ import annotations

import re
from collections.abc import Iterator
from html.parser import HTMLParser
from pathlib import Path

import pytest

from tests.web_fixtures import Client, client_for, library
from viva.app.library import Library

PAGES = ["/", "/interview", "/reviews", "/progress", "/plan", "/exports", "/profile"]


@pytest.fixture
def lib(tmp_path_factory: pytest.TempPathFactory) -> Library:
    return library(tmp_path_factory)


@pytest.fixture
def client(lib: Library, tmp_path: Path) -> Iterator[Client]:
    yield from client_for(lib, tmp_path / "viva.db")


class Controls(HTMLParser):
    """Form controls, the labels that name them, and the page's landmarks."""

    def __init__(self) -> None:
        super().__init__()
        self.controls: list[dict[str, str | None]] = []
        self.label_for: set[str] = set()
        self.in_label = 0
        self.tags: list[str] = []
        self.forms: list[dict[str, str | None]] = []
        self.hidden_csrf = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = dict(attrs)
        self.tags.append(tag)
        if tag == "label":
            self.in_label += 1
            if a.get("for"):
                self.label_for.add(str(a["for"]))
        if tag == "form":
            self.forms.append(a)
        if tag == "input" and a.get("type") == "hidden":
            self.hidden_csrf += a.get("name") == "csrf_token"
            return
        if tag in ("input", "select", "textarea"):
            self.controls.append({**a, "_wrapped": "yes" if self.in_label else None})

    def handle_endtag(self, tag: str) -> None:
        if tag == "label":
            self.in_label -= 1


def parse(html: str) -> Controls:
    p = Controls()
    p.feed(html)
    return p


@pytest.mark.parametrize("path", PAGES)
def test_every_page_renders_with_labels_and_landmarks(client: Client, path: str) -> None:
    got = client.get(path)
    assert got.status_code == 200, got.text
    assert got.headers["content-type"].startswith("text/html")
    assert "default-src 'self'" in got.headers["content-security-policy"]
    page = parse(got.text)
    assert {"main", "nav", "h1"} <= set(page.tags)
    assert 'href="#main"' in got.text  # skip link for keyboard users
    for c in page.controls:
        named = c.get("_wrapped") or c.get("aria-label") or (c.get("id") in page.label_for)
        assert named, f"{path}: unlabelled control {c}"
    posts = [f for f in page.forms if (f.get("method") or "").lower() == "post"]
    assert page.hidden_csrf >= len(posts)  # every form that writes carries the token


def test_talk_page_has_the_conversation_controls(client: Client) -> None:
    html = client.get("/").text
    for action in ("next", "example", "simpler", "repeat"):
        assert f'data-action="{action}"' in html
    assert 'role="log"' in html and 'aria-live="polite"' in html
    assert client.get("/static/viva.js").status_code == 200
    assert client.get("/static/viva.css").status_code == 200


def test_profile_form_saves_and_forgets(client: Client) -> None:
    got = client.post(
        "/profile", data={"csrf_token": client.token, "pace": "slow", "detail": "full"}
    )
    assert got.status_code == 200 and "Saved." in got.text
    prefs = client.get("/api/profile").json()["preferences"]
    assert prefs["pace"] == "slow" and prefs["detail"] == "full"
    assert re.search(r'<option value="slow" selected>', got.text)
    fact = {"csrf_token": client.token, "key": "target_role", "value": "platform engineer"}
    got = client.post("/profile", data=fact)
    assert "platform engineer" in got.text
    bad = client.post("/profile", data={**fact, "key": "interview_in_days", "value": "soon"})
    assert bad.status_code == 422 and 'role="alert"' in bad.text and "whole number" in bad.text
    got = client.post("/profile/forget", data={"csrf_token": client.token, "key": "target_role"})
    assert got.status_code == 200 and "platform engineer" not in got.text
    got = client.post("/profile/forget", data={"csrf_token": client.token, "everything": "yes"})
    assert client.get("/api/profile").json()["preferences"]["pace"] == "normal"


JOB_AD = "Senior backend developer: Python, Django, PostgreSQL and SQL tuning, Redis, Docker."


def test_plan_form_makes_and_shows_a_plan(client: Client) -> None:
    got = client.post("/plan", data={"csrf_token": client.token, "job_ad": JOB_AD, "days": "4"})
    assert got.status_code == 200, got.text
    assert "Saved a 4-day plan." in got.text and "Day 1 (today)" in got.text
    assert client.get("/plan").text.count("<h3>Day ") == 4
    empty = client.post("/plan", data={"csrf_token": client.token, "job_ad": "   "})
    assert empty.status_code == 422 and "empty" in empty.text
    assert "Day 1" in empty.text  # the saved plan is still shown under the message


def test_progress_page_shows_the_cli_figures(client: Client, lib: Library) -> None:
    entry = lib.questions("sql", [], 1)[0]
    client.post("/api/grade", json={"entry_id": entry.id, "answer": "an index", "record": True})
    doc = client.get("/api/progress").json()
    html = client.get("/progress").text
    assert f"{doc['practised']} questions practised in {doc['attempts']} attempts" in html
    sql = next(t for t in doc["topics"] if t["topic"] == entry.topic)
    assert sql["practised"] == 1 and f"({sql['practised']}/{sql['total']})" in html
    assert 'role="img"' in html and "<caption>" in html


def test_reviews_page_lists_what_is_due(client: Client) -> None:
    html = client.get("/reviews").text
    assert "0 due now" in html and "Nothing is due" in html
