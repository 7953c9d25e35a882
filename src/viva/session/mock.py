"""Mock interviews and honest checking inside the conversation.

"Quiz me on FastAPI" starts a set in which the coach asks and the learner answers in their
own words; each answer is graded against the entry's key points and logged (``Graded``)
for spaced repetition. "Try again" re-asks the same question and reports the change in
score. "..., right?" is checked against the bank and never agreed with unless it holds.
"""

from __future__ import annotations

import re
from dataclasses import replace
from typing import TYPE_CHECKING

from viva.bank.model import Bank, Entry
from viva.grade.model import AnswerVerdict, Grade, Verdict
from viva.search.index import SearchIndex
from viva.search.query import search
from viva.session.state import Effect, Graded, Say, Seen, Stage, State, Tone
from viva.understand.intents import Intent

if TYPE_CHECKING:  # the grader itself loads on the first check or graded answer
    from viva.grade.facts import FactBook

_QUIZ_WORDS = re.compile(r"^.*?\b(quiz|test|interview|grade) me( on| about)?\b", re.I)
QUIZ_PROMPT = "Answer in your own words. Say 'answer' for the model answer, or 'skip'."
AFTER_GRADE = "Say 'try again' to answer again, 'answer' for the model answer, or 'next'."
VERDICT_WORDS = {
    AnswerVerdict.GOOD: "Good answer",
    AnswerVerdict.PARTIAL: "Partly there",
    AnswerVerdict.WRONG: "Not right yet",
    AnswerVerdict.OFF_TOPIC: "That doesn't answer this question",
}


def named_queue(intent: Intent, bank: Bank, index: SearchIndex, count: int) -> tuple[str, ...]:
    """For "quiz me on <one thing>": the entry that answers it and its related entries."""
    if intent.topic or intent.levels:
        return ()
    subject = _QUIZ_WORDS.sub("", intent.text)
    result = search(index, subject) if subject.strip() else None
    entry = bank.get(result.answer_id) if result and result.answer_id else None
    if entry is None:
        return ()
    return tuple(i for i in (entry.id, *entry.related) if bank.get(i))[:count]


def named_intro(n: int) -> Say:
    what = f"{n} questions" if n > 1 else "one question"
    return Say(
        f"A mock interview of {what}, starting with that one. Answer in your own words "
        "and I'll grade each answer.",
        Tone.NOTE,
    )


def ask(state: State, entry: Entry, header: str) -> tuple[State, list[Effect]]:
    """Put a mock-interview question and wait for the learner's answer."""
    state = replace(
        state,
        focus=entry.id,
        examples_given=0,
        follow_ups_given=0,
        pending=(),
        stage=Stage.ASKED,
        last_score=None,
    )
    return state, [
        Say(f"{header}{entry.question}", Tone.QUESTION),
        Seen(entry.id),
        Say(QUIZ_PROMPT, Tone.NOTE),
    ]


def feedback(grade: Grade, before: int | None) -> list[str]:
    """The grade in words: verdict and score, what was covered and missed, what was wrong,
    how it was said. Short lines, so a slow pace still reads well."""
    lines = [f"{VERDICT_WORDS[grade.verdict]}: {grade.score} out of 100."]
    if before is not None:
        delta = grade.score - before
        change = f"up {delta}" if delta > 0 else f"down {-delta}" if delta < 0 else "no change"
        lines[0] += f" Last time {before}, so {change}."
    if grade.wrong_claims:
        said, fix = grade.wrong_claims[0]
        lines.append(f'You said "{said}" - that isn\'t right, which caps the score: {fix}')
    elif grade.misconceptions or grade.red_flags:
        wrong = [*grade.misconceptions, *grade.red_flags][0]
        lines.append(f"One thing you said is wrong, which caps the score. {wrong}")
    if grade.covered:
        lines.append("You covered: " + "; ".join(grade.covered) + ".")
    if grade.missed:
        lines.append("You missed: " + "; ".join(grade.missed) + ".")
    ins = grade.insights
    delivery = [f"{ins.words} words"]
    if ins.fillers:
        top = ", ".join(
            f"'{w}' {n} times" if n > 1 else f"'{w}' once" for w, n in list(ins.fillers.items())[:3]
        )
        delivery.append(f"fillers: {top}")
    if ins.repeated:
        delivery.append("repeated: " + ", ".join(f"'{w}' {n} times" for w, n in ins.repeated))
    if ins.terms_missed:
        delivery.append("terms worth using: " + ", ".join(ins.terms_missed[:3]))
    lines.append("Delivery: " + "; ".join(delivery) + ".")
    return lines


def grade_turn(
    state: State, entry: Entry, text: str, facts: FactBook
) -> tuple[State, list[Effect]]:
    """The learner answered the question in focus: grade it, say how it went, log it."""
    from viva.grade.answer import grade_answer

    grade = grade_answer(entry, text, facts)
    lines = feedback(grade, state.last_score)
    state = replace(state, stage=Stage.DONE, last_score=grade.score)
    model = [_model(entry)] if state.prefs.model_answer else []
    return state, [
        Graded(entry.id, grade.score, grade.verdict, text),
        Say(lines[0], Tone.NOTE),
        *(Say(line, Tone.LIST) for line in lines[1:]),
        *model,
        Say(AFTER_GRADE, Tone.NOTE),
    ]


def _model(entry: Entry) -> Say:
    return Say(f"A model answer: {entry.short_answer.strip()}", Tone.ANSWER)


def give_up(state: State, entry: Entry) -> tuple[State, list[Effect]]:
    """'Answer' before answering: the model answer, and the card counts it as forgotten."""
    state = replace(state, stage=Stage.DONE, pending=(), last_score=0)
    return state, [
        Graded(entry.id, 0, AnswerVerdict.WRONG, ""),
        _model(entry),
        Say("Say 'try again' to answer it yourself now, 'more detail', or 'next'.", Tone.NOTE),
    ]


def model_answer(state: State, entry: Entry) -> tuple[State, list[Effect]]:
    return replace(state, stage=Stage.DONE, pending=()), [
        _model(entry),
        Say("Say 'more detail' for the full answer, 'try again', or 'next'.", Tone.NOTE),
    ]


def try_again(state: State, entry: Entry) -> tuple[State, list[Effect]]:
    state = replace(state, stage=Stage.ASKED, pending=())
    return state, [Say(f"Go ahead. {entry.question}", Tone.QUESTION)]


def check(
    text: str, bank: Bank, index: SearchIndex, facts: FactBook
) -> tuple[str | None, list[Effect]]:
    """A statement checked against the bank: the verdict said plainly, never "exactly"."""
    from viva.grade.statement import check_statement

    result = check_statement(text, bank, index, facts)
    effects: list[Effect] = [Say(result.explanation, Tone.ANSWER)]
    if result.source_id and result.verdict is not Verdict.UNSURE:
        effects.append(Say("Say 'more detail' for the full answer, or 'example'.", Tone.NOTE))
    return result.source_id, effects
