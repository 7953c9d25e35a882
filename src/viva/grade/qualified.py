"""A negation that denies a qualifier, not the verb: "NodePort doesn't open the port just on
the node where the pod runs", "a bigger pool doesn't automatically make the app faster".

Such a clause grants the verb and denies only the restriction or the softener ("just",
"automatically", "necessarily", "everywhere"), so a fact that says
the verb without that word is not its opposite. When the fact says the same qualifier
("failing closed everywhere ..."), the negation does deny what the fact says, and the
ordinary rules read it. ``check.conflicts`` reads qualifiers the negation's two-word reach
holds as tokens; this reads the words as said, a little further ("doesn't open the port
just on ..."). Where an ability is denied, a universal counts too ("a route doesn't accept
every method" grants accepting some).
"""

from __future__ import annotations

import re
from functools import lru_cache

from viva.grade.words import Clause

# the negation, up to five words, then the qualifier it reaches
# Only words that limit or soften: "only", "all", "always", "every" deny a universal the
# fact may well state ("a transaction doesn't roll back all of its changes" is false), and a
# comparison ("doesn't V like B does", "the way B does") usually means "unlike B, A doesn't
# V", so it can be false either way round: those are left to the other rules.
_QUALIFIED = re.compile(
    r"\b(?:not|never)\b(?:\s+[\w'./-]+){0,5}?\s+"
    r"(just|merely|simply|automatically|necessarily|everywhere)\b"
)
# words that qualify alike: "not just base64" denies "only base64"
_LIMITING = re.compile(r"\b(?:just|only|merely|simply|solely)\b")
_SAID = {
    "just": _LIMITING,
    "merely": _LIMITING,
    "simply": _LIMITING,
    "automatically": re.compile(r"\bautomatically\b"),
    "necessarily": re.compile(r"\bnecessarily\b"),
    "everywhere": re.compile(r"\beverywhere\b"),
    "every": re.compile(r"\bevery\b"),
    "all": re.compile(r"\ball\b"),
    "always": re.compile(r"\balways\b"),
}


# A universal under a negation ("doesn't accept every method") denies only that it is
# universal: read so where an ability is denied (``contradict.denied_capability``), not in
# ``check.conflicts``, and only when the fact doesn't say the same word ("a failed
# transaction rolls back all of its changes" is denied by "doesn't roll back all of them")
_UNIVERSAL = re.compile(r"\b(?:not|never)\s+(?:[\w-]+\s+){0,3}?(every|all|always)\b")


@lru_cache(maxsize=4096)  # pure; asked for each fact a negated clause is read against
def _qualifier(text: str, universal: bool) -> str | None:
    found = (_UNIVERSAL if universal else _QUALIFIED).search(text.lower())
    return found[1] if found else None


def denies_qualifier(clause: Clause, fact_text: str, universal: bool = False) -> bool:
    """The clause's negation reaches a qualifier the fact's text doesn't use; with
    ``universal``, also "every", "all" or "always"."""
    if not clause.negated:
        return False
    said = fact_text.lower()
    found = [_qualifier(clause.text, False)] + (
        [_qualifier(clause.text, True)] if universal else []
    )
    return any(q is not None and not _SAID[q].search(said) for q in found)
