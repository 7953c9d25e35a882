"""A belief the learner reports in order to deny it: "it's not true that TRUNCATE can never be
rolled back", "a common myth is that sessions are encrypted", "people say Mongo doesn't
support transactions, but that's wrong".

The checker must judge the belief inside the frame and turn the verdict round (denying a
wrong belief is right; denying a fact is wrong). ``denied`` finds the frame in a sentence's
words and cuts them into the frame's words before the belief, the belief, the frame's words
after it, and whatever the sentence goes on to say. Pure functions.
"""

from __future__ import annotations

import re

# "it's not true that X", "it's a myth that X", "a common misconception is that X", "I don't
# think X"
_BEFORE = re.compile(
    r"^(?:i (?:don't|do not|dont) (?:think|believe)(?: that)? (?=\S+ \S)|i doubt (?:that )?|"
    r"(?:(?:it|that)(?:'s| is) not true|it isn't true|(?:it|that)(?:'s| is) (?:a (?:common )?"
    r"(?:myth|misconception)|false|wrong|a mistake) to (?:say|think|believe)|(?:it|that)(?:'s| is)"
    r" (?:a (?:common |big )?(?:myth|misconception)|false|wrong)|(?:a|the|one) (?:common |big |"
    r"popular )?(?:myth|misconception) is) that )"
)
# "people say X, but that's wrong"; the end may be followed by more: "..., na, writes are ..."
_SAYERS = re.compile(
    r"^(?:some |many |a lot of |most )?(?:people|folks|juniors|developers|everyone|they) "
    r"(?:often |usually )?(?:say|think|believe|claim|assume) (?:that )?"
)
_END = re.compile(
    r" ,? ?but (?:that|this|it)(?:'s| is) (?:(?:actually |just |totally |completely )?"
    r"(?:wrong|not true|false|a myth|not right|not really|not the case|incorrect))"
    r"(?: (?:na|right|yaar))?(?= ,|$)"
)


_GOES_ON = frozenset({",", ";"})  # "it's not true that X, and Y": not "X and Y" itself
Cut = tuple[list[str], list[str], list[str], list[str]]


def denied(words: list[str]) -> Cut | None:
    """(frame before, belief, frame after, the rest) when the sentence denies a belief it
    reports; None when it doesn't."""
    low = " ".join(w.lower().replace("’", "'") for w in words)
    before = _BEFORE.match(low)
    if before:
        # the belief ends at a comma: "it's not true that X, and Y" denies X only
        skip = len(before.group().split())
        stop = next((i for i in range(skip, len(words)) if words[i].lower() in _GOES_ON), None)
        if stop is None:
            return words[:skip], words[skip:], [], []
        rest = words[stop + 1 :] if words[stop] == "," else words[stop:]
        return words[:skip], words[skip:stop], [], rest
    sayers = _SAYERS.match(low)
    end = _END.search(low) if sayers else None
    if sayers is None or end is None:
        return None
    start = len(sayers.group().split())
    stop = len(low[: end.start()].split())
    done = len(low[: end.end()].split())
    rest = words[done:]
    while rest and rest[0] == ",":
        rest = rest[1:]
    return words[:start], words[start:stop], words[stop:done], rest
