"""How one sentence of a spoken check is cut into claim-sized parts.

The cut falls at "but", "however", "whereas", "so", at an "and" or a comma before a new
statement, and before a reason said of the same thing ("... because they're mutable"); two
parts saying one relation ("A is different and B is also different") are joined, and a part
that is only a condition ("when I push the code") joins the part after it. Pure: words in,
lists of words out; ``claims`` uses it.
"""

from __future__ import annotations

from viva.understand.claimwords import (
    CONTRACTED,
    CONTRAST_KEEP,
    PRONOUNS,
    RELATIONAL,
    SUBORDINATORS,
    TOPIC_PREPS,
    is_verb,
    lowered,
    spelled_out,
)
from viva.understand.disfluency import is_clause, upto_break


def cut_parts(words: list[str]) -> list[list[str]]:
    """The claim-sized parts of one sentence, in order."""
    return _attach_subordinates(_join_relational(_parts(words)))


def _parts(words: list[str]) -> list[list[str]]:
    """Cut at "but", "so", "however", "whereas" and at "and" before a new statement."""
    low = lowered(words)
    parts: list[list[str]] = []
    start = 0
    for i, w in enumerate(low):
        if i == start:
            continue
        cut = False
        if w in {"but", "however", "whereas"}:
            # "logged in but not allowed": a contrast on the same subject stays one claim
            nxt = next((x for x in low[i + 1 :] if x != ","), "")
            cut = bool(nxt) and nxt not in CONTRAST_KEEP and not is_verb(nxt)
        elif w == "so" and (
            i + 1 < len(low) and low[i + 1] not in {"that", "far", "much", "many", "long"}
        ):
            cut = low[i - 1] in {",", "and"} or is_clause(low[i + 1 :])
        elif w == "and":
            cut = is_clause(upto_break(low[i + 1 :])) and any(is_verb(x) for x in low[start:i])
        elif w == "because":
            # a reason said of the same thing is a claim of its own (``_reason``)
            # ("just because it's unhealthy", "not because ...": no reason asserted)
            cut = low[i + 1 : i + 2] in ([p] for p in PRONOUNS | CONTRACTED)
            cut = cut and low[i - 1] not in {"just", "only", "not", "simply", "merely"}
            cut = cut and any(is_verb(x) for x in low[start:i])
        elif w == "," and i + 1 < len(low) and low[i + 1] not in {"and", "but", "so"}:
            chunk = low[max((k + 1 for k in range(start, i) if low[k] == ","), default=start) : i]
            cut = is_clause(upto_break(low[i + 1 :])) and is_clause(chunk)
        if cut:
            parts.append(words[start:i])
            start = i + (w != "because")
    parts.append(words[start:])
    out = []
    for k, p in enumerate(parts):
        while p and p[0] in {",", "and", "so", "but"}:
            p = p[1:]
        p = _reason(p) if k else p
        while p and p[-1] in {",", "and"}:
            p = p[:-1]
        if p:
            out.append(p)
    return out


def _reason(words: list[str]) -> list[str]:
    """ "(tuples are hashable) because they're mutable" says that they are mutable: the
    pronoun is then resolved to the subject before, as after "so"."""
    low = lowered(words[:2])
    if len(low) < 2 or low[0] != "because" or low[1] not in PRONOUNS | CONTRACTED:
        return words
    return [*spelled_out(words[1]), *words[2:]]


def _join_relational(parts: list[list[str]]) -> list[list[str]]:
    """ "A is different and B is also different" says one thing: A and B are different."""
    out: list[list[str]] = []
    for p in parts:
        low = lowered(p)
        if out and low and low[-1] in RELATIONAL and lowered(out[-1])[-1:] == [low[-1]]:
            prev = out[-1]
            subj_a = subject_of(prev)
            subj_b = subject_of(p)
            if subj_a and subj_b:
                out[-1] = [*subj_a, "and", *subj_b, "are", low[-1]]
                continue
        out.append(p)
    return out


def subject_of(words: list[str]) -> list[str]:
    """The words before the first verb, when they look like a noun phrase."""
    low = lowered(words)
    for prep in TOPIC_PREPS:
        if tuple(lowered(words[: len(prep)])) == prep:
            return []
    for k, w in enumerate(low):
        if is_verb(w):
            subj = [x for x in words[:k] if x != ","]
            return subj if 0 < len(subj) <= 5 else []
    return []


def _attach_subordinates(parts: list[list[str]]) -> list[list[str]]:
    """A part that is only a condition ("when I push the code") belongs to the next one."""
    out: list[list[str]] = []
    carry: list[str] = []
    for p in parts:
        if p and p[0].lower() in SUBORDINATORS and not any(w == "," for w in p):
            carry = [*carry, *p, ","]
            continue
        out.append([*carry, *p])
        carry = []
    if carry and out:
        out[-1] = [*out[-1], *carry[:-1]]
    elif carry:
        out.append(carry[:-1])
    return out
