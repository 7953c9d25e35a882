"""A negation that denies a qualifier, not the verb: "NodePort doesn't open the port just on
the node where the pod runs", "prefetch_related doesn't do a join like select_related does",
"a CPU limit doesn't kill the container the way memory does".

Such a clause grants the verb and denies only the restriction, the comparison or the
universal ("just", "like", "the way", "automatically", "everywhere"), so a fact that says
the verb without that word is not its opposite. When the fact says the same qualifier
("failing closed everywhere ..."), the negation does deny what the fact says, and the
ordinary rules read it. ``check.conflicts`` reads qualifiers the negation's two-word reach
holds as tokens; this reads the words as said, a little further ("doesn't open the port
just on ..."), and the comparisons the tokenizer drops ("like", "the way", "same").
"""

from __future__ import annotations

import re

from viva.grade.words import Clause

# the negation, up to five words, then the qualifier it reaches
# ("at all" only makes the negation stronger; "alone", "by itself" are no such words:
# "docker can't build images alone" denies an ability)
_QUALIFIED = re.compile(
    r"\b(?:not|never)\b(?:\s+[\w'./-]+){0,5}?\s+"
    r"(just|only|automatically|necessarily|always|like|same|way|everywhere|every|everything"
    r"|(?<!\bat )all)\b"
)


# words that qualify alike: "not just base64" denies "only base64"
_ALIKE = {
    "just": "just|only|merely|simply|solely",
    "only": "just|only|merely|simply|solely",
    "every": "every|each|all",
    "all": "every|each|all",
    "everything": "everything|all",
    "always": "always|every time",
}


def denies_qualifier(clause: Clause, fact_text: str) -> bool:
    """The clause's negation reaches a qualifier the fact's text doesn't use."""
    if not clause.negated:
        return False
    found = _QUALIFIED.search(clause.text.lower())
    if found is None:
        return False
    alike = _ALIKE.get(found[1], found[1])
    return not re.search(rf"\b(?:{alike})\b", fact_text.lower())
