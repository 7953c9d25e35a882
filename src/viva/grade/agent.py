"""Who a fact says acts: a thing named only as where something goes or what it is compared
with is not what the fact's verb is said of.

"Both can build, test and push container images and deploy, including to Kubernetes" holds
every word of "Kubernetes builds container images for you", but says Kubernetes is where the
images go; agreeing would credit a false statement built from the bank's own words.
"""

from __future__ import annotations

from viva.grade.facts import Fact
from viva.grade.words import Clause, Lexicon

# words after which a named thing is a destination or a comparison: "deploy to Kubernetes",
# "smaller than Django". Not "in", "with", "on" or "like": they set a context the claim may
# speak from ("in Django, migrations ...", "frameworks like FastAPI" makes FastAPI a
# framework); nor "into", "for" or "from", whose thing is often what a true claim is about
# ("a volume mounted into the container", "a package manager for Kubernetes": Kubernetes
# has one)
ASIDE = frozenset("to including than via unlike".split())
# words that may stand between such a word and the name ("into a Kubernetes cluster")
BETWEEN = frozenset("the a an your its their our my this that".split())


def only_aside(lex: Lexicon, clause: Clause, fact: Fact) -> bool:
    """The claim's leading subject is named in the fact, each time only as a destination or
    a comparison: the fact says nothing that subject does."""
    subject = clause.subject
    if subject is None or clause.tokens[:1] != (subject,):
        return False
    words = lex.words(fact.text)
    named = [i for i, w in enumerate(words) if subject in lex.clause(w).tokens]
    return bool(named) and all(_after_aside(words, i) for i in named)


def _after_aside(words: list[str], at: int) -> bool:
    j = at - 1
    while j >= 0 and words[j] in BETWEEN:
        j -= 1
    return j >= 0 and words[j] in ASIDE
