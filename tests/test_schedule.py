"""Spaced repetition: golden FSRS sequences on a fixed clock, the daily cap, catch-up of a
backlog, and the review and progress commands driven as a learner would (time pinned with
VIVA_NOW, so days pass without waiting)."""

from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from tests.conftest import run_viva
from viva.grade.model import AnswerVerdict
from viva.schedule import cards, queue
from viva.schedule.rating import Rate

T0 = datetime(2026, 3, 2, 9, 0, tzinfo=UTC)


def _intervals(ratings: list[Rate]) -> list[float]:
    stored, now, out = None, T0, []
    for r in ratings:
        reviewed = cards.review("python.gil", stored, r, now)
        out.append(round(reviewed.interval_days, 3))
        stored, now = reviewed.card, reviewed.due
    return out


def test_golden_interval_sequences() -> None:
    # recorded from fsrs 6.x with fuzzing off; a change here means the scheduler changed
    assert _intervals([Rate.GOOD, Rate.GOOD, Rate.AGAIN, Rate.GOOD, Rate.EASY]) == [
        0.007,
        2.0,
        0.007,
        1.0,
        4.0,
    ]
    assert _intervals([Rate.EASY, Rate.EASY, Rate.EASY]) == [8.0, 66.0, 397.0]
    assert _intervals([Rate.AGAIN, Rate.AGAIN, Rate.GOOD]) == [0.001, 0.001, 0.007]


def test_good_reviews_grow_and_a_lapse_shrinks() -> None:
    seq = _intervals([Rate.GOOD] * 6)
    assert seq[2:] == sorted(seq[2:]) and seq[-1] > seq[2]
    lapse = _intervals([Rate.GOOD] * 5 + [Rate.AGAIN])
    assert lapse[-1] < 1


def test_cards_round_trip_and_need_aware_times() -> None:
    r = cards.review("docker.image-vs-container", None, Rate.GOOD, T0)
    again = cards.review("docker.image-vs-container", r.card, Rate.GOOD, r.due)
    assert json.loads(again.card)["card_id"] == cards.card_id("docker.image-vs-container")
    assert 0 < cards.retrievability(again.card, again.due) <= 1
    with pytest.raises(ValueError, match="timezone-aware"):
        cards.review("x", None, Rate.GOOD, datetime(2026, 1, 1))


def test_grades_map_to_ratings() -> None:
    assert cards.rating_of(AnswerVerdict.GOOD, 95) is Rate.EASY
    assert cards.rating_of(AnswerVerdict.GOOD, 75) is Rate.GOOD
    assert cards.rating_of(AnswerVerdict.PARTIAL, 50) is Rate.HARD
    assert cards.rating_of(AnswerVerdict.WRONG, 30) is Rate.AGAIN
    assert cards.rating_of(AnswerVerdict.OFF_TOPIC, 0) is Rate.AGAIN


def _backlog(n: int) -> list[queue.CardInfo]:
    # overdue by 1..n hours, recall and last score varying so "weakest first" is testable
    return [
        queue.CardInfo(f"e{i:03}", T0 - timedelta(hours=i + 1), (i % 10) / 10, (i * 7) % 101)
        for i in range(n)
    ]


def test_today_is_capped_and_weakest_first() -> None:
    backlog = _backlog(300)
    today = queue.today(backlog, T0, cap=20)
    assert len(today) == 20
    weakness = {c.entry_id: queue.weakness(c, T0) for c in backlog}
    chosen = max(weakness[i] for i in today)
    assert all(weakness[c.entry_id] >= chosen for c in backlog if c.entry_id not in today)
    assert queue.today(backlog, T0, cap=20, done_today=15) == today[:5]


def test_catch_up_spreads_300_due_cards_within_the_cap() -> None:
    backlog = _backlog(300)
    already = [queue.CardInfo("future", T0 + timedelta(days=1, hours=1), 0.9, 90)]
    moved = queue.catch_up(backlog + already, T0, cap=20)
    today = set(queue.today(backlog, T0, cap=20))
    assert len(today) == 20
    assert set(moved) == {c.entry_id for c in backlog} - today  # nothing lost, today's stay
    per_day: dict[object, int] = {}
    for when in moved.values():
        assert when > T0
        per_day[when.date()] = per_day.get(when.date(), 0) + 1
    per_day[(T0 + timedelta(days=1)).date()] += 1  # the card that was already due that day
    assert max(per_day.values()) <= 20
    assert len(per_day) == 15  # 280 moved + 1 booked = 281 over days of 20
    # weaker cards come back sooner
    order = sorted(backlog, key=lambda c: queue.weakness(c, T0))
    moved_order = [c.entry_id for c in order if c.entry_id in moved]
    assert [moved[i] for i in moved_order] == sorted(moved[i] for i in moved_order)


def test_catch_up_with_nothing_beyond_the_cap_moves_nothing() -> None:
    assert queue.catch_up(_backlog(5), T0, cap=20) == {}
    with pytest.raises(ValueError):
        queue.catch_up(_backlog(5), T0, cap=0)


def test_streak() -> None:
    d = T0.date()
    assert queue.streak([d, d - timedelta(days=1), d - timedelta(days=2)], d) == 3
    assert queue.streak([d - timedelta(days=1), d - timedelta(days=2)], d) == 2
    assert queue.streak([d - timedelta(days=3)], d) == 0


def _at(when: datetime) -> dict[str, str]:
    return {"VIVA_NOW": when.isoformat()}


GOOD_GIL = (
    "the gil is a lock in cpython that lets only one thread run python bytecode at a time, so "
    "threads don't speed up cpu bound code, but it is released during io so threads are fine "
    "for io bound work, and for cpu work you use multiprocessing"
)


def test_review_serves_due_cards_and_grades_typed_answers() -> None:
    out = run_viva("grade", "python.gil", "--answer", GOOD_GIL, "--record", env=_at(T0))
    assert out.returncode == 0, out.stderr
    run_viva("grade", "python.list-vs-tuple", "--answer", "no idea", "--record", env=_at(T0))
    listed = json.loads(run_viva("review", "--json", env=_at(T0 + timedelta(hours=1))).stdout)
    assert listed["due"] == 2
    assert listed["today"][0]["id"] == "python.list-vs-tuple"  # weakest first
    # a day later: answer one (graded), rate the other after seeing it
    later = T0 + timedelta(days=1)
    out = run_viva("review", stdin=f"\n{'good'}\n" + GOOD_GIL + "\n", env=_at(later))
    assert out.returncode == 0, out.stderr
    assert "How well did you know it?" in out.stdout and "Next review in" in out.stdout
    assert "Good answer" in out.stdout
    assert "That's today's reviews done." in out.stdout
    listed = json.loads(run_viva("review", "--json", env=_at(later)).stdout)
    assert listed["due"] == 0 and listed["done_today"] == 2


def test_progress_reports_mastery_and_writes_pictures(tmp_path: Path) -> None:
    run_viva("grade", "python.gil", "--answer", GOOD_GIL, "--record", env=_at(T0))
    doc = json.loads(run_viva("progress", "--json", env=_at(T0 + timedelta(hours=2))).stdout)
    python = next(t for t in doc["topics"] if t["topic"] == "python")
    assert python["practised"] == 1 and 0 < python["mastery"] < 1
    assert all(t["mastery"] == 0 for t in doc["topics"] if t["topic"] != "python")
    assert doc["streak"] == 1 and doc["attempts"] == 1
    page, png = tmp_path / "p.html", tmp_path / "p.png"
    out = run_viva("progress", "--html", str(page), "--png", str(png), env=_at(T0))
    assert out.returncode == 0, out.stderr
    assert "<svg" in page.read_text() and "Python" in page.read_text()
    assert png.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    bad = tmp_path / "no-such-dir" / "p.html"
    out = run_viva("progress", "--html", str(bad))
    assert out.returncode == 2 and "cannot write" in out.stderr and not bad.exists()


def test_bad_clock_is_a_clear_message() -> None:
    out = run_viva("progress", env={"VIVA_NOW": "yesterday"})
    assert out.returncode == 2 and "VIVA_NOW" in out.stderr
