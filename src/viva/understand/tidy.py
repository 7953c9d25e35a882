"""Tidying the intents read from one utterance's parts, so the coach acts on what was meant.

One of each kind; an interjection ("one second, ...") before a request is not a pause; a
bare complaint ("I didn't get you") before a request is not a separate one; a nod ("okay,
fine") before a request adds nothing; several facts about the learner are one note; a
question said over several sentences is one question, and a statement ending "..., right?"
is checked whole. Pure.
"""

from __future__ import annotations

import re

from viva.understand.intents import Intent, Kind
from viva.understand.normalise import fold_words
from viva.understand.table import SOCIAL

ACK_ONLY = re.compile(
    r"^(?:(?:ok|okay|fine|good|great|understood|i understood|got it|yes|yeah|yep|alright|cool|"
    r"nice|done|clear|makes sense|sure|perfect|right|cheers|thanks|thank you|i see|oh)\s*)+$"
)


def _acknowledges(intent: Intent) -> bool:
    """ "Okay, fine.", "Yes, I understood." before something else: a nod, not a command."""
    if intent.kind not in (Kind.MORE, Kind.NEXT):
        return False
    return bool(ACK_ONLY.match(fold_words(intent.text)))


def tidy(intents: list[Intent]) -> list[Intent]:
    """One of each kind, nothing that only stood in the way of the real request."""
    seen: set[Kind] = set()
    out: list[Intent] = []
    for i in intents:
        if i.kind in seen and i.kind not in (Kind.PROFILE, Kind.ASK, Kind.CHECK):
            continue
        seen.add(i.kind)
        out.append(i)
    if len(out) > 1:
        out = [i for i in out if i.kind is not Kind.UNKNOWN] or out[:1]
    acting = [i for i in out if i.kind not in SOCIAL and i.kind is not Kind.PAUSE]
    # "one second, one second - can you go for senior questions": the pause was a breath
    if acting and out[-1].kind is not Kind.PAUSE:
        out = [i for i in out if i.kind is not Kind.PAUSE]
    teaching = {
        Kind.EXAMPLE,
        Kind.ANOTHER_EXAMPLE,
        Kind.MORE_DETAIL,
        Kind.SHORTER,
        Kind.WHY,
        Kind.ASK,
    }
    if any(i.kind in teaching for i in out):  # "I didn't get you. Another example?"
        out = [i for i in out if i.kind is not Kind.SIMPLER]
    if len(out) > 1:  # "okay okay, so what is X": the acknowledgement adds nothing
        out = [i for i in out if not _acknowledges(i)] or out[:1]
    profiles = [i for i in out if i.kind is Kind.PROFILE]
    if len(profiles) > 1:  # one paragraph about the learner is one note
        facts = tuple(f for i in profiles for f in i.facts)
        at = out.index(profiles[0])
        out = [i for i in out if i.kind is not Kind.PROFILE]
        merged = Intent(
            Kind.PROFILE, " ".join(i.text for i in profiles), fact=facts[0], facts=facts
        )
        out.insert(at, merged)
    return _join_asks_and_checks(out)


def _join_asks_and_checks(intents: list[Intent]) -> list[Intent]:
    """A question said over several sentences is one question; a statement that ends in
    "..., right?" is checked whole; a "..., right?" before a question only sets it up."""
    said = [i for i in intents if i.kind in (Kind.ASK, Kind.CHECK)]
    if not said:
        return intents
    first = next(n for n, i in enumerate(intents) if i.kind in (Kind.ASK, Kind.CHECK))
    before = [i for i in intents[:first]]
    after = [i for i in intents[first:] if i.kind not in (Kind.ASK, Kind.CHECK)]
    text = " ".join(i.text for i in said)
    topic = next((i.topic for i in said if i.topic), None)
    if said[-1].kind is Kind.CHECK:
        return [*before, Intent(Kind.CHECK, text, topic=topic), *after]
    asks = [i for i in said if i.kind is Kind.ASK]
    # "I'm confused. How is that?": the other intent decides
    if all(i.vague for i in asks) and len(said) == len(asks) and len(intents) > len(asks):
        return [i for i in intents if i.kind is not Kind.ASK]
    styles = tuple(dict.fromkeys(k for i in asks for k in i.styles))
    own = any(i.own_setup for i in asks)
    vague = all(i.vague for i in said)
    merged = Intent(Kind.ASK, text, topic=topic, styles=styles, own_setup=own, vague=vague)
    return [*before, merged, *after]
