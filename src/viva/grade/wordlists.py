"""The small words grading turns on: negations, absolutes, antonyms and synonyms, the words
that don't use up a negation's reach, Python's None told apart from "none", and the
rewrites a text gets before it is read ("can't" is "can not").

Tables and three pure helpers; ``words`` reads texts with them (``un_negated`` serves the
semantic gate of ``belief``).
"""

from __future__ import annotations

import re

NEGATIONS = frozenset({"not", "no", "never", "none", "neither", "nor", "without", "nothing"})
# verbs that deny their object: "prevents cascading failure" says there is none
PREVENTS = frozenset("prevent prevents prevented preventing avoid avoids avoided avoiding".split())


def prevents(words: list[str], i: int) -> bool:
    """The word at ``i`` denies what follows it: "prevents cascading failure" = "no cascading
    failure". "stop" is not one: "to stop the container" halts it, "docker stop" is a name."""
    return words[i] in PREVENTS and i + 1 < len(words)


# the words that end what a prevention reaches (a fixed list: a preposition of means or
# condition, or a pronoun subject): "prevent stampedes with a lock" says nothing against the
# lock, nor "to prevent a stampede you use a lock"
PREVENTED_UNTIL = frozenset(
    "with by using via through when if so because you we i they that which".split()
)
ABSOLUTES = frozenset(
    "always never only all every any must none nothing guarantee guaranteed impossible "
    "entirely completely".split()
)
# absolutes that deny what they are said of: "memory leaks are impossible" says there are none
DENYING = frozenset({"impossible", "none", "nothing"})
# Comparatives whose direction matters: "more" vs "less" is a contradiction, not a synonym.
# word -> (base, flipped)
ANTONYMS: dict[str, tuple[str, bool]] = {
    "immutable": ("mutable", True),
    "unhashable": ("hashable", True),
    "unordered": ("ordered", True),
    "stateless": ("stateful", True),
    "asynchronous": ("synchronous", True),
    "async": ("synchronous", True),
    "sync": ("synchronous", False),
    "nonblocking": ("blocking", True),
    "less": ("more", True),
    "fewer": ("more", True),
    "slower": ("faster", True),
    "slow": ("fast", True),
    "lower": ("higher", True),
    "smaller": ("larger", True),
    "bigger": ("larger", False),
    "decrease": ("increase", True),
    "decreases": ("increase", True),
    "false": ("true", True),
    "disable": ("enable", True),
    "disabled": ("enable", True),
    "enabled": ("enable", False),
    "different": ("same", True),
    "separate": ("shared", True),
    "outside": ("inside", True),
    "vertical": ("horizontal", True),
    "vertically": ("horizontal", True),
    "horizontally": ("horizontal", False),
    "pessimistic": ("optimistic", True),
    "private": ("public", True),
    "pull": ("push", True),
    "worse": ("better", True),
    "weakly": ("strongly", True),
    "weak": ("strong", True),
    "weaker": ("stronger", True),
    "unsafe": ("safe", True),
    "insecure": ("secure", True),
    "unsorted": ("sorted", True),
    "sequential": ("parallel", True),
    "sequentially": ("parallel", True),
    "parallelism": ("parallel", False),
    "concurrently": ("concurrent", False),
    "optional": ("required", True),
    # quantities: "many threads at once" says the opposite of "one thread at a time"
    "many": ("one", True),
    "multiple": ("one", True),
    "several": ("one", True),
    "single": ("one", False),
}
# "un" + a participle or "-able" word is that word said the other way ("uncommitted rows"
# are rows not committed), except where "un" undoes a verb ("unpacked", "unlocked")
_UN_VERBS = frozenset(
    "pack lock load install wrap do set mount zip fold plug register subscribe link tie "
    "freeze follow block pin".split()
)
_NOT_UN = ("under", "unif", "unit", "univ", "unic")


def un_negated(word: str) -> str | None:
    """The word an "un-" word denies ("uncommitted" -> "committed"), if it is one."""
    if word.startswith("un") and not word.startswith(_NOT_UN) and len(word) >= 6:
        base = word[2:]
        for end in ("ed", "able", "ible"):
            stem = base[: -len(end)]
            if base.endswith(end) and not any(stem.startswith(v) for v in _UN_VERBS):
                return base
    return None


# Verbs of change all mean the same thing for mutability.
SYNONYMS: dict[str, str] = {
    "change": "mutable",
    "changed": "mutable",
    "modify": "mutable",
    "modified": "mutable",
    "mutate": "mutable",
    "mutated": "mutable",
    "alter": "mutable",
    "altered": "mutable",
    "changeable": "mutable",
    "modifiable": "mutable",
    "quicker": "faster",
    "simultaneously": "parallel",
    "quick": "fast",
    "greater": "higher",
    "containerized": "container",
    "containerised": "container",
    "dockerized": "container",
    "dockerised": "container",
    "k8s": "kubernetes",
    "alike": "same",
    "identical": "same",
    "destroy": "delete",
    "destroys": "delete",
    "destroyed": "delete",
    "erase": "delete",
    "erases": "delete",
    "erased": "delete",
    "processor": "cpu",
    "processors": "cpu",
    # Python raises what other languages (and learners) throw
    "throw": "raise",
    "throws": "raise",
    "thrown": "raise",
    "threw": "raise",
    # numbers as the bank writes them ("exit code 0") and as people say them ("exited
    # zero"); "one" stays a word, the count the quantity rules read
    "1": "one",
    **{
        w: str(n)
        for n, w in enumerate(
            "zero one two three four five six seven eight nine ten eleven twelve".split()
        )
        if n != 1
    },
}
PRONOUNS = frozenset({"it", "they", "this", "these", "those"})
# a negation of a verb ("does not fit") ends at a modal after what it denies: in "a pod that
# doesn't fit can preempt others", preempting is not denied; a noun after the negation
# ("not something that will ...") keeps its reach
MODALS = frozenset("can could will would should must may might shall".split())
# "isn't the same as performance": a negated relation denies the relation, not what follows it
RELATION_WORDS = frozenset("same different similar identical equal equivalent".split())
NOUNISH = frozenset("something anything everything thing one way part kind sort".split())
# "cannot deploy a container": a negation covers the next two content words, not the clause
NEGATION_SCOPE = 2
CANCELS = NEGATIONS - {"neither", "nor"}
KEEP = (
    NEGATIONS
    | ABSOLUTES
    | {"more", "before", "same", "both", "top", "different", "one", "many", "need", "work"}
)
# Words that carry nothing to grade and must not use up a negation's reach ("can't be able
# to deploy a container" denies deploying the container)
LIGHT = frozenset(
    {
        "able",
        "even",
        "still",
        "really",
        "actually",
        "basically",
        "kind",
        "sort",
        "us",
        "case",
        "cases",
    }
)


# "returns none", "defaults to none", "is not none": Python's None, a value, not a negation
# ("none of them", "when none is left" stay negations)
NONE_VALUE = "nonevalue"
_NONE_AFTER = frozenset(
    "return returns returned returning is be to or else default defaults equals equal "
    "with use get gets implicit as than not set".split()
)
_NONE_BEFORE_WORD = frozenset({"of", "is", "are", "left", "was", "were"})


def python_none(words: list[str]) -> list[str]:
    out = list(words)
    for i, w in enumerate(words):
        if (
            w == "none"
            and i > 0
            and words[i - 1] in _NONE_AFTER
            and (i + 1 == len(words) or words[i + 1] not in _NONE_BEFORE_WORD)
        ):
            out[i] = NONE_VALUE
    return out


# a stopword an entry compares ("where", "is") is a name after these words, or before these
BEFORE_NAME = frozenset("the and but while whereas vs versus than or".split())
NAME_NOUNS = frozenset("clause keyword operator method function condition".split())


# Rewrites before a text is read: contractions spelled out, phrases whose words would be
# misread one by one ("read-only" is not the absolute "only")
REWRITES = [
    (re.compile(r"\b(instead of|rather than)\b", re.I), ", not"),
    (re.compile(r"\bread[- ]only\b", re.I), "readonly"),  # not the absolute "only"
    (re.compile(r"\bcan['’]?t\b|\bcannot\b", re.I), "can not"),
    (re.compile(r"\bwon['’]t\b", re.I), "will not"),
    (re.compile(r"n['’]t\b", re.I), " not"),
    (re.compile(r"['’](re|ve|ll|d|m|s)\b", re.I), ""),  # "you're" says nothing to grade
    # "if it's not there you get a ValueError": "not" is of "there", not of what follows
    (re.compile(r"\bnot there\b", re.I), "absent"),
    (re.compile(r"\bmore than (one|a single)\b", re.I), "several"),  # not "one": many
    (re.compile(r"\balready there\b", re.I), "existing"),
    # code said aloud: "daemon dot json", "time dot sleep"
    (re.compile(r"(?<=\w) dot (?=\w)", re.I), "."),
    # "there's no real difference between apply and create" says they are the same
    (
        re.compile(r"\bno (?:real |actual |big |practical )?differences? (?:between|in)\b", re.I),
        "the same for",
    ),
]
