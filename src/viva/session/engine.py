"""The session engine: ``step(state, intent, ctx) -> (state, effects)``.

Pure: no printing, no clock, no database. The context carries the bank, the search index,
the vocabulary for understanding and, when there is one, the last session's position (for
"continue"). Every intent gets a reply; nothing the learner says can raise.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from typing import TYPE_CHECKING

from viva.bank.model import Entry
from viva.session import asking, mock, plan_turn, review, sets, style, talk, teach
from viva.session.context import Ctx
from viva.session.state import Effect, End, Pace, Say, Stage, State, Tone
from viva.understand.intents import Intent, Kind

if TYPE_CHECKING:
    pass

QUIZ_SET = 5
LONG_ANSWER = 8
# what a learner's answer to a mock-interview question parses as, when it isn't a command
ANSWERS = frozenset({Kind.UNKNOWN, Kind.ASK, Kind.CHECK, Kind.PROFILE, Kind.TOPICS})
MAX_ANSWER = 2_000  # characters; as `viva grade` takes

HELP = (
    "You can say: 'top 10 Python questions for beginners', 'next', 'previous', 'go to question 3', "
    "'how many left', 'example', 'another example', 'in simple words', 'why', 'more detail', "
    "'repeat', 'repeat the last word', 'slower', 'faster', 'questions only', 'with answers', "
    "'top 10 topics in microservices', any question like 'what is the GIL', "
    "'quiz me on 5 docker questions' (then 'try again'), 'so X is Y, right?' to check your "
    "understanding, 'from now on explain slowly', 'give me two minutes', or 'quit'."
)


Handler = Callable[[State, Intent, Ctx], tuple[State, list[Effect]]]


def _focus(state: State, ctx: Ctx) -> Entry | None:
    return ctx.bank.get(state.focus) if state.focus else None


def _needs_focus(fn: Callable[[State, Entry], tuple[State, list[Effect]]]) -> Handler:
    def handler(state: State, intent: Intent, ctx: Ctx) -> tuple[State, list[Effect]]:
        entry = _focus(state, ctx)
        if entry is None:
            return state, [
                Say(
                    "We haven't started on a question yet. Ask me one, or say "
                    "'top 10 Python questions'.",
                    Tone.NOTE,
                )
            ]
        return fn(state, entry)

    return handler


def _repeat(state: State, intent: Intent, ctx: Ctx) -> tuple[State, list[Effect]]:
    if not state.last_turn:
        return state, [Say("I haven't said anything yet.", Tone.NOTE)]
    if intent.kind is Kind.REPEAT_SENTENCE:
        return state, [Say(state.last_turn[-1])]
    if intent.kind is Kind.REPEAT_WORD:
        words = [w.strip(".,!?;:'\"()") for w in state.last_turn[-1].split()]
        word = next((w for w in reversed(words) if w), "")
        return state, [Say(f"The last word was: {word}.")]
    return state, [Say(" ".join(state.last_turn))]


def _topics(state: State, intent: Intent, ctx: Ctx) -> tuple[State, list[Effect]]:
    topic = ctx.bank.topic(intent.topic) if intent.topic else None
    if topic is None:
        names = ", ".join(t.name for t in ctx.bank.topics)
        return state, [Say(f"I cover these topics: {names}.", Tone.LIST)]
    subs = topic.subtopics[: intent.count or 10]
    lines = [f"{i}. {s.name}: {s.summary}" for i, s in enumerate(subs, 1)]
    head = (
        f"The {len(subs)} most important {topic.name} topics for interviews, most important first:"
    )
    return state, [
        Say(head + "\n" + "\n".join(lines), Tone.LIST),
        Say(f"Say 'top 10 {topic.name} questions' to practise them.", Tone.NOTE),
    ]


def _check(state: State, intent: Intent, ctx: Ctx) -> tuple[State, list[Effect]]:
    if ctx.facts is not None:
        source, effects = mock.check(intent.text[:2000], ctx.bank, ctx.index, ctx.facts())
        if source:
            state = replace(state, focus=source, examples_given=0, stage=Stage.DONE, pending=())
        return state, effects
    result = ctx.search(intent.text[:2000])
    entry = ctx.bank.get(result.answer_id or (result.hits[0].entry_id if result.hits else ""))
    honest = "I can't verify statements yet, so I won't agree or disagree."
    if entry is None:
        return state, [Say(honest + " I don't have an entry on that either.", Tone.NOTE)]
    state = replace(state, focus=entry.id, examples_given=0)
    return state, [
        Say(
            honest + f" Here is what the bank says on '{entry.question}', so you can compare:",
            Tone.NOTE,
        ),
        Say(entry.short_answer, Tone.ANSWER),
    ]


def _pause(state: State, intent: Intent, ctx: Ctx) -> tuple[State, list[Effect]]:
    return replace(state, paused=True), [
        Say("Sure, take your time. Say 'resume' when you're back.", Tone.NOTE)
    ]


def _resume(state: State, intent: Intent, ctx: Ctx) -> tuple[State, list[Effect]]:
    if state.paused:
        state = replace(state, paused=False)
        entry = _focus(state, ctx)
        where = f" We were on: {entry.question}" if entry else ""
        return state, [Say("Welcome back." + where, Tone.NOTE)]
    return _continue(state, intent, ctx)


def _continue(state: State, intent: Intent, ctx: Ctx) -> tuple[State, list[Effect]]:
    if state.pending:
        return teach.more(state, _focus(state, ctx))
    saved = ctx.resume
    if not state.queue and saved and saved.get("queue"):
        queue = tuple(q for q in saved["queue"] if ctx.bank.get(q))
        pos = max(0, min(int(saved.get("pos", 0)), len(queue) - 1))
        if queue:
            state = replace(state, queue=queue, title=str(saved.get("title", "")))
            state, effects = sets.ask_at(state, pos, ctx)
            return state, [
                Say(f"Picking up where we left off: {state.title}.", Tone.NOTE),
                *effects,
            ]
    if state.queue:
        return sets.next_question(state, intent, ctx)
    return state, [
        Say("There's no earlier session to continue. Ask me anything, or say 'help'.", Tone.NOTE)
    ]


def _quiz(state: State, intent: Intent, ctx: Ctx) -> tuple[State, list[Effect]]:
    if ctx.facts is None:
        return state, [Say("Mock interviews need the grader, which isn't loaded here.", Tone.NOTE)]
    count = intent.count or QUIZ_SET
    queue = mock.named_queue(intent, ctx.bank, ctx.index, count)
    if queue:  # "quiz me on the GIL": that question, then its related ones
        state = replace(state, quiz=True, queue=queue, pos=0, title="mock interview")
        state, effects = sets.ask_at(state, 0, ctx)
        return state, [mock.named_intro(len(queue)), *effects]
    return sets.start_set(replace(state, quiz=True), replace(intent, count=count), ctx)


def _try_again(state: State, intent: Intent, ctx: Ctx) -> tuple[State, list[Effect]]:
    entry = _focus(state, ctx)
    if entry is None or not state.quiz:
        return state, [
            Say(
                "Try again works in a mock interview. Say 'quiz me on Python' to start one.",
                Tone.NOTE,
            )
        ]
    return mock.try_again(state, entry)


def _in_quiz(state: State, intent: Intent, ctx: Ctx) -> tuple[State, list[Effect]] | None:
    """While a mock-interview question waits for an answer, free speech is the answer."""
    entry = _focus(state, ctx)
    if not (state.awaits_answer and entry and ctx.facts):
        return None
    if intent.kind is Kind.ANSWER:
        return (
            mock.give_up(state, entry)
            if state.last_score is None
            else mock.model_answer(state, entry)
        )
    words = len(intent.text.split())
    looks_like_question = intent.text.rstrip().endswith("?") and words < 12
    # commands are short; a long utterance is an answer even if it names a topic or says
    # "for example" ("the GIL means only one thread runs Python at a time...")
    long_answer = words >= LONG_ANSWER and intent.kind not in (Kind.QUIT, Kind.PAUSE)
    if intent.kind is Kind.ATTEMPT or (
        (intent.kind in ANSWERS or long_answer) and not looks_like_question
    ):
        if len(intent.text) > MAX_ANSWER:  # a paste gone wrong, not an answer: ask again
            return state, [
                Say(
                    f"Sorry, the answer is {len(intent.text)} characters long (at "
                    f"most {MAX_ANSWER}), so nothing was recorded. Say it shorter: "
                    f"{entry.question}",
                    Tone.QUESTION,
                )
            ]
        return mock.grade_turn(state, entry, intent.text, ctx.facts())
    return None


def _more(state: State, intent: Intent, ctx: Ctx) -> tuple[State, list[Effect]]:
    """ "Yes", "go on", "cheers": the rest of the answer, or the next question when it's done."""
    if not state.pending and state.queue and state.stage is Stage.DONE and not state.quiz:
        return sets.next_question(state, intent, ctx)
    return teach.more(state, _focus(state, ctx))


def _quit(state: State, intent: Intent, ctx: Ctx) -> tuple[State, list[Effect]]:
    return replace(state, ended=True), [
        Say("Bye for now. Good luck with the interview.", Tone.NOTE),
        End(),
    ]


def _help(state: State, intent: Intent, ctx: Ctx) -> tuple[State, list[Effect]]:
    return state, [Say(HELP, Tone.NOTE)]


def _unknown(state: State, intent: Intent, ctx: Ctx) -> tuple[State, list[Effect]]:
    # a bare term ("GIL", "decorators") is a question when the bank has a confident answer
    result = None
    if 0 < len(intent.text.split()) <= 3:
        result = ctx.search(intent.text)
        if result.answer_id:
            return asking.answer(state, result, ctx)
    return talk.unknown(state, intent, ctx, result)


def _attempt(state: State, intent: Intent, ctx: Ctx) -> tuple[State, list[Effect]]:
    """An answer with no mock-interview question waiting: take it as a question or a check."""
    return asking.ask(state, replace(intent, kind=Kind.ASK), ctx)


HANDLERS: dict[Kind, Handler] = {
    Kind.START_SET: sets.start_set,
    Kind.NEXT: sets.next_question,
    Kind.SKIP: sets.next_question,
    Kind.PREVIOUS: sets.previous,
    Kind.GOTO: sets.goto,
    Kind.HOW_MANY_LEFT: sets.how_many,
    Kind.MORE: lambda s, i, c: _more(s, i, c),
    Kind.REPEAT: _repeat,
    Kind.REPEAT_SENTENCE: _repeat,
    Kind.REPEAT_WORD: _repeat,
    Kind.SLOWER: style.pace,
    Kind.FASTER: style.pace,
    Kind.SHORTER: style.shorter,
    Kind.MORE_DETAIL: style.more_detail,
    Kind.WITH_ANSWERS: style.answers_mode,
    Kind.QUESTIONS_ONLY: style.answers_mode,
    Kind.EXAMPLE: _needs_focus(teach.example),
    Kind.ANOTHER_EXAMPLE: _needs_focus(teach.example),
    Kind.ALWAYS_EXAMPLE: style.always_example,
    Kind.SIMPLER: _needs_focus(teach.simpler),
    Kind.WHY: _needs_focus(teach.why),
    Kind.ANSWER: _needs_focus(teach.answer),
    Kind.FOLLOW_UP: _needs_focus(teach.follow_up),
    Kind.ASK: asking.ask,
    Kind.TOPICS: _topics,
    Kind.CHECK: _check,
    Kind.PROFILE: talk.profile,
    Kind.QUIZ: _quiz,
    Kind.TRY_AGAIN: _try_again,
    Kind.PAUSE: _pause,
    Kind.RESUME: _resume,
    Kind.CONTINUE: _continue,
    Kind.HELP: _help,
    Kind.QUIT: _quit,
    Kind.UNKNOWN: _unknown,
    Kind.ATTEMPT: _attempt,
    Kind.THANKS: talk.thanks,
    Kind.GREETING: talk.greeting,
    Kind.VOICE: talk.voice,
    Kind.STUDY_TODAY: plan_turn.study_today,
    Kind.REVIEW: review.start,
    Kind.PLAN_JD: plan_turn.plan_from_jd,
}


def step(state: State, intent: Intent, ctx: Ctx) -> tuple[State, list[Effect]]:
    """One turn: the learner's intent in, the new state and what to do out."""
    if state.paused and intent.kind not in (Kind.PAUSE, Kind.QUIT):
        state = replace(state, paused=False)
        if intent.kind is Kind.RESUME:
            return _resume(replace(state, paused=True), intent, ctx)
    graded = review.turn(state, intent, ctx)
    if graded is None:
        graded = _in_quiz(state, intent, ctx)
        if graded is not None and state.review:
            graded = review.graded(*graded, ctx)
    if graded is None and intent.kind in (Kind.START_SET, Kind.REVIEW):
        # "top 10 Python questions" ends a mock interview or the reviews
        state = replace(state, quiz=False, review=False)
    state, effects = graded if graded else HANDLERS[intent.kind](state, intent, ctx)
    return teach.said(state, effects), effects


def opening(state: State, profile: dict[str, str], has_saved: bool) -> list[Effect]:
    """The coach's first turn, shaped by what it remembers."""
    parts = ["Hi, I'm viva, your backend interview coach."]
    if state.prefs.pace is Pace.SLOW:
        parts.append("I'll go slowly, as you asked.")
    if profile.get("target_role"):
        parts.append(f"You're preparing for a {profile['target_role']} role.")
    parts.append("Ask me anything, or say 'top 10 Python questions'.")
    if has_saved:
        parts.append("Say 'continue' to pick up where we left off.")
    parts.append("Say 'help' for more.")
    return [Say(" ".join(parts), Tone.NOTE)]
