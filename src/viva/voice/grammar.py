"""The command grammar (JSGF) the recogniser uses when it expects a command. Pure.

The phrases are the ones the intent parser understands (its 300-row table and the engine's
HELP text), written the way people say them; a test expands the grammar and checks that every
phrase parses to the intended kind of command, so the grammar and the parser cannot drift.
A grammar has no "none of the above": anything said is forced onto its nearest phrase, which
is why the coach listens for free answers with a language model instead (``lm``). For the same
reason the grammar is kept lean: no optional fillers ("okay", "please") and no short phrases
that sound like many others ("where are we", "medium", "got it" each swallowed other commands
in measurements on synthetic speech; the parser still understands them typed).
"""

from __future__ import annotations

import re
from collections.abc import Iterable

_ONES = "one two three four five six seven eight nine ten eleven twelve fifteen".split()
NUMBERS = [*_ONES, "twenty", "twenty five", "thirty", "forty", "fifty"]
LEVELS = ["beginner", "beginners", "basic", "intermediate", "senior", "advanced"]

RULES: dict[str, list[str]] = {
    "nav": [
        "next",
        "next question",
        "next one",
        "move on",
        "go ahead",
        "skip",
        "skip this one",
        "previous",
        "previous question",
        "go back",
        "how many left",
        "how many questions are left",
        "understood",
    ],
    "answer": [
        "answer",
        "the answer",
        "show me the answer",
        "tell me the answer",
        "give me the answer",
        "what is the answer",
        "i don't know",
        "no idea",
        "i give up",
    ],
    "goto": [
        "go to question <num>",
        "go back to question <num>",
        "question <num>",
        "jump to question <num>",
        "go to the first question",
        "go to the last question",
    ],
    "teach": [
        "example",
        "give me an example",
        "give an example",
        "for example",
        "show me the code",
        "another example",
        "one more example",
        "different example",
        "next example",
        "in simple words",
        "tell me in simple words",
        "explain in simple words",
        "simpler",
        "in plain english",
        "i didn't get it",
        "i don't understand",
        "not clear",
        "why",
        "but why",
        "more detail",
        "in detail",
        "tell me more",
        "elaborate",
        "go deeper",
        "shorter",
        "in short",
        "too long",
        "summary",
        "follow up",
        "follow up question",
        "what would they ask next",
        "go on",
        "more",
        "carry on",
        "keep going",
        "continue",
        "tell me",
        "what else",
    ],
    "repeat": [
        "repeat",
        "repeat that",
        "repeat the question",
        "repeat the answer",
        "say that again",
        "say it again",
        "once more",
        "one more time",
        "come again",
        "pardon",
        "repeat the last sentence",
        "the last sentence again",
        "repeat the last line",
        "repeat the last word",
        "what was the last word",
        "i didn't catch the last word",
        "i didn't catch that",
        "what did you say",
    ],
    "pace": [
        "slower",
        "go slow",
        "go slower",
        "slow down",
        "too fast",
        "a little slow",
        "one at a time",
        "step by step",
        "faster",
        "go faster",
        "speed up",
        "too slow",
        "quicker",
        "explain slowly from now on",
        "slower from now on",
        "faster from now on",
        "always go slow",
    ],
    "mode": [
        "questions only",
        "only questions",
        "just the questions",
        "without answers",
        "with answers",
        "always give an example",
        "always give examples from now on",
    ],
    "set": [
        "[<ask>] [the] [top] [<num>] <topic> [interview] questions [<levels>] [<answers>]",
        "[<ask>] [the] [top] [<num>] <level> <topic> questions [<answers>]",
        "[<ask>] [the] [top] [<num>] <level> questions [<answers>]",
        "<topic> from <level> to <level> [level]",
        "<level> <topic>",
        "let's do <topic>",
        "start with <topic>",
        "<topic> questions",
        "<num> questions",
    ],
    "ask": ["give me", "start", "ask me", "i want", "i need", "let's do", "can we do"],
    "levels": [
        "for <level>",
        "for <level> to <level>",
        "from <level> to <level>",
        "at <level> level",
        "<level> to <level>",
        "<level> level",
    ],
    "answers": ["with answers", "without answers", "questions only"],
    "topics": [
        "top <num> topics in <topic>",
        "important topics in <topic>",
        "main topics in <topic>",
        "what topics do you cover",
        "list topics",
        "which topics do you have",
        "what should i study for <topic>",
    ],
    "meta": [
        "help",
        "what can you do",
        "what can i say",
        "give me two minutes",
        "give me a minute",
        "hold on",
        "wait a minute",
        "pause",
        "resume",
        "i'm back",
        "i am ready",
        "continue where we left off",
        "continue the last session",
        "quit",
        "exit",
        "stop",
        "bye",
        "goodbye",
        "that's all for today",
        "i'm done",
        "quiz me",
        "quiz me on <topic>",
        "mock interview",
        "try again",
    ],
}
COMMANDS = ["nav", "answer", "goto", "teach", "repeat", "pace", "mode", "set", "topics", "meta"]


def _alternatives(items: Iterable[str]) -> str:
    return " | ".join(items)


def jsgf(topics: Iterable[str]) -> str:
    """The whole grammar; ``topics`` are topic phrases in lower-case words ("system design")."""
    names = sorted({" ".join(t.split()) for t in topics if t.strip()})
    lines = [
        "#JSGF V1.0;",
        "grammar viva;",
        "public <utterance> = <command>;",
        f"<command> = {_alternatives(f'<{c}>' for c in COMMANDS)};",
    ]
    lines += [f"<{name}> = {_alternatives(items)};" for name, items in RULES.items()]
    lines.append(f"<num> = {_alternatives(NUMBERS)};")
    lines.append(f"<level> = {_alternatives(LEVELS)};")
    lines.append(f"<topic> = {_alternatives(names)};")
    return "\n".join(lines) + "\n"


def words(grammar: str) -> set[str]:
    """Every word a grammar can produce (the recogniser needs a pronunciation for each)."""
    body = "\n".join(ln.split("=", 1)[1] for ln in grammar.splitlines() if "=" in ln)
    body = re.sub(r"<[^>]+>", " ", body)
    return {w for w in re.split(r"[\s|\[\]();]+", body) if w}


def expand(topics: Iterable[str] = (), limit: int = 3, per_phrase: int = 6) -> list[str]:
    """Example phrases of every command rule, references filled with their first ``limit``
    values and optional parts left out and put in, at most ``per_phrase`` spread evenly over
    the combinations: what the tests and the benchmark speak."""
    rules = {**RULES, "num": NUMBERS, "level": LEVELS, "topic": list(topics)}
    out: list[str] = []
    for name in COMMANDS:
        for phrase in rules[name]:
            every = _fill(phrase, rules, limit)
            stride = max(1, len(every) // per_phrase)
            out += every[::stride][:per_phrase]
    return list(dict.fromkeys(" ".join(p.split()) for p in out))


def _fill(phrase: str, rules: dict[str, list[str]], limit: int) -> list[str]:
    m = re.search(r"\[([^\[\]]*)\]|<(\w+)>", phrase)
    if not m:
        return [phrase]
    head, tail = phrase[: m.start()], phrase[m.end() :]
    options = ["", m.group(1)] if m.group(1) is not None else rules[m.group(2)][:limit]
    return [x for opt in options for x in _fill(f"{head}{opt}{tail}", rules, limit)]
