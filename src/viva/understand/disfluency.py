"""Disfluencies in spoken claims: self-corrections, restarts and fillers, removed in place.

"first A, then B, sorry, then C" keeps "first A, then C"; "it is, it distributes" drops the
restart; "like", "you know", "basically" go where they are fillers (not in "works like a
charm"). Words stay as the learner said them so the checker can quote them.
"""

from __future__ import annotations

from viva.understand.claimwords import (
    AUX,
    CLAUSE_STARTERS,
    DETERMINERS,
    FILLER_RUNS,
    PRONOUNS,
    REPAIR_MARKERS,
    SUBJECT_BE,
    SUBORDINATORS,
    VERBS,
    content_words,
    is_verb,
    lowered,
)


def _starts(words: list[str], run: tuple[str, ...], at: int = 0) -> bool:
    return tuple(lowered(words[at : at + len(run)])) == run


# a lone marker word used as a verb or adverb is no repair: "it doesn't wait for the
# result", "I'd rather use Flask", "rather than"
_NOT_MARKER_BEFORE = AUX | {"to", "not", "never", "i'd", "we'd", "you'd", "they'd"}
_NOT_MARKER_AFTER = frozenset({"for", "until", "till", "than", "on", "to"})


def _marker(words: list[str], i: int) -> tuple[str, ...] | None:
    run = next((r for r in REPAIR_MARKERS if _starts(words, r, i)), None)
    if run is None or len(run) > 1:
        return run
    low = lowered(words[max(0, i - 1) : i + 2])
    before = low[0] if i > 0 else ","
    after = low[-1] if i + 1 < len(words) else ","
    if before in _NOT_MARKER_BEFORE or after in _NOT_MARKER_AFTER:
        return None
    return run


_HESITATIONS = frozenset({"no", "um", "umm", "uh", "uhh", "er", "erm", "hmm"})


def repair(words: list[str]) -> list[str]:
    """Apply self-corrections: "first A, then B, sorry, then C" -> "first A, then C"."""
    return repair_with_subject(words)[0]


def repair_with_subject(words: list[str]) -> tuple[list[str], list[str]]:
    """``repair``, and the subject a repair dropped but its "it" still means: "helm talks to
    the API server, no wait, it still needs tiller" keeps "it still needs tiller", and "it"
    is helm."""
    subject: list[str] = []
    i = 0
    while i < len(words):
        run = _marker(words, i)
        if run is None:
            i += 1
            continue
        j = i + len(run)
        while j < len(words) and (
            words[j] == ","
            or words[j].lower() == "no"
            or any(_starts(words, r, j) for r in REPAIR_MARKERS)
        ):
            j += next((len(r) for r in REPAIR_MARKERS if _starts(words, r, j)), 1)
        before = list(words[:i])
        # "..., umm no, sorry, ...": the hesitation before the marker is part of it
        while before and (
            before[-1] == ","
            or before[-1].lower() in CLAUSE_STARTERS
            or before[-1].lower() in _HESITATIONS
        ):
            before.pop()
        after = words[j:]
        if not content_words(before) or not after:
            words = before + ([","] if before and after else []) + after
            i = len(before)
            continue
        cut = _repair_start(before, after)
        if _onset(after) in PRONOUNS and _onset(after) not in lowered(before):
            subject = _subject_of(before[cut:]) or subject
        words = before[:cut] + after
        i = cut
    return words, subject


def _onset(after: list[str]) -> str:
    """The first word a repair says, past determiners and fillers ("no wait, actually it")."""
    return next(
        (
            w
            for w in lowered(after)
            if w not in DETERMINERS and w != "," and (w,) not in FILLER_RUNS
        ),
        "",
    )


def _subject_of(fragment: list[str]) -> list[str]:
    """The words before a fragment's first verb: its subject ("helm 3" of "helm 3 talks")."""
    low = lowered(fragment)
    at = next((k for k, w in enumerate(low) if k > 0 and (is_verb(w) or w in AUX)), 0)
    words = [w for w in fragment[:at] if w.lower() not in DETERMINERS and w != ","]
    return words if words and words[0].lower() not in PRONOUNS else []


def _clause_end(words: list[str]) -> int:
    return next((k for k, w in enumerate(words) if w == ","), len(words))


def _repair_start(before: list[str], after: list[str]) -> int:
    """Where the repaired words begin in ``before``."""
    low = lowered(before)
    onset = _onset(after)
    # the repair restarts at a word said before: cut back to its last use
    for k in range(len(low) - 1, -1, -1):
        if low[k] == onset:
            while k > 0 and low[k - 1] in DETERMINERS:
                k -= 1
            return k
    # a repaired noun phrase ends like the one it replaces: "the web server, sorry, the WSGI server"
    chunk = lowered(after)[
        : next((k for k, w in enumerate(after) if w == "," or is_verb(w.lower())), len(after))
    ]
    if 1 < len(chunk) <= 4 and chunk[-1] in low:
        k = len(low) - 1 - low[::-1].index(chunk[-1])
        for back in range(k, max(-1, k - 4), -1):
            if low[back] in DETERMINERS:
                return back
    # otherwise it replaces the fragment the marker interrupted ...
    start = max((k + 1 for k, w in enumerate(low) if w == "," or w in CLAUSE_STARTERS), default=0)
    if not any(is_verb(w) for w in lowered(after)[: _clause_end(after)]):
        # ... or, when the repair has no verb, what came after that fragment's verb: "the
        # pool has ten connections, sorry, five connections" keeps "the pool has"
        verb = next((k for k in range(start + 1, len(low)) if is_verb(low[k])), None)
        if verb is not None and verb + 1 < len(low):
            # a negation after the verb stays: "tuples are not immutable, sorry, hashable"
            # is "tuples are not hashable"
            keep = verb + 1
            while keep < len(low) - 1 and low[keep] in ("not", "never", "no"):
                keep += 1
            return keep
    if onset in VERBS or onset in AUX:
        # ... keeping its subject when the repair starts with the verb
        for k in range(start, len(low)):
            if is_verb(low[k]) and k > start:
                return k
    return start


def restarts(words: list[str]) -> list[str]:
    """ "it is, it distributes the traffic": a dangling "it is," restarted; "is, a single entry
    point": a pause after the verb."""
    low = lowered(words)
    out: list[str] = []
    for k, w in enumerate(words):
        if w == "," and out and low[k - 1] in AUX:
            if is_clause(upto_break(low[k + 1 :])):
                while (
                    out and lowered(out[-1:])[0] not in {",", "and", "but", "so"} and len(out) > 0
                ):
                    if lowered(out[-1:])[0] in AUX or lowered(out[-1:])[0] in PRONOUNS:
                        out.pop()
                    else:
                        break
            continue
        out.append(w)
    return out


def drop_fillers(words: list[str]) -> list[str]:
    out: list[str] = []
    i = 0
    low = lowered(words)
    while i < len(words):
        run = next((r for r in FILLER_RUNS if tuple(low[i : i + len(r)]) == r), None)
        if run is not None and _filler_here(low, i, run):
            i += len(run)
            continue
        out.append(words[i])
        i += 1
    # commas left doubled or hanging by the removals
    tidy: list[str] = []
    for w in out:
        if w == "," and (not tidy or tidy[-1] == ","):
            continue
        tidy.append(w)
    while tidy and tidy[-1] == ",":
        tidy.pop()
    return tidy


def _compares(after: list[str]) -> bool:
    """ "like select_related does", "like memory does": a comparison with what follows,
    which ends in its own verb before the next pause."""
    stretch = upto_break(after)
    return 2 <= len(stretch) <= 4 and stretch[-1] in AUX


def _filler_here(low: list[str], i: int, run: tuple[str, ...]) -> bool:
    """Whether a filler candidate is a filler where it stands (not "works like a charm")."""
    prev = low[i - 1] if i > 0 else ","
    nxt = low[i + len(run)] if i + len(run) < len(low) else ","
    word = run[0] if len(run) == 1 else ""
    if run[0] in {"and", "or"}:
        # "and all", "or something" trail off a thought; "any and all return a bool" doesn't
        return nxt == ","
    if word == "well":
        # "well, ..." opens a thought; "as well", "runs well" say something
        return prev == ","
    if word == "like":
        if _compares(low[i + 1 :]):
            return False
        return prev not in {
            "look",
            "looks",
            "looked",
            "work",
            "works",
            "feel",
            "feels",
            "sound",
            "sounds",
            "seem",
            "seems",
            "just",
            "much",
            "exactly",
            "nothing",
            "something",
            "anything",
            "more",
            "less",
            "i",
            "you",
            "we",
            "they",
            "people",
            "would",
            "not",
            "don't",
            "didn't",
            "doesn't",
        }
    if word in {"see", "right", "again", "no", "yes", "okay", "ok", "fine", "sorry", "then"}:
        # only as a word on its own between pauses: "see, suppose", "doing, again, the same"
        if word == "then":
            return False
        return prev == "," and nxt == ","
    return word not in {"so", "and", "but"}


def upto_break(low: list[str]) -> list[str]:
    for k, w in enumerate(low):
        if w in {",", "but", "however", "whereas", "so", "and"}:
            return low[:k]
    return low


def is_clause(low: list[str]) -> bool:
    """Starts with a subject and its verb: "the orchestrator is ...", "it will ...", "Kubernetes
    restarts pods" - not "pushes it" (no subject) nor "deployments like normal changes"."""
    while low and low[0] in SUBORDINATORS | {"then", "also", "so", "and"}:
        low = low[1:]
    if len(low) >= 2 and low[0] in SUBJECT_BE:
        return True  # "it's fine to edit it", "they're stored in etcd": a subject and its verb
    if len(low) < 2 or low[0] in AUX or low[0] == ",":
        return False
    head = upto_break(low)[:5]
    if any(w in AUX for w in head[1:]):
        return True  # "test cases would run": an auxiliary after the subject settles it
    if is_verb(low[0]):
        return False
    for k, w in enumerate(head[1:], start=1):
        if w in VERBS and w.endswith("s") and k < len(low) - 1 and low[k - 1] not in DETERMINERS:
            return True
    return False
