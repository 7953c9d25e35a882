"""A coach turn as JSON: the effects the engine returned, rendered for a browser.

Each ``Say`` keeps its tone (the page styles questions, answers, examples and notes apart),
each ``Show`` its markdown and safe HTML, each ``Graded`` its score and verdict with the
points covered and missed. ``speech`` is the turn as it is spoken (code blocks become a
pointer to the screen), ready for ``POST /api/speech``. The state part tells the page what
comes next: an answer is awaited, a review rating, or a command.
"""

from __future__ import annotations

import html
from collections.abc import Callable, Sequence
from typing import Literal

from pydantic import BaseModel, Field

from viva.session.state import Effect, Graded, Rated, SavePref, Say, Show, Stage, State

EffectType = Literal["say", "show", "graded", "rated", "saved", "end"]


class EffectOut(BaseModel):
    type: EffectType
    text: str = ""
    tone: str = ""
    markdown: str = ""
    html: str = ""
    entry_id: str = ""
    score: int | None = None
    verdict: str = ""
    covered: list[str] = Field(default_factory=list)
    missed: list[str] = Field(default_factory=list)
    key: str = ""
    value: str = ""
    rating: int | None = None


class StateOut(BaseModel):
    stage: str
    listen: Literal["answer", "rating", "command"]
    quiz: bool
    review: bool
    ended: bool
    pace: str
    focus: str | None
    title: str
    number: int = Field(description="the current question's number in the set (1-based; 0: none)")
    questions: int


class TurnOut(BaseModel):
    conversation: int
    heard: str | None = Field(None, description="what was heard, for a spoken turn")
    effects: list[EffectOut]
    speech: list[str] = Field(description="the turn as sentences to speak")
    state: StateOut


class LineIn(BaseModel):
    text: str = Field(max_length=20_000, description="what the learner typed")


Points = Callable[[str, str], tuple[list[str], list[str]]]  # entry id, answer -> covered, missed


def markdown_html(text: str) -> str:
    """Markdown as HTML that cannot carry script; escaped text if Markdown is not installed."""
    try:
        from viva.export.safe_md import render

        return render(text, extensions=["fenced_code", "tables"])
    except ImportError:
        return f"<pre>{html.escape(text)}</pre>"


def effect_out(e: Effect, points: Points | None = None) -> EffectOut | None:
    if isinstance(e, Say):
        return EffectOut(type="say", text=e.text, tone=e.style.value)
    if isinstance(e, Show):
        return EffectOut(type="show", markdown=e.markdown, html=markdown_html(e.markdown))
    if isinstance(e, Graded):
        covered, missed = points(e.entry_id, e.answer) if points and e.answer else ([], [])
        return EffectOut(
            type="graded",
            entry_id=e.entry_id,
            score=e.score,
            verdict=e.verdict.value,
            covered=covered,
            missed=missed,
        )
    if isinstance(e, Rated):
        return EffectOut(type="rated", entry_id=e.entry_id, rating=e.rating)
    if isinstance(e, SavePref):
        return EffectOut(type="saved", key=e.key.value, value=e.value[:200])
    return None  # Remember and Seen are the store's business; End ends the state


def state_out(state: State) -> StateOut:
    if state.stage is Stage.RATING:
        listen: Literal["answer", "rating", "command"] = "rating"
    elif state.quiz and state.stage is Stage.ASKED:
        listen = "answer"
    else:
        listen = "command"
    number = state.pos + 1 if state.queue and 0 <= state.pos < len(state.queue) else 0
    return StateOut(
        stage=state.stage.value,
        listen=listen,
        quiz=state.quiz,
        review=state.review,
        ended=state.ended,
        pace=state.prefs.pace.value,
        focus=state.focus,
        title=state.title,
        number=number,
        questions=len(state.queue),
    )


def turn_out(
    conversation: int,
    effects: Sequence[Effect],
    state: State,
    points: Points | None = None,
    heard: str | None = None,
) -> TurnOut:
    from viva.voice.speakable import spoken_turn

    shown = [out for e in effects if (out := effect_out(e, points)) is not None]
    return TurnOut(
        conversation=conversation,
        heard=heard,
        effects=shown,
        speech=spoken_turn(effects),
        state=state_out(state),
    )
