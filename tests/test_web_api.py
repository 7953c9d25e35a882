"""The JSON API through the real app layer on a real SQLite store: conversations (typed lines,
buttons, a mock interview graded, reviews rated), and every other route a learner uses."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import timedelta
from pathlib import Path

import pytest

from tests.web_fixtures import Client, client_for, error_of, library, said
from viva.app.library import Library


@pytest.fixture
def lib(tmp_path_factory: pytest.TempPathFactory) -> Library:
    return library(tmp_path_factory)


@pytest.fixture
def client(lib: Library, tmp_path: Path) -> Iterator[Client]:
    yield from client_for(lib, tmp_path / "viva.db")


GIL = (
    "The GIL is the global interpreter lock in CPython: a mutex that lets only one thread "
    "execute Python bytecode at a time, so CPU-bound threads do not run in parallel, while "
    "I/O-bound threads release it while waiting. Use multiprocessing for CPU-bound work."
)


def test_a_set_walked_with_buttons(client: Client) -> None:
    first = client.turn(
        "/api/conversations",
        {"mode": "set", "topic": "python", "levels": ["beginner"], "count": 3},
        201,
    )
    cid, state = first["conversation"], first["state"]
    assert state["number"] == 1 and state["questions"] == 3
    assert any(e["tone"] == "question" for e in first["effects"])
    asked = first["state"]["focus"]
    example = client.turn(f"/api/conversations/{cid}/actions", {"action": "example"})
    assert any(e["tone"] == "example" for e in example["effects"]), said(example)
    simpler = client.turn(f"/api/conversations/{cid}/actions", {"action": "simpler"})
    assert said(simpler) and simpler["state"]["focus"] == asked
    again = client.turn(f"/api/conversations/{cid}/actions", {"action": "repeat"})
    assert said(again) and said(again) in said(simpler)  # the last sentences again, word for word
    nxt = client.turn(f"/api/conversations/{cid}/actions", {"action": "next"})
    assert nxt["state"]["number"] == 2 and nxt["state"]["focus"] != asked
    # the transcript keeps both sides, the buttons named
    doc = client.get(f"/api/conversations/{cid}").json()
    roles = [t["role"] for t in doc["turns"]]
    assert "[example]" in [t["text"] for t in doc["turns"]] and roles.count("coach") >= 5


def test_typed_lines_and_a_pace_saved_for_next_time(client: Client) -> None:
    first = client.turn("/api/conversations", {"mode": "chat"}, 201)
    cid = first["conversation"]
    assert "viva" in said(first).lower()
    slower = client.turn(f"/api/conversations/{cid}/lines", {"text": "please speak slower"})
    assert slower["state"]["pace"] == "slow"
    # for this conversation only: the next request (any worker) keeps it, the profile doesn't
    answer = client.turn(f"/api/conversations/{cid}/lines", {"text": "what is the GIL"})
    assert "lock" in said(answer).lower() and answer["state"]["pace"] == "slow"
    assert client.get("/api/profile").json()["preferences"]["pace"] == "normal"
    other = client.turn("/api/conversations", {"mode": "chat"}, 201)
    assert other["state"]["pace"] == "normal"


def test_a_mock_interview_grades_an_answer_and_tries_again(client: Client) -> None:
    start = client.turn(
        "/api/conversations", {"mode": "interview", "topic": "python", "count": 2}, 201
    )
    cid = start["conversation"]
    assert start["state"]["listen"] == "answer" and start["state"]["quiz"]
    graded = client.turn(f"/api/conversations/{cid}/lines", {"text": GIL})
    grade = next(e for e in graded["effects"] if e["type"] == "graded")
    assert 0 <= grade["score"] <= 100 and grade["verdict"]
    assert grade["covered"] or grade["missed"]  # the points, not just a number
    assert f"{grade['score']} out of 100" in said(graded)
    retry = client.turn(f"/api/conversations/{cid}/actions", {"action": "try_again"})
    assert retry["state"]["listen"] == "answer"
    # the grade was recorded: the entry is practised now
    assert client.get("/api/progress").json()["practised"] >= 1


def test_reviews_due_then_rated_in_a_conversation(client: Client, lib: Library) -> None:
    entry = lib.questions("python", [], 1)[0].id
    got = client.post("/api/grade", json={"entry_id": entry, "answer": GIL, "record": True})
    assert got.status_code == 200 and 0 <= got.json()["score"] <= 100
    svc = client.app.state.viva  # type: ignore[attr-defined]
    later = svc.now() + timedelta(days=60)
    svc.now = lambda: later
    due = client.get("/api/reviews").json()
    assert due["due"] == 1 and due["today"][0]["id"] == entry
    start = client.turn("/api/conversations", {"mode": "review"}, 201)
    cid = start["conversation"]
    assert start["state"]["review"] and start["state"]["focus"] == entry
    shown = client.turn(f"/api/conversations/{cid}/actions", {"action": "answer"})
    if shown["state"]["listen"] != "rating":  # an answer shown, then the rating is asked
        shown = client.turn(f"/api/conversations/{cid}/lines", {"text": ""})
    assert shown["state"]["listen"] == "rating", said(shown)
    rated = client.turn(f"/api/conversations/{cid}/actions", {"action": "good"})
    assert any(e["type"] == "rated" and e["rating"] == 3 for e in rated["effects"])
    assert client.get("/api/reviews").json()["due"] == 0


def test_a_conversation_goes_on_in_another_process(lib: Library, tmp_path: Path) -> None:
    """Workers keep nothing: a second app on the same database takes the next turn."""
    db = tmp_path / "viva.db"
    for one in client_for(lib, db):
        start = one.turn("/api/conversations", {"mode": "set", "topic": "python", "count": 3}, 201)
        cid = start["conversation"]
        for two in client_for(lib, db):
            nxt = two.turn(f"/api/conversations/{cid}/actions", {"action": "next"})
            assert nxt["state"]["number"] == 2
        nxt = one.turn(f"/api/conversations/{cid}/actions", {"action": "next"})
        assert nxt["state"]["number"] == 3


def test_quit_ends_the_conversation(client: Client) -> None:
    cid = client.turn("/api/conversations", {"mode": "chat"}, 201)["conversation"]
    bye = client.turn(f"/api/conversations/{cid}/actions", {"action": "quit"})
    assert bye["state"]["ended"]
    late = client.post(f"/api/conversations/{cid}/lines", json={"text": "next"})
    assert late.status_code == 409 and error_of(late)["code"] == "ended"


def test_profile_set_shown_and_forgotten(client: Client) -> None:
    assert client.put("/api/profile/pace", json={"value": "slow"}).json() == {
        "key": "pace",
        "value": "slow",
    }
    assert (
        client.put("/api/profile/target_role", json={"value": "backend developer"}).status_code
        == 200
    )
    doc = client.get("/api/profile").json()
    assert (
        doc["preferences"]["pace"] == "slow"
        and doc["profile"]["target_role"] == "backend developer"
    )
    bad = client.put("/api/profile/pace", json={"value": "warp"})
    assert bad.status_code == 422 and "slow" in (error_of(bad)["hint"] or "")
    assert client.delete("/api/profile/pace").status_code == 200
    assert client.get("/api/profile").json()["preferences"]["pace"] == "normal"
    assert client.delete("/api/profile/pace").status_code == 404
    assert client.delete("/api/profile").status_code == 200
    assert client.get("/api/profile").json()["profile"] == {}


JOB_AD = """Backend engineer (Python). You will build REST APIs with Django and FastAPI on
PostgreSQL, write SQL and tune indexes, and run services in Docker. Must have: strong Python,
SQL, HTTP and REST design. Nice to have: Kubernetes, Redis caching."""


def test_a_plan_from_a_job_ad_is_saved(client: Client) -> None:
    assert client.get("/api/plan").status_code == 404
    made = client.post("/api/plan", json={"job_ad": JOB_AD, "days": 5, "minutes": 60})
    assert made.status_code == 200, made.text
    doc = made.json()
    assert len(doc["days"]) == 5 and {"python", "sql"} & {r["topic"] for r in doc["requirements"]}
    saved = client.get("/api/plan").json()
    assert saved["days"] == doc["days"] and saved["today"] == 1
    nothing = client.post("/api/plan", json={"job_ad": "We sell flowers and need a florist."})
    assert nothing.status_code == 422 and "no backend skills" in error_of(nothing)["message"]


def test_grade_and_check(client: Client, lib: Library) -> None:
    entry = lib.questions("python", [], 1)[0].id
    doc = client.post("/api/grade", json={"entry_id": entry, "answer": GIL}).json()
    assert doc["id"] == entry and isinstance(doc["covered"], list)
    assert client.get("/api/progress").json()["practised"] == 0  # not recorded unless asked
    checked = client.post("/api/check", json={"text": "tuples are mutable in python, right?"})
    assert checked.status_code == 200 and checked.json()["verdict"] == "disagree"
    unknown = client.post("/api/grade", json={"entry_id": "python.nope", "answer": "x"})
    assert unknown.status_code == 404 and error_of(unknown)["code"] == "not_found"


def test_exports_download_as_files(client: Client) -> None:
    md = client.get("/api/exports/markdown", params={"topic": "python", "level": "beginner"})
    assert md.status_code == 200 and md.headers["content-type"].startswith("text/markdown")
    assert "attachment" in md.headers["content-disposition"] and md.text.count("##") >= 3
    page = client.get("/api/exports/html", params={"topic": "sql"})
    assert page.status_code == 200 and "<html" in page.text.lower()
    deck = client.get("/api/exports/anki", params={"topic": "sql", "level": "senior"})
    assert deck.status_code == 200 and deck.content[:2] == b"PK"  # an .apkg is a zip
    assert ".apkg" in deck.headers["content-disposition"]
    noplan = client.get("/api/exports/markdown", params={"plan": "true"})
    assert noplan.status_code == 400 and "plan" in error_of(noplan)["message"]
    bad = client.get("/api/exports/markdown", params={"topic": "pyhton"})
    assert bad.status_code == 404 and "python" in (error_of(bad)["hint"] or "")


def test_topics_and_me(client: Client) -> None:
    topics = client.get("/api/topics").json()["topics"]
    assert "python" in {t["id"] for t in topics}
    me = client.get("/api/me").json()
    assert me["learner"] is None and me["multi_user"] is False and me["csrf"] == client.token
    assert set(me["voice"]) == {"hearing", "speaking", "note"}
