"""viva in real Chromium (Debian's, driven by Playwright; never a downloaded browser) against a
real uvicorn server on loopback: a learner signs up, sets a slow pace, walks a set with the
keyboard, asks for an example, answers a mock-interview question and sees the grade; then a
spoken turn through Chromium's fake microphone fed a WAV file. Screenshots are saved
(``VIVA_SCREENSHOTS`` keeps them) and checked: not blank, and showing the expected text."""

from __future__ import annotations

import io
import os
import socket
import threading
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from tests.web_fixtures import config, library
from viva.app import accounts
from viva.web.app import create_app

CHROMIUM = Path("/usr/bin/chromium")
FLAGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
pytestmark = pytest.mark.slow
sync_api = pytest.importorskip("playwright.sync_api")


@pytest.fixture(autouse=True)
def chromium_here() -> None:
    if not CHROMIUM.exists():
        if os.environ.get("CI"):
            pytest.fail("Debian chromium is missing (make test installs it)")
        pytest.skip("Debian chromium is not installed (make test installs it)")


@pytest.fixture(autouse=True)
def quick_hashes(monkeypatch: pytest.MonkeyPatch) -> None:
    from argon2 import PasswordHasher

    quick = PasswordHasher(time_cost=1, memory_cost=1024, parallelism=1)
    monkeypatch.setattr(accounts, "_hasher", lambda: quick)


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def serve(app: Any) -> Iterator[str]:
    """The app under a real uvicorn on 127.0.0.1, stopped when the test ends."""
    import uvicorn

    port = _free_port()
    server = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=port, log_level="warning"))
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 30
    while not server.started:
        assert time.monotonic() < deadline and thread.is_alive(), "the server did not start"
        time.sleep(0.05)
    yield f"http://127.0.0.1:{port}"
    server.should_exit = True
    thread.join(timeout=10)


@pytest.fixture
def shots(tmp_path: Path) -> Path:
    kept = os.environ.get("VIVA_SCREENSHOTS")
    folder = Path(kept) if kept else tmp_path / "shots"
    folder.mkdir(parents=True, exist_ok=True)
    return folder


def check_shot(page: Any, path: Path, *expected: str) -> None:
    """A screenshot that shows something (many colours, not one flat fill) and the text."""
    from PIL import Image

    page.screenshot(path=str(path), full_page=True)
    image = Image.open(io.BytesIO(path.read_bytes())).convert("RGB")
    colours = image.getcolors(maxcolors=1 << 20) or []
    assert image.width >= 800 and len(colours) > 50, f"{path.name} looks blank"
    text = page.inner_text("body")
    for words in expected:
        assert words in text, f"{path.name}: '{words}' is not on the page"


class Chrome:
    """Debian's Chromium with the test flags; its pages wait long enough for a busy machine
    (the first graded answer and the first spoken turn load models)."""

    def __init__(self, p: Any, *extra: str) -> None:
        self.browser = p.chromium.launch(executable_path=str(CHROMIUM), args=[*FLAGS, *extra])

    def new_page(self, **kw: Any) -> Any:
        page = self.browser.new_page(**kw)
        page.set_default_timeout(120_000)
        return page

    def close(self) -> None:
        self.browser.close()


def browser(p: Any, *extra: str) -> Chrome:
    return Chrome(p, *extra)


def test_a_learner_signs_up_sets_slow_pace_walks_a_set_and_is_graded(
    tmp_path: Path, tmp_path_factory: pytest.TempPathFactory, shots: Path
) -> None:
    app = create_app(config(tmp_path / "viva.db", multi_user=True), library(tmp_path_factory))
    for base in serve(app):
        with sync_api.sync_playwright() as p:
            chrome = browser(p)
            page = chrome.new_page(viewport={"width": 1100, "height": 900})
            page.goto(base + "/")
            assert page.url.endswith("/login")  # signed out: the coach is behind the login
            page.click("text=Make an account")
            page.fill("#username", "lena")
            page.fill("#password", "a long enough passphrase")
            page.click("button[type=submit]")
            page.wait_for_url(base + "/")
            check_shot(page, shots / "1-signed-up.png", "Signed in as lena", "Start the set")

            page.goto(base + "/profile")
            page.select_option("#pref-pace", "slow")
            page.click("#save-prefs")
            page.wait_for_selector("text=Saved.")
            assert page.eval_on_selector("#pref-pace", "e => e.value") == "slow"
            check_shot(page, shots / "2-slow-pace.png", "Saved.", "Pace")

            # the set, by keyboard only: Tab to the controls, Enter to press
            page.goto(base + "/")
            page.focus("#topic")
            page.select_option("#topic", "python")
            page.select_option("#level", "beginner")
            page.keyboard.press("Tab")
            page.keyboard.press("Tab")
            page.keyboard.press("Tab")
            assert page.evaluate("document.activeElement.id") == "start-set"
            outline = page.evaluate("getComputedStyle(document.activeElement).outlineStyle")
            assert outline not in ("none", ""), "the focused button shows no focus ring"
            page.keyboard.press("Enter")
            page.wait_for_selector("#log .say.question")
            assert "question 1 of 5" in page.inner_text("#where")
            assert "slow pace" in page.inner_text("#where")  # the profile's pace, in this set
            assert not page.is_visible("#ratings")  # only reviews are rated
            first = page.inner_text("#log")
            page.focus("button[data-action=example]")
            page.keyboard.press("Enter")
            page.wait_for_selector("#log .say.example")
            assert len(page.inner_text("#log")) > len(first)
            check_shot(page, shots / "3-set-example.png", "Question 1 of 5", "Example")

            page.goto(base + "/interview")
            page.select_option("#topic", "python")
            page.fill("#count", "2")
            page.click("#start-set")
            page.wait_for_selector("#log .say.question")
            assert "Your answer" in page.inner_text("#line-label")
            page.fill(
                "#line",
                "Lists are mutable and tuples are immutable; a tuple can be a dict key "
                "because it is hashable, a list cannot.",
            )
            page.keyboard.press("Enter")
            page.wait_for_selector("#log .grade")
            grade = page.inner_text("#log .grade")
            assert "/ 100" in grade and "Verdict" in grade
            check_shot(page, shots / "4-graded.png", "/ 100", "Try again")
            chrome.close()


TAIL = 4.0  # seconds of faint noise after the words in the fake microphone's file


def with_quiet_tail(wav: Path, out: Path, seconds: float) -> Path:
    """``wav`` followed by ``seconds`` of faint noise (never digital silence: FIELD-NOTES)."""
    import random
    import struct
    import wave

    with wave.open(str(wav), "rb") as src:
        params, frames = src.getparams(), src.readframes(src.getnframes())
    rng = random.Random(7)
    n = int(seconds * params.framerate)
    tail = struct.pack(f"<{n}h", *(rng.randint(-90, 90) for _ in range(n)))
    with wave.open(str(out), "wb") as dst:
        dst.setparams(params)
        dst.writeframes(frames + tail)
    return out


def test_a_spoken_turn_through_the_fake_microphone(
    tmp_path: Path, tmp_path_factory: pytest.TempPathFactory, shots: Path
) -> None:
    from tests.voice_audio import require_tools, utterance

    require_tools()
    spoken_part = utterance(tmp_path / "voice", "next question", voice="en-us", rate=150)
    said = with_quiet_tail(spoken_part, tmp_path / "fake-mic.wav", TAIL)
    # Chromium plays the file from the moment the page opens the microphone, and loops it.
    # Hold the key past the words by less than the quiet tail: a slow start (a loaded
    # machine) still hears every word, and the loop's next "next" never gets in (it did, as
    # "next question they", on a machine with load 8).
    hold = os.path.getsize(spoken_part) / 32_000 + TAIL / 2
    app = create_app(config(tmp_path / "viva.db"), library(tmp_path_factory))
    for base in serve(app):
        with sync_api.sync_playwright() as p:
            chrome = browser(
                p,
                "--use-fake-ui-for-media-stream",
                "--use-fake-device-for-media-stream",
                f"--use-file-for-fake-audio-capture={said}",
                "--autoplay-policy=no-user-gesture-required",
            )
            page = chrome.new_page(viewport={"width": 1100, "height": 900})
            page.goto(base + "/")
            page.select_option("#topic", "python")
            page.click("#start-set")
            page.wait_for_selector("#log .say.question")
            # selectors, not page.wait_for_function: a string to evaluate breaks the page's CSP
            page.wait_for_selector("#mic:not([disabled])")
            assert "question 1 of" in page.inner_text("#where")
            page.focus("#mic")
            with page.expect_response(lambda r: r.url.endswith("/api/speech")) as spoken:
                page.keyboard.down(" ")  # push to talk, held while the file plays
                page.wait_for_timeout(int(hold * 1000))
                page.keyboard.up(" ")
                page.wait_for_selector("#log .learner >> text=(heard)")
            assert spoken.value.status == 200
            assert spoken.value.header_value("content-type") == "audio/wav"
            heard = page.inner_text("#log .learner")
            assert "next" in heard.lower(), heard
            assert "question 2 of" in page.inner_text("#where"), (heard, page.inner_text("#log"))
            check_shot(page, shots / "5-voice-turn.png", "(heard)", "question 2 of")
            chrome.close()
