"""The command grammar the recogniser uses when it expects a command. Pure.

Its phrases come from the intent table (``viva.understand.table``), the one place a phrasing
is added: every template of the kinds people say to the coach (``SPOKEN``), kept when each
of its samples said alone parses to its intent, with folded words spelled the way the
recogniser's dictionary writes them ("dont" -> "don't"), and with every word or alternative
the recogniser cannot pronounce left out ("(resume|unpause|ready)" becomes "(resume|ready)";
the caller passes the dictionary check). Requests that name the bank's topics, levels and
counts are not in the table (the parser reads them with the bank's vocabulary), so their
phrases are written here (``BANK``). A grammar has no "none of the above": anything said is
forced onto its nearest phrase, so ``UNSPOKEN`` keeps out table phrases measured to swallow
other commands, and the coach checks the grammar's confidence (``stt``). The phrases are
compiled into a minimal word automaton (``automaton``) for the recogniser.
"""

from __future__ import annotations

import functools
import itertools
import re
from collections.abc import Callable, Iterable, Sequence

from viva.understand.intents import Kind
from viva.understand.template import Alt, Seq, Slot, Word, parse_template
from viva.voice.automaton import Automaton, compile_templates

_ONES = "one two three four five six seven eight nine ten eleven twelve fifteen".split()
NUMBERS = [*_ONES, "twenty", "twenty five", "thirty", "forty", "fifty"]
ORDINALS = ["first", "second", "third", "last"]
LEVELS = ["beginner", "beginners", "basic", "intermediate", "senior", "advanced"]

# Words the intent table writes folded, as the recogniser's dictionary spells them
SPELLED = {
    "im": "i'm",
    "dont": "don't",
    "didnt": "didn't",
    "couldnt": "couldn't",
    "thats": "that's",
    "lets": "let's",
    "youre": "you're",
    "whats": "what's",
    "ill": "i'll",
    "ive": "i've",
}
# The kinds of command a learner says to the coach, grouped as the benchmark reports them
SPOKEN: dict[str, tuple[Kind, ...]] = {
    "nav": (Kind.NEXT, Kind.PREVIOUS, Kind.SKIP, Kind.HOW_MANY_LEFT, Kind.GOTO),
    "answer": (Kind.ANSWER, Kind.TRY_AGAIN),
    "teach": (
        Kind.EXAMPLE,
        Kind.ANOTHER_EXAMPLE,
        Kind.SIMPLER,
        Kind.WHY,
        Kind.MORE_DETAIL,
        Kind.SHORTER,
        Kind.FOLLOW_UP,
        Kind.MORE,
        Kind.ALWAYS_EXAMPLE,
    ),
    "repeat": (Kind.REPEAT, Kind.REPEAT_SENTENCE, Kind.REPEAT_WORD),
    "pace": (Kind.SLOWER, Kind.FASTER),
    "mode": (Kind.QUESTIONS_ONLY, Kind.WITH_ANSWERS),
    "meta": (Kind.HELP, Kind.PAUSE, Kind.RESUME, Kind.CONTINUE, Kind.QUIT, Kind.QUIZ, Kind.THANKS),
}
# Table templates kept out: in measurements on synthetic speech (bench/bench_voice.py's
# command sets, four voices) these took the place of other commands ("go to five" heard
# for "good bye", "why it" for "bye", "fine" for "bye"), or they are a word or two no one
# says alone to a coach by voice.
UNSPOKEN = frozenset(
    {
        "where are we",
        "what",
        "huh",
        "sorry",
        "again [please]",
        "options",
        "menu",
        "more",
        "short",
        "detail",
        "reason",
        "back",
        "pass",
        "ready",
        "[but|and] why [would|do|did|is|does|should] [you|we|they|it|that|one] [do|use|need] [that|it|this|so]",
        "(go|jump|skip) [back] to {number}",
        "spell (it|that)",
        "too much",
        "in depth",
        "briefly",
        "wait what",
        "wait [wait]",  # heard for "quit" (tests/test_voice_session.py)
        "(didn't|did not) (get|understand)",
        "full answer",
        "sorry what",
        "(go on|more|keep going|yes|yeah|yep|sure|carry on|and then|then|tell me|what else|ok|okay|alright|right|uh huh|cheers|hmm okay) [please|continue|go on|go ahead]",
        "(yes|yeah|ok|okay|cheers) (yes|yeah|ok|okay|cheers) [go on]",
        "(done|got it|understood|i understood|clear|makes sense|fine|good|great|nice|cool|perfect|im good|i am good|all good) [so much|a lot]",
    }
)
# An optional part with more ways than this (the table's acknowledgements before "next":
# "ok", "got it", "thanks", ... twice over) multiplies the sentences the grammar accepts,
# and each short way is one more phrase to swallow a command: the grammar leaves it out.
MAX_OPTIONAL = 8
# Requests about the bank's topics, levels and counts, in the table's template syntax
BANK: dict[str, list[str]] = {
    "set": [
        "[{ask}] [the] [top] [{number}] {topic} [interview] questions [{levels}] [{answers}]",
        "[{ask}] [the] [top] [{number}] {level} {topic} questions [{answers}]",
        "[{ask}] [the] [top] [{number}] {level} questions [{answers}]",
        "{topic} from {level} to {level} [level]",
        "{level} {topic}",
        "let's do {topic}",
        "start with {topic}",
        "{number} questions",
    ],
    "topics": [
        "top {number} topics in {topic}",
        "(important|main) topics in {topic}",
        "what topics do you cover",
        "list topics",
        "which topics do you have",
        "what should i study for {topic}",
        "quiz me on {topic}",
    ],
}
# Commands people say that the table finds only inside longer sentences ("too fast" is a
# within phrase; "go slower" is not written at all): kept here so the grammar hears them
# until the table has them as whole templates; a test checks each parses to its command.
EXTRA: dict[str, list[str]] = {
    "teach": [
        "give an example",
        "for example",
        "(tell me|explain) in simple words",
        "in plain english",
        "i didn't get it",
        "i don't understand",
        "follow up question",
        "(go on|keep going|carry on|tell me|what else)",
    ],
    "repeat": [
        "repeat the last (sentence|line|word)",
        "the last sentence again",
        "what was the last word",
        "i didn't catch the last word",
    ],
    "pace": [
        "go (slow|slower|faster)",
        "a little slow",
        "explain slowly from now on",
        "(slower|faster) from now on",
        "always go slow",
    ],
    "mode": ["always give examples from now on"],
}
PARTS: dict[str, list[str]] = {
    "ask": ["give me", "start", "ask me", "i want", "i need", "let's do", "can we do"],
    "levels": [
        "for {level}",
        "for {level} to {level}",
        "from {level} to {level}",
        "at {level} level",
        "{level} to {level}",
        "{level} level",
    ],
    "answers": ["with answers", "without answers", "questions only"],
}
GROUPS = [*SPOKEN, *BANK]
WHOLES_ONLY = False
SMALL = 64  # sentences: a template this small is checked one sentence at a time
TABLE_SLOTS = frozenset({"number", "ordinal"})  # the table's slots the grammar has lists for


def _everything(_: str) -> bool:
    return True


@functools.cache
def _table_rules(can_say: Callable[[str], bool]) -> dict[str, tuple[str, ...]]:
    from viva.understand import table

    by_kind = {r.kind: r for r in table.RULES}
    out: dict[str, tuple[str, ...]] = {}
    for group, kinds in SPOKEN.items():
        phrases: list[str] = []
        for kind in kinds:
            rule = by_kind[kind]
            for template in rule.wholes if WHOLES_ONLY else (*rule.wholes, *rule.withins):
                said = None if template in UNSPOKEN else spoken(template, can_say, TABLE_SLOTS)
                kept = _said_alone(said, kind) if said else None
                if kept:
                    phrases.append(kept)
        out[group] = tuple(dict.fromkeys(phrases))
    return out


def clear_cache() -> None:
    """Forget the table's phrases, after the table changed (tests)."""
    _table_rules.cache_clear()


def rules(can_say: Callable[[str], bool] = _everything) -> dict[str, list[str]]:
    """Every group's templates: the table's spoken commands, then the bank requests."""
    out = {g: [*p, *EXTRA.get(g, ())] for g, p in _table_rules(can_say).items()}
    bank = {g: [s for t in ts if (s := spoken(t, can_say))] for g, ts in BANK.items()}
    return out | bank


def spoken(
    template: str, can_say: Callable[[str], bool], slots: frozenset[str] | None = None
) -> str | None:
    """A template as the recogniser can hear it: words spelled, and every word or
    alternative it cannot pronounce left out (so are slots not in ``slots``, when given);
    None when nothing sayable is left."""
    tree = _prune(parse_template(template), can_say, slots)
    return _unparse(tree) if tree is not None and tree.items else None


def _prune(node: Seq, can_say: Callable[[str], bool], slots: frozenset[str] | None) -> Seq | None:
    items: list[Word | Slot | Alt] = []
    for item in node.items:
        if isinstance(item, Word):
            word = SPELLED.get(item.text, item.text)
            # a lone letter other than "a" and "i" is a recogniser's spelling ("i m"), not
            # something said
            if not can_say(word) or (slots == TABLE_SLOTS and len(word) == 1 and word not in "ai"):
                return None
            items.append(Word(word))
        elif isinstance(item, Slot):
            if slots is not None and item.name not in slots:
                return None
            items.append(item)
        else:
            pruned = (_prune(o, can_say, slots) for o in item.options)
            kept = [o for o in pruned if o and o.items]
            ways = sum(len(_fill(o, {}, 0, slots=False)) for o in kept)
            if item.optional and ways > MAX_OPTIONAL and slots == TABLE_SLOTS:
                continue
            if kept:
                items.append(Alt(tuple(kept), item.optional))
            elif not item.optional:
                return None
    return Seq(tuple(items))


def _unparse(node: Seq | Word | Slot | Alt) -> str:
    if isinstance(node, Word):
        return node.text
    if isinstance(node, Slot):
        return f"{{{node.name}}}"
    if isinstance(node, Alt):
        body = "|".join(_unparse(o) for o in node.options)
        return f"[{body}]" if node.optional else f"({body})"
    return " ".join(_unparse(i) for i in node.items)


def _said_alone(template: str, kind: Kind) -> str | None:
    """The part of a template that, said on its own, is read as its intent: a phrase the
    table finds inside sentences need not be that command alone ("so fast" is; "very fast"
    may not be). A small template is checked sentence by sentence, a large one (or one with
    slots) by its samples, all or nothing."""
    from viva.understand.reader import Vocabulary, parse

    alone = Vocabulary()
    every = list(dict.fromkeys(_fill(parse_template(template), {}, 0, slots=False)))
    if "{" in template or len(every) > SMALL:
        samples = _samples(template, _lists([]), 2, 6)
        return template if all(parse(s, alone).kind is kind for s in samples) else None
    kept = [s for s in every if s and parse(s, alone).kind is kind]
    if len(kept) == len([s for s in every if s]):
        return template
    return f"({'|'.join(kept)})" if kept else None


def _lists(topics: Iterable[str]) -> dict[str, list[str]]:
    names = sorted({" ".join(t.split()) for t in topics if t.strip()})
    return {**PARTS, "number": NUMBERS, "ordinal": ORDINALS, "level": LEVELS, "topic": names}


def automaton(topics: Iterable[str], can_say: Callable[[str], bool] = _everything) -> Automaton:
    """The grammar as the recogniser's minimal automaton; ``topics`` are topic phrases in
    lower-case words ("system design"), ``can_say`` the recogniser's dictionary check."""
    lists = _lists(topics)
    lists = {k: [s for v in vs if (s := spoken(v, can_say))] for k, vs in lists.items()}
    templates = [t for ts in rules(can_say).values() for t in ts]
    return compile_templates(templates, lists)


def jsgf(topics: Iterable[str], can_say: Callable[[str], bool] = _everything) -> str:
    """The same grammar as JSGF text, compiled by pocketsphinx itself: the slower path the
    automaton replaced, kept for the benchmark's comparison."""
    lists = _lists(topics)
    lists = {k: [s for v in vs if (s := spoken(v, can_say))] for k, vs in lists.items()}
    templates = [t for ts in rules(can_say).values() for t in ts]

    def rule(t: str) -> str:
        return re.sub(r"\{(\w+)\}", r"<\1>", t)

    lines = [
        "#JSGF V1.0;",
        "grammar viva;",
        "public <utterance> = " + " | ".join(f"({rule(t)})" for t in templates) + ";",
    ]
    lines += [f"<{k}> = {' | '.join(f'({rule(v)})' for v in vs)};" for k, vs in lists.items() if vs]
    return "\n".join(lines) + "\n"


def expand(
    topics: Sequence[str] = (),
    limit: int = 3,
    per_phrase: int = 6,
    can_say: Callable[[str], bool] = _everything,
) -> list[str]:
    """Example phrases of every template, slots filled with their first ``limit`` values
    and optional parts left out and put in, at most ``per_phrase`` spread evenly over the
    combinations: what the tests and the benchmark speak."""
    lists = _lists(topics)
    lists["topic"] = list(topics)  # in the caller's order: tests shuffle them
    templates = [t for ts in rules(can_say).values() for t in ts]
    out = [s for t in templates for s in _samples(t, lists, limit, per_phrase)]
    return list(dict.fromkeys(out))


def _samples(template: str, lists: dict[str, list[str]], limit: int, per: int) -> list[str]:
    every = list(dict.fromkeys(s for s in _fill(parse_template(template), lists, limit) if s))
    stride = max(1, len(every) // per)
    return every[::stride][:per]


def _fill(
    node: Seq | Word | Slot | Alt, lists: dict[str, list[str]], limit: int, slots: bool = True
) -> list[str]:
    if isinstance(node, Word):
        return [node.text]
    if isinstance(node, Slot):
        if not slots:
            return [f"{{{node.name}}}"]
        values = lists[node.name][:limit]
        return [s for v in values for s in _fill(parse_template(v), lists, limit, slots)]
    if isinstance(node, Alt):
        out = [s for o in node.options for s in _fill(o, lists, limit, slots)]
        return ["", *out] if node.optional else out
    parts = [_fill(i, lists, limit, slots) for i in node.items]
    return [" ".join(w for w in combo if w) for combo in itertools.product(*parts)]
