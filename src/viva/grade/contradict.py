"""Contradictions beyond a flipped sign: a term swapped for another the entry discusses,
roles reversed between two terms, a capability denied, a predicate denied, and the true part
of a fact that sits beside a false one.

Split from ``check``, whose overlap and conflict measures these build on; the statement
checker (``judge``) uses both.
"""

from __future__ import annotations

import re
from collections.abc import Mapping

from viva.grade.check import DECISIVE, KEY_WORD, conflicts, overlap
from viva.grade.facts import Fact, FactKind
from viva.grade.qualified import denies_qualifier
from viva.grade.wordlists import DENYING, KEEP
from viva.grade.words import Clause, Lexicon, gstem

SWAP_REST = 0.9  # share of the claim's other words the fact clause must hold
SWAP_COVER = 0.45  # share of the fact clause the claim must restate


def substituted(
    lex: Lexicon, clause: Clause, facts: list[Fact], terms: Mapping[str, frozenset[str]]
) -> Fact | None:
    """A fact restated with one term swapped for another term the same entry names:
    "only one process runs bytecode" where the bank says "only one thread"."""
    if clause.elliptic or len(set(clause.tokens)) < 3:
        return None
    said = set(clause.tokens)
    for f in facts:
        if f.kind is FactKind.ANSWER or f.kind.negative:
            continue
        named = terms.get(f.entry_id, frozenset()) - KEEP
        # the topic's own name said for one of its parts ("Kubernetes restarts it" where the
        # bank says the kubelet does) names the whole, not a rival
        whole = gstem(f.entry_id.split(".", 1)[0])
        for fc in f.clauses:
            extra = [t for t in said if t not in fc.tokens]
            if (
                len(extra) != 1
                or extra[0] not in named
                or extra[0] in f.tokens
                or extra[0] == whole
            ):
                continue
            x = extra[0]
            rest = tuple(t for t in clause.tokens if t != x)
            rivals = [
                y
                for y in set(fc.tokens) - said
                if y in named and y != fc.subject and lex.weight(y) >= KEY_WORD
            ]
            if (
                rivals
                and clause.sign(x) is False
                and lex.weight(x) >= KEY_WORD
                and overlap(lex, rest, frozenset(fc.tokens)) >= SWAP_REST
                and overlap(lex, fc.tokens, frozenset(said)) >= SWAP_COVER
                and not conflicts(clause, fc)
            ):
                return f
    return None


def roles_differ(lex: Lexicon, clauses: list[Clause], fact: Fact) -> bool:
    """The claim gives a fact's predicate to another subject: "a list is mutable" against
    "tuples are mutable and lists are not" says something else, not the same thing."""
    for c in clauses:
        if c.subject is None:
            continue
        pred = tuple(t for t in c.tokens if t != c.subject)
        if not pred:
            continue
        best = max(
            fact.clauses, key=lambda fc: overlap(lex, pred, frozenset(fc.tokens)), default=None
        )
        if (
            best is not None
            and best.subject is not None
            and best.subject != c.subject
            and overlap(lex, pred, frozenset(best.tokens)) >= 0.8
            and c.subject not in best.tokens
            and best.subject not in c.tokens  # "in Django's MVT the view ...": names it too
        ):
            return True
    return False


def states_predicate(
    lex: Lexicon, whole: Clause, fact: Fact, positives: list[Fact] | None = None
) -> bool:
    """The statement says what makes the (wrong) fact wrong: half the weight of one of its
    clauses' predicates, the same way round ("GitHub Action would help" doesn't say "GitHub
    Actions cannot run Docker"). A clause of the wrong belief that the bank also states as
    true ("tuples are immutable, so any tuple can be a key") is not what makes it wrong."""
    for fc in fact.clauses:
        if positives and _true_part(lex, fc, positives):
            continue
        pred = tuple(t for t in fc.tokens if t != fc.subject)
        if len(set(pred)) < 1:
            continue
        said = [t for t in set(pred) if t in whole.tokens]
        if len(said) < min(2, len(set(pred))) or overlap(lex, pred, frozenset(whole.tokens)) < 0.5:
            continue
        if any(t in REQUIRED and t not in whole.tokens for t in pred):
            # "apply and create do the same thing" isn't said without "same", nor "NodePort
            # opens the port only on the node where the Pod runs" without "only"
            continue
        if all(whole.sign(t) == fc.sign(t) for t in said):
            return True
    return False


REQUIRED = frozenset({"same", "only"})  # the small words a belief is wrong by
AUTHORITY = (FactKind.POINT, FactKind.SHORT, FactKind.CORRECTION)


def denied_capability(
    lex: Lexicon, clause: Clause, facts: list[Fact], topic: str | None = None
) -> Fact | None:
    """ "With GitHub you can't deploy a container" against "GitHub Actions can ... deploy":
    the claim denies, for the thing it is about, an action a fact says it does."""
    for subject in dict.fromkeys(s for s in (clause.subject, topic) if s):
        found = _denied(lex, clause, facts, subject)
        if found is not None:
            return found
    return None


# what a negation denies with these is an equivalence or a sufficiency, not an ability:
# "installing Jenkins alone doesn't mean we are doing CI/CD" grants Jenkins its CI/CD role
# ("alone" is not one: "docker can't build images alone" still denies an ability)
# A need denied is read as an ability denied: "you don't need a lock" is often the wrong
# belief (measured: reading it otherwise lost a false statement on a blind split)
_ABLE = frozenset("can cannot could able".split())
_NOT_ABILITY = frozenset("mean means meant imply implies necessarily enough sufficient".split())


def _denied(lex: Lexicon, clause: Clause, facts: list[Fact], subject: str) -> Fact | None:
    said = set(clause.text.lower().split())
    if not clause.negated or clause.elliptic or _NOT_ABILITY & said:
        return None
    able = bool(_ABLE & said)
    denied = [
        t
        for t in clause.tokens
        if clause.sign(t)
        and not clause.sign(t, False)
        and t != subject
        and lex.weight(t) >= KEY_WORD
    ]
    if not denied:
        return None
    for f in facts:
        # "doesn't accept every method" denies that it's universal, not that it can
        if f.kind not in AUTHORITY or denies_qualifier(clause, f.text, universal=True):
            continue
        for fc in f.clauses:
            # the fact must be about the subject, which leads it ("the pipeline updates the
            # Kubernetes deployment to that image" says nothing Kubernetes does)
            if fc.negated or not fc.tokens or fc.tokens[0] != subject:
                continue
            if fc.sign(denied[0]) is False and (
                # on what the fact says it acts: "FastAPI isn't built on top of Flask"
                # denies nothing "FastAPI is built on Starlette" says ...
                all(t in f.tokens for t in denied[1:])
                # ... or an ability denied that the fact grants: "can't deploy a container"
                # against "can build and push images and deploy them"
                or (able and _ABLE & set(re.findall(r"[a-z]+", fc.text.lower())))
            ):
                return f
    return None


def wrong_role(
    lex: Lexicon,
    clause: Clause,
    negatives: list[Fact],
    positives: list[Fact],
    said: str,
) -> Fact | None:
    """ "Kubernetes will build the deployments": the claim gives its subject an action that
    the bank gives it only in a wrong belief ("Kubernetes builds the Docker image"). ``said``
    is the claim as said, names whole ("cache_page")."""
    subject = clause.subject
    pred = [t for t in clause.tokens if t != subject]
    # a clause that denies something gives its subject no action ("Postgres doesn't index
    # foreign keys by itself")
    if subject is None or not pred or clause.sign(pred[0]) or clause.negated:
        return None
    if clause.tokens[0] != subject and subject in clause.tokens:
        return None  # the thing named is not what acts ("the observer pattern lets ...")
    if _aside(clause, said):
        return None
    verb = pred[0]
    if _one_name(lex, said, subject, verb):
        return None  # "cache_page keys on the URL": "page" is part of the name, not a verb
    for f in negatives:
        for fc in f.clauses:
            if fc.subject != subject or verb not in _predicate(fc)[:2] or fc.sign(verb):
                continue
            if _aside(fc, f.text) or (subject in fc.tokens and fc.tokens[0] != subject):
                # a condition of the belief ("if Jenkins goes down, ...") is not it, nor a
                # clause about another thing ("CrashLoopBackOff is one of the Pod phases")
                continue
            if not any(
                pc.subject == subject and verb in _predicate(pc)[:2] and pc.sign(verb) is False
                for p in positives
                for pc in p.clauses
            ) and not _other_condition(lex, said, f, subject, verb, positives):
                return f
    return None


def _other_condition(
    lex: Lexicon, said: str, belief: Fact, subject: str, verb: str, positives: list[Fact]
) -> bool:
    """A belief wrong by its condition ("when a readiness probe fails, Kubernetes restarts
    the container") is not said by a claim that gives the action another condition of its
    own ("kubernetes restarts containers when they crash") - only where the bank gives the
    subject that action too, so that the belief is wrong by its condition alone ("once I
    run startapp, Django picks up the models" is wrong whatever the condition)."""
    theirs = {t for fc in belief.clauses if condition_of(fc, belief.text) for t in fc.tokens}
    if not theirs:
        return False
    mine = {t for c in lex.clauses(said) if condition_of(c, said) for t in c.tokens}
    return (
        bool(mine)
        and not theirs & mine
        and any(
            subject in pc.tokens and verb in pc.tokens and False in pc.signs_of(verb)
            for p in positives
            for pc in p.clauses
        )
    )


# a clause opened by one of these sets a scene, a condition or a purpose: its first named
# thing is not what the sentence says acts ("in a canary release the pipeline moves ...",
# "when the iterables have different lengths", "to make a service highly available ...");
# a reason ("because they are much faster") is asserted, so it is no such clause, unless
# it is what a negation weighs ("isn't always better just because it means more hits")
_SCENE = frozenset("in with for to on at by from during within".split())
_CONDITION_WORDS = frozenset("if when whenever once unless until after before while".split())
# ... said just before the clause ("the first time the Deployment is created")
_CONDITION = re.compile(
    r"\b(?:"
    + "|".join(sorted(_CONDITION_WORDS | {"time", "just because", "only because"}))
    + r")\s+$"
)


def condition_of(clause: Clause, text: str) -> bool:
    """The clause is a condition of ``text`` ("once TLS is terminated at the load balancer,
    ..."): it asserts nothing by itself."""
    words = clause.text.split()
    if not words:
        return False
    if words[0] in _CONDITION_WORDS:
        return True
    low = text.lower()
    at = low.find(" ".join(words[:2]))
    return at > 0 and bool(_CONDITION.search(low[:at]))


def _aside(clause: Clause, text: str) -> bool:
    """The clause is a scene, condition or purpose of ``text``, not what it asserts."""
    words = clause.text.split()
    return bool(words) and (words[0] in _SCENE or condition_of(clause, text))


def _one_name(lex: Lexicon, text: str, a: str, b: str) -> bool:
    """Two words that come from one identifier of the text ("cache_page", "os.path")."""
    return any(
        {a, b} <= set(lex.clause(w).tokens) for w in text.split() if "_" in w or "." in w[:-1]
    )


def _predicate(clause: Clause) -> list[str]:
    return [t for t in clause.tokens if t != clause.subject]


DENIED_PART = 0.5  # share of a belief's weight a denial must say
COUNTS = frozenset({"one"})  # what "many", "several", "single" are read as, turned or not


def denies_predicate(lex: Lexicon, whole: Clause, fact: Fact) -> bool:
    """The statement says a wrong belief the other way round, every shared word negated:
    "Kubernetes won't run the test cases" against "Kubernetes runs my tests and builds ..."."""
    mine = tuple(t for t in whole.tokens if t != whole.subject)
    for fc in fact.clauses:
        if fc.negated or (fc.subject is not None and fc.subject not in whole.tokens):
            continue
        if fc.absolutes & DENYING:
            continue  # "leaks are impossible" is not denied by "it can never leak"
        said = [t for t in dict.fromkeys(mine) if t in fc.tokens and t != fc.subject]
        theirs = {t for t in fc.tokens if t != fc.subject}
        close = max(
            overlap(lex, mine, frozenset(fc.tokens)),
            overlap(lex, fc.tokens, frozenset(whole.tokens)),
        )
        if not said or len(said) < min(2, len(theirs)) or close < 0.6:
            continue
        if set(said) <= COUNTS:
            # a count alone denies nothing: "several workers" (read as "not one") against
            # "one instance across all the workers" is about other things
            continue
        if overlap(lex, tuple(fact.tokens), frozenset(whole.tokens)) < DENIED_PART:
            # two common words of a longer belief, denied, don't deny it: "it can never
            # leak memory" is not "calling gc.collect after every request fixes leaks"
            continue
        if all(whole.sign(t) != fc.sign(t) for t in said):
            return True
    return False


def best_positive(lex: Lexicon, fact: Fact, positives: list[Fact]) -> Fact | None:
    """The entry's own statement closest to a wrong belief: what to say instead of it."""
    same = [p for p in positives if p.entry_id == fact.entry_id and p.kind in AUTHORITY]
    return max(
        same,
        key=lambda p: (overlap(lex, tuple(fact.tokens), p.tokens), p.kind.priority),
        default=None,
    )


def _true_part(lex: Lexicon, fc: Clause, positives: list[Fact]) -> bool:
    for p in positives:
        if p.kind not in AUTHORITY:
            continue
        for pc in p.clauses:
            if (
                overlap(lex, fc.tokens, frozenset(pc.tokens)) >= 0.9
                and all(t in pc.tokens for t in fc.tokens if t in DECISIVE)
                and not conflicts(fc, pc)
                and (fc.subject is None or fc.subject == pc.subject)
            ):
                return True
    return False
