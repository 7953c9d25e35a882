"""The human side of a conversation: thanks, hello, requests for another voice, noise, and
asking back when the learner refers to something the coach said but the words were lost.

Each handler is ``(state, intent, ctx) -> (state, effects)`` like the engine's; none of them
changes where the learner is in a set, so the conversation goes on after them. Pure.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import replace
from typing import TYPE_CHECKING

from rapidfuzz import fuzz

from viva.search.index import SearchIndex
from viva.search.query import SearchResult
from viva.session.state import Effect, Remember, Say, Stage, State, Tone
from viva.text import STOPWORDS, fold, stem
from viva.understand.intents import Intent

if TYPE_CHECKING:
    from viva.session.context import Ctx

VOICES = (
    "I can't speak with an Indian accent: no Indian-English voice exists for the offline "
    "speech engine here, and I never download one. I have American and British English "
    "voices (run 'viva voices' to list them). I'll keep it slow and clear."
)
QUESTION = re.compile(
    r"(what|whats|how|why|when|where|which|who|explain|tell me|is|are|can|does)\b"
)
# two-letter words and the pieces contractions fold into ("you're" -> "you re")
SHORT_WORDS = frozenset(
    "i a am an as at be by do go if in is it me my no of on or so to up us we re ll ve s t d m".split()
)
NOISE = "Sorry, I didn't catch that. Could you say it again?"
# "you're saying about g and gamma", "these terms", "what you said": the coach's last turn
REFERS_BACK = re.compile(
    r"\b(you(?: ?re| are)? (?:saying|said|told|mentioned|talking)|you said|these terms|those terms|"
    r"that term|this term|these words|those words|what you said)\b"
)


def _where(state: State, ctx: Ctx) -> str:
    entry = ctx.bank.get(state.focus) if state.focus else None
    if entry is None:
        return "Ask me anything, or say 'top 10 Python questions'."
    if state.stage is Stage.ASKED:
        return f"We were on this question: {entry.question}"
    if state.pending:
        return "I was in the middle of an answer: say 'go on' for the rest."
    if state.queue and state.pos + 1 < len(state.queue):
        return f"We just did: {entry.question} Say 'next' for the next question."
    return f"We were talking about: {entry.question}"


def thanks(state: State, intent: Intent, ctx: Ctx) -> tuple[State, list[Effect]]:
    tail = " Say 'next' when you're ready." if state.queue and not state.pending else ""
    return state, [Say("You're welcome." + tail, Tone.NOTE)]


def greeting(state: State, intent: Intent, ctx: Ctx) -> tuple[State, list[Effect]]:
    return replace(state, paused=False), [Say("Hello! I'm here. " + _where(state, ctx), Tone.NOTE)]


def voice(state: State, intent: Intent, ctx: Ctx) -> tuple[State, list[Effect]]:
    return state, [Say(VOICES, Tone.NOTE)]


def terms_of_last_turn(state: State, index: SearchIndex) -> list[str]:
    """The technical terms of what the coach just said, in the order said."""
    return technical_terms(state.last_turn, index)


def technical_terms(texts: tuple[str, ...] | list[str], index: SearchIndex) -> list[str]:
    """The bank's technical terms in ``texts``, in the order they appear, each once."""
    tech = {t for t in index.tech_terms if " " not in t}
    found: list[str] = []
    for sentence in texts:
        for word in re.findall(r"[A-Za-z][A-Za-z0-9/+#.-]*[A-Za-z0-9+#]", sentence):
            key = fold(word).replace(" ", "")
            if key in tech and key not in STOPWORDS and word not in found:
                found.append(word)
    return found


def clarify(
    state: State, intent: Intent, index: SearchIndex, focus_text: Sequence[str] = ()
) -> tuple[State, list[Effect]] | None:
    """When the learner points back at the coach's words and some of theirs were lost in
    transcription ("you're saying about g and gamma?"), offer the likeliest terms of the
    last turn instead of guessing."""
    text = fold(intent.text)
    # words the bank never uses and that are no everyday word either, or a stray letter
    lost = [
        w
        for w in text.split()
        if w not in SHORT_WORDS
        and (
            (len(w) <= 2 and w.isalpha())
            or (w not in STOPWORDS and stem(w) not in index.idf and w not in index.common)
        )
    ]
    if not REFERS_BACK.search(text) or not lost or not state.last_turn:
        return None
    terms = terms_of_last_turn(state, index) + technical_terms(list(focus_text), index)
    terms = list(dict.fromkeys(terms))
    if not terms:
        return None

    said = " ".join(fold(t) for t in (*state.last_turn, *focus_text))

    def likeness(term: str) -> float:
        # a lost word shares a term's first sound ("g" for Gunicorn) or much of its spelling;
        # among those, the term the coach used most is the likeliest
        key = fold(term)
        sound = max(fuzz.ratio(key, w) / 10 + 40 * (key[:1] == w[:1]) for w in lost)
        return sound + 3 * said.split().count(key)

    ranked = sorted(terms, key=lambda t: -likeness(t))[:3]
    options = ", ".join(ranked[:-1]) + f" or {ranked[-1]}" if len(ranked) > 1 else ranked[0]
    return state, [
        Say(f"Which term do you mean: {options}? Say it and I'll explain it.", Tone.NOTE)
    ]


def no_answer(near: list[str], tail: str = " Say 'help' to see what I can do.") -> Say:
    """The bank has no answer: say so, with the closest questions when there are any."""
    more = " The closest I have: " + " / ".join(near) if near else tail
    return Say("I don't have a good answer for that in the bank." + more, Tone.NOTE)


def unknown(
    state: State, intent: Intent, ctx: Ctx, result: SearchResult | None = None
) -> tuple[State, list[Effect]]:
    """Noise gets "say that again"; a question nothing in the bank answers gets near misses
    (``result``: the search already made for it, if any)."""
    text = fold(intent.text)
    if not text:
        return state, []
    if QUESTION.match(text) and len(intent.text) <= 300:
        result = result or ctx.search(intent.text)
        near = [
            e.question
            for h in result.hits[:2]
            if h.score >= 0.45 and (e := ctx.bank.get(h.entry_id))
        ]
        if near:
            return state, [no_answer(near)]
        return state, [
            Say(
                "That's outside what I cover: backend interview topics like Python, "
                "Django, Flask, FastAPI, databases, microservices, CI/CD, Docker, "
                "Kubernetes, deployment, design patterns and system design.",
                Tone.NOTE,
            )
        ]
    return state, [Say(NOISE, Tone.NOTE)]


def _names(value: str, ctx: Ctx) -> str:
    names = [(t.name if (t := ctx.bank.topic(v)) else v) for v in value.split(",") if v]
    return names[0] if len(names) == 1 else ", ".join(names[:-1]) + " and " + names[-1]


def profile(state: State, intent: Intent, ctx: Ctx) -> tuple[State, list[Effect]]:
    facts = intent.facts or ((intent.fact,) if intent.fact else ())
    parts = []
    for key, value in facts:
        names = _names(value, ctx)
        parts.append(
            {
                "target_role": f"you're preparing for a {value} role",
                "wanted": f"the job asks for {names}",
                "strong": f"you're strong in {names}, so we'll keep those as review",
                "weak": f"{names} {'is' if ',' not in value else 'are'} newer to you, so we'll give "
                f"{'it' if ',' not in value else 'them'} more time",
                "interview_in_days": f"your interview is in {value} days",
            }.get(key, f"{key}: {value}")
        )
    if not parts:
        return state, []
    said = "; ".join(parts)
    reply = f"Noted: {said}. I'll remember {'that' if len(parts) == 1 else 'all of it'}."
    return state, [*(Remember(k, v) for k, v in facts), Say(reply, Tone.NOTE)]
