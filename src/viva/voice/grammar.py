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

from viva.understand.intents import Kind

_ONES = "one two three four five six seven eight nine ten eleven twelve fifteen".split()
NUMBERS = [*_ONES, "twenty", "twenty five", "thirty", "forty", "fifty"]
ORDINALS = ["first", "second", "third", "last"]
LEVELS = ["beginner", "beginners", "basic", "intermediate", "senior", "advanced"]

# Words the intent table writes folded, as the recogniser's dictionary spells them.
SPELLED = {"im": "i'm", "dont": "don't", "didnt": "didn't", "couldnt": "couldn't",
           "thats": "that's", "lets": "let's", "youre": "you're", "whats": "what's",
           "ill": "i'll", "ive": "i've"}  # fmt: skip
# Table phrases kept out of the grammar: in measurements on synthetic speech these swallowed
# other commands ("where are we", "got it"), or they are letters and digits no one says alone.
UNSPOKEN = frozenset({"where are we", "what", "huh", "sorry", "again [please]", "options",
                      "menu", "more", "short", "detail", "reason", "eli5", "tldr", "back",
                      "pass", "ready"})  # fmt: skip
# The kinds of command a learner says to the coach by voice, and the grammar rule of each.
SPOKEN: dict[str, tuple[Kind, ...]] = {
    "nav": (Kind.NEXT, Kind.PREVIOUS, Kind.SKIP, Kind.HOW_MANY_LEFT, Kind.GOTO),
    "answer": (Kind.ANSWER, Kind.TRY_AGAIN),
    "teach": (Kind.EXAMPLE, Kind.ANOTHER_EXAMPLE, Kind.SIMPLER, Kind.WHY, Kind.MORE_DETAIL,
              Kind.SHORTER, Kind.FOLLOW_UP, Kind.MORE, Kind.ALWAYS_EXAMPLE),
    "repeat": (Kind.REPEAT, Kind.REPEAT_SENTENCE, Kind.REPEAT_WORD),
    "pace": (Kind.SLOWER, Kind.FASTER),
    "mode": (Kind.QUESTIONS_ONLY, Kind.WITH_ANSWERS),
    "meta": (Kind.HELP, Kind.PAUSE, Kind.RESUME, Kind.CONTINUE, Kind.QUIT, Kind.QUIZ,
             Kind.THANKS),
}  # fmt: skip


# Written words the recogniser has no pronunciation for: left out of the grammar
NOT_SAID = ("unpause", "brb", "eli5", "tldr", "tl dr", "namaste", "followup")


def _spoken(template: str) -> str | None:
    """A table template in JSGF: slots as rules, folded words as spelled, digits dropped."""
    for word in NOT_SAID:  # "(resume|unpause|ready)" -> "(resume|ready)"
        template = re.sub(rf"\|{word}\b|\b{word}\|", "", template)
    if any(re.search(rf"\b{w}\b", template) for w in NOT_SAID):
        return None
    if template in UNSPOKEN or "{" in template.replace(
        "{number}", ""
    ).replace("{ordinal}", ""):
        return None
    out = template.replace("{number}", "<num>").replace("{ordinal}", "<ordinal>")
    out = re.sub(r"\b\d+\b\|?|\|\d+\b", "", out)  # "(two|2)" -> "(two)"
    out = re.sub(r"\b[a-z]+\b", lambda m: SPELLED.get(m.group(), m.group()), out)
    out = out.replace("|", " | ").replace("( ", "(").replace(" )", ")")
    return " ".join(out.split())


def _said_alone(template: str, kind: Kind) -> bool:
    """Whether every sample of a template, said on its own, is read as its intent: a phrase
    the table finds inside sentences ("like I'm five") need not be a command alone."""
    from viva.understand.match import SAMPLES
    from viva.understand.parse import Vocabulary, parse
    from viva.understand.template import expand as samples

    alone = Vocabulary()
    return all(parse(t, alone).kind is kind for t in samples(template, SAMPLES, limit=6))


def _from_table() -> dict[str, list[str]]:
    from viva.understand.table import RULES as TABLE

    by_kind = {r.kind: r for r in TABLE}
    rules: dict[str, list[str]] = {}
    for name, kinds in SPOKEN.items():
        phrases: list[str] = []
        for kind in kinds:
            rule = by_kind[kind]
            for t in (*rule.wholes, *rule.withins):
                spoken = _spoken(t)
                if spoken and _said_alone(t, kind):
                    phrases.append(spoken)
        rules[name] = list(dict.fromkeys(phrases))
    return rules


RULES: dict[str, list[str]] = {
    **_from_table(),
    "set": [
        "[<ask>] [the] [top] [<num>] <topic> [interview] questions [<levels>] [<answers>]",
        "[<ask>] [the] [top] [<num>] <level> <topic> questions [<answers>]",
        "[<ask>] [the] [top] [<num>] <level> questions [<answers>]",
        "<topic> from <level> to <level> [level]", "<level> <topic>",
        "let's do <topic>", "start with <topic>",
        "<topic> questions", "<num> questions",
    ],
    "ask": ["give me", "start", "ask me", "i want", "i need", "let's do", "can we do"],
    "levels": [
        "for <level>", "for <level> to <level>", "from <level> to <level>", "at <level> level",
        "<level> to <level>", "<level> level",
    ],
    "answers": ["with answers", "without answers", "questions only"],
    "topics": [
        "top <num> topics in <topic>", "important topics in <topic>", "main topics in <topic>",
        "what topics do you cover", "list topics", "which topics do you have",
        "what should i study for <topic>",
    ],
}  # fmt: skip
COMMANDS = ["nav", "answer", "teach", "repeat", "pace", "mode", "set", "topics", "meta"]


def _alternatives(items: Iterable[str]) -> str:
    return " | ".join(items)


def jsgf(topics: Iterable[str]) -> str:
    """The whole grammar; ``topics`` are topic phrases in lower-case words ("system design")."""
    names = sorted({" ".join(t.split()) for t in topics if t.strip()})
    lines = ["#JSGF V1.0;", "grammar viva;",
             "public <utterance> = <command>;",
             f"<command> = {_alternatives(f'<{c}>' for c in COMMANDS)};"]  # fmt: skip
    lines += [f"<{name}> = {_alternatives(items)};" for name, items in RULES.items()]
    lines.append(f"<num> = {_alternatives(NUMBERS)};")
    lines.append(f"<ordinal> = {_alternatives(ORDINALS)};")
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
    rules = {**RULES, "num": NUMBERS, "ordinal": ORDINALS, "level": LEVELS, "topic": list(topics)}
    out: list[str] = []
    for name in COMMANDS:
        for phrase in rules[name]:
            every = _fill(phrase, rules, limit)
            stride = max(1, len(every) // per_phrase)
            out += every[::stride][:per_phrase]
    return list(dict.fromkeys(" ".join(p.split()) for p in out))


def _fill(phrase: str, rules: dict[str, list[str]], limit: int) -> list[str]:
    # the innermost group first: (a | b), [optional] or a <rule>
    m = re.search(r"\(([^()\[\]]*)\)|\[([^()\[\]]*)\]|<(\w+)>", phrase)
    if not m:
        return [phrase]
    head, tail = phrase[: m.start()], phrase[m.end() :]
    if m.group(1) is not None:
        options = [o.strip() for o in m.group(1).split("|")]
    elif m.group(2) is not None:
        options = ["", *(o.strip() for o in m.group(2).split("|"))]
    else:
        options = rules[m.group(3)][:limit]
    return [x for opt in options for x in _fill(f"{head}{opt}{tail}", rules, limit)]
