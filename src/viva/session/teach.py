"""Delivering one entry at the learner's pace: questions, answer chunks, examples, simple words.

Every function takes the state and returns the new state and the effects; nothing here
knows about sets or navigation (that is ``engine``).
"""

from __future__ import annotations

import re
from dataclasses import replace

from viva.bank.model import Entry
from viva.session.state import Detail, Effect, Say, Seen, Show, Stage, State, Tone

_SENTENCE = re.compile(r"(?<=[.!?])\s+(?=[A-Z0-9\"'(])")
_MD = re.compile(r"```.*?```", re.DOTALL)


def sentences(text: str) -> list[str]:
    return [s.strip() for s in _SENTENCE.split(" ".join(text.split())) if s.strip()]


def prose(markdown: str) -> str:
    """Markdown answer without code blocks and markup, for saying rather than showing."""
    text = _MD.sub(" ", markdown)
    text = re.sub(r"`([^`]*)`", r"\1", text)
    text = re.sub(r"[*_#>]+", "", text)
    text = re.sub(r"^\s*[-+]\s+", "", text, flags=re.MULTILINE)
    return " ".join(text.split())


def said(state: State, effects: list[Effect]) -> State:
    """Remember what was just said so "repeat" can say it again.

    Prompts ("Say 'next' ...") are left out when the turn had content: "the last word" means
    the last word of the answer, not of the menu that followed it.
    """
    says = [e for e in effects if isinstance(e, Say)]
    content = [e for e in says if e.style is not Tone.NOTE] or says
    words = tuple(s for e in content for s in sentences(e.text))
    return replace(state, last_turn=words) if words else state


def prompt(state: State) -> str:
    if state.stage is Stage.ANSWERING:
        return "Say 'go on' for more, 'example', 'in simple words', or 'next'."
    if state.stage is Stage.ASKED:
        return "Think about it, then say 'answer', or 'next' to skip."
    options = ["'example'", "'in simple words'", "'why'"]
    if state.queue:
        options.append("'next'")
    return "Say " + ", ".join(options[:-1]) + f" or {options[-1]}."


def deliver(
    state: State, text: str, style: Tone, entry: Entry | None
) -> tuple[State, list[Effect]]:
    """Say the first chunk of ``text`` (as many sentences as the pace allows), keep the rest."""
    parts = sentences(text)
    n = state.prefs.pace.sentences
    chunk, rest = parts[:n], tuple(parts[n:])
    stage = Stage.ANSWERING if rest else Stage.DONE
    state = replace(state, pending=rest, stage=stage)
    effects: list[Effect] = [Say(" ".join(chunk), style)]
    if not rest and state.prefs.always_example and entry and style is Tone.ANSWER:
        state, more = example(state, entry)
        effects += more
        return state, effects
    effects.append(Say(prompt(state), Tone.NOTE))
    return state, effects


def ask_question(state: State, entry: Entry, header: str) -> tuple[State, list[Effect]]:
    """Put a question; with answers on, follow it with the first chunk of the short answer."""
    state = replace(state, focus=entry.id, examples_given=0, follow_ups_given=0, pending=())
    effects: list[Effect] = [Say(f"{header}{entry.question}", Tone.QUESTION), Seen(entry.id)]
    if not state.prefs.with_answers:
        state = replace(state, stage=Stage.ASKED)
        return state, [*effects, Say(prompt(state), Tone.NOTE)]
    state, more = answer(state, entry)
    return state, effects + more


def answer(state: State, entry: Entry) -> tuple[State, list[Effect]]:
    if state.prefs.detail is Detail.FULL:
        return detail(state, entry)
    return deliver(state, entry.short_answer, Tone.ANSWER, entry)


def more(state: State, entry: Entry | None) -> tuple[State, list[Effect]]:
    if state.pending:
        return deliver(state, " ".join(state.pending), Tone.ANSWER, entry)
    if entry is None:
        return state, [
            Say(
                "There's nothing more to add right now. Ask me a question, or say 'help'.",
                Tone.NOTE,
            )
        ]
    if state.stage is Stage.ASKED:
        return answer(state, entry)
    return state, [
        Say(
            "That's the whole answer. Say 'more detail' for the full explanation, "
            "'example', or 'next'.",
            Tone.NOTE,
        )
    ]


def example(state: State, entry: Entry) -> tuple[State, list[Effect]]:
    i = state.examples_given
    if i >= len(entry.examples):
        offer = f" A related question: {entry.related[0]}." if entry.related else ""
        return state, [
            Say(
                "That's all the examples I have for this one. "
                f"Say 'in simple words' for the plain explanation.{offer}",
                Tone.NOTE,
            )
        ]
    ex = entry.examples[i]
    label = "Example" if i == 0 else f"Example {i + 1}"
    state = replace(state, examples_given=i + 1, stage=Stage.DONE, pending=())
    left = len(entry.examples) - i - 1
    tail = (
        "Say 'another example' for a different one."
        if left
        else "That was the last example for this one."
    )
    effects: list[Effect] = [Say(f"{label}: {ex.title}. {ex.body}", Tone.EXAMPLE)]
    code = next((s for s in entry.snippets if s.run and s.expected_output), None)
    if code and i == 0:
        fence = "`" * 3
        effects.append(
            Show(
                f"{fence}{code.lang}\n{code.code.rstrip()}\n{fence}\nOutput:\n{fence}\n"
                f"{(code.expected_output or '').rstrip()}\n{fence}"
            )
        )
        tail = "Here is a code example on screen. " + tail
    effects.append(Say(tail, Tone.NOTE))
    return state, effects


def simpler(state: State, entry: Entry) -> tuple[State, list[Effect]]:
    state = replace(state, stage=Stage.DONE, pending=())
    state, effects = deliver(state, entry.simple, Tone.ANSWER, None)
    return state, [Say("In simple words:", Tone.NOTE), *effects]


def why(state: State, entry: Entry) -> tuple[State, list[Effect]]:
    text = prose(entry.answer)
    skip = set(sentences(entry.short_answer))
    reasons = [s for s in sentences(text) if s not in skip]
    return deliver(state, " ".join(reasons) or entry.short_answer, Tone.ANSWER, entry)


def detail(state: State, entry: Entry) -> tuple[State, list[Effect]]:
    state = replace(state, stage=Stage.DONE, pending=())
    return state, [
        Show(entry.answer),
        Say("That's the full answer on screen. Say 'example', 'follow up' or 'next'.", Tone.NOTE),
    ]


def follow_up(state: State, entry: Entry) -> tuple[State, list[Effect]]:
    i = state.follow_ups_given
    if i >= len(entry.follow_ups):
        return state, [
            Say("No more follow-up questions for this one. Say 'next' to move on.", Tone.NOTE)
        ]
    state = replace(state, follow_ups_given=i + 1)
    return state, [Say(f"An interviewer might ask next: {entry.follow_ups[i]}", Tone.QUESTION)]
