"""Roles traded between the things an entry compares: "an image is the running instance of
a container", "a bind mount is the storage Docker manages, a volume maps a host folder".

Three readings, all about the entry's compared terms (``FactBook.pairs``):

- one clause names both things: word order decides, since the claim says the bank's words;
  the claim with the two terms traded back must read like one of the entry's statements,
  clearly better than the claim as said reads like any (passives are left alone: "a
  container is started from an image" trades places rightly);
- a clause names one thing and says what the bank says only of the other ("in choreography
  a central coordinator tells each service what to do"): the predicate is held by a clause
  about the other thing and clearly not by any clause about this one (word order plays no
  part, so a passive in the bank is read as well as an active claim);
- two clauses in a row, each about one thing, each saying what the bank says of the other
  ("a normal view stores the result like a table, and a materialised view runs the query
  every time"): two pieces of evidence, so each needs less (``traded_across``); here the
  two things may also be the words the clauses open with, where the entry lists no such
  pair ("second normal form is ..., and third normal form is ...").

Split from ``contradict`` (the other contradictions); the statement checker (``judge``,
``sides``) and the answer grader (``answer``, two claims in a row) use it; ``carried``
keeps a key point said of the other thing from being credited.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from math import fsum

from viva.grade.contradict import AUTHORITY
from viva.grade.facts import Fact
from viva.grade.wordlists import ABSOLUTES
from viva.grade.words import Clause, Lexicon, gstem

Term = tuple[str, ...]
Signed = list[tuple[str, bool]]

ROLES_AT = 0.8  # share of the claim, compared terms swapped, a fact clause says in order
ROLES_MARGIN = 0.25  # ... above the share of the claim as said any clause of the entry says
ROLES_COVER = 0.4  # share of that fact clause the claim must say
GIVEN_AT = 0.7  # weighted share of the predicate a clause about the other thing holds
GIVEN_MARGIN = 0.3  # ... above the share any clause about the thing named holds
BE = frozenset({"is", "are", "was", "were", "be", "been", "being", "get", "gets", "got"})
PARTICIPLES = frozenset(
    "built run made held kept sent set put written known shown given taken done "
    "seen found bound thrown drawn driven chosen begun brought caught left lost paid "
    "sold told thought understood".split()
)
BOTH = frozenset({"both", "either", "neither"})
# a compared term's last word that is too common to name it alone ("UNION ALL")
GENERIC_LAST = frozenset(gstem(w) for w in ABSOLUTES)
ADVERBS = frozenset("not also just only usually often then always never still first".split())


def swapped_roles(
    lex: Lexicon,
    clauses: list[Clause],
    facts: list[Fact],
    pairs: Mapping[str, tuple[Term, ...]],
) -> Fact | None:
    """The fact one of the claim's clauses says with the compared things traded places."""
    entries = _entries(facts, pairs)
    # "both X and Y can build an image": said of both, so not given to one of them
    of_both = any(BOTH & set(re.findall(r"[a-z]+", c.text.lower())) for c in clauses)
    for clause in clauses:
        if clause.elliptic or len(clause.tokens) < 3:
            continue
        for own, terms in entries:
            named = compared_in(clause.tokens, terms)
            if len(named) >= 2 and not passive(clause.text):
                found = _traded_in_clause(clause, own, terms)
            elif len(named) == 1 and not passive(clause.text) and not of_both:
                # a passive's agent does the work, whatever it names first ("the
                # controller's job in MVC is done by Django's view")
                found = _given_to_other(lex, clause, own, terms, named[0])
            else:
                found = None
            if found is not None:
                return found
    return None


ACROSS_AT = 0.4  # share of a clause's predicate the other thing's clauses hold ...
ACROSS_MARGIN = 0.15  # ... above what the named thing's hold, for each of the two clauses
# "a normal view", "a plain def endpoint": the plain one of the compared things, named
QUALIFIERS = frozenset("normal regular plain ordinary standard usual classic traditional".split())


def traded_across(
    lex: Lexicon,
    first: Clause,
    second: Clause,
    facts: list[Fact],
    pairs: Mapping[str, tuple[Term, ...]],
) -> tuple[Fact, Fact] | None:
    """Two clauses, each about one of the things an entry compares, each saying what the
    bank says of the other ("a normal view stores the result like a table, and a
    materialised view runs the query fresh every time"): the facts each clause took from
    the other thing. Two clauses leaning the same wrong way are two pieces of evidence, so
    each needs less than one clause alone (``_given_to_other``)."""
    if first.elliptic or second.elliptic or passive(first.text) or passive(second.text):
        return None
    by = _by_entry(facts)
    for own, terms in _entries(facts, pairs, by) + _named_by_heads(first, second, by):
        a, b = _subject(first.tokens, terms), _subject(second.tokens, terms)
        if a is None or b is None or a == b:
            continue
        took = _leans_to(lex, first, own, terms, a, b)
        back = _leans_to(lex, second, own, terms, b, a) if took else None
        if took and back:
            return took, back
    return None


def _named_by_heads(
    first: Clause, second: Clause, by: Mapping[str, list[Fact]]
) -> list[tuple[list[Fact], tuple[Term, ...]]]:
    """The two things the clauses open with, as compared terms, for each entry whose facts
    name both ("second normal form is ..., and third normal form is ..."), whether or not
    the entry lists them as compared: two clauses leaning the wrong way are evidence enough."""
    a, b = _head(first), _head(second)
    if a is None or b is None or a == b:
        return []
    return [
        (own, ((a,), (b,)))
        for own in by.values()
        if any(a in f.tokens for f in own) and any(b in f.tokens for f in own)
    ]


LEAD = frozenset("a an the so and but while whereas then also".split())


def _head(clause: Clause) -> str | None:
    """The word a clause opens with, after a determiner: what it is about ("logs are ...")."""
    words = re.findall(r"[a-z0-9_]+", clause.text.lower())
    while words and words[0] in LEAD:
        words.pop(0)
    if not words or not clause.tokens:
        return None
    first = clause.tokens[0]
    return first if words[0].startswith(first[:4]) else None


def _subject(tokens: Sequence[str], terms: tuple[Term, ...]) -> Term | None:
    """The compared thing a clause names first: in an active clause, what it is about
    ("gunicorn faces the internet and forwards the requests to nginx")."""
    named = compared_in(tokens, terms)
    at = {t: _find(tokens, t) for t in named}
    return min(named, key=lambda t: at[t]) if named else None


def _find(tokens: Sequence[str], term: Term) -> int:
    n = len(term)
    spans = [i for i in range(len(tokens) - n + 1) if tuple(tokens[i : i + n]) == term]
    ends = [i for i, t in enumerate(tokens) if t == term[-1]]
    return min(spans or ends or [len(tokens)])


def _leans_to(
    lex: Lexicon, clause: Clause, own: list[Fact], terms: tuple[Term, ...], this: Term, other: Term
) -> Fact | None:
    """The fact about ``other`` that holds the clause's predicate clearly better than any
    fact about ``this`` does."""
    pred = [
        (t, s)
        for t, s in zip(clause.tokens, clause.signs, strict=True)
        if t not in this and t not in other and t not in QUALIFIERS
    ]
    if len({t for t, _ in pred}) < 2:
        return None
    mine = 0.0
    best: tuple[float, Fact] | None = None
    # key points and corrections only: an analogy's loose words ("only as fresh as the
    # last time someone cooked it") are no one's role
    for f in (f for f in own if f.kind in AUTHORITY):
        for _named_in_run, run in term_runs(f.clauses, terms):
            # whose the run is: the thing its first clause names first, in the active
            # voice ("threads share the process memory" is the threads')
            about = None if passive(run[0].text) else _subject(run[0].tokens, terms)
            held, said = _held(lex, pred, run)
            if about == this:
                mine = max(mine, held)
            elif about == other and said >= 2 and (best is None or held > best[0]):
                best = (held, f)
    if best is not None and best[0] >= ACROSS_AT and best[0] >= mine + ACROSS_MARGIN:
        return best[1]
    return None


def _entries(
    facts: list[Fact],
    pairs: Mapping[str, tuple[Term, ...]],
    by: Mapping[str, list[Fact]] | None = None,
) -> list[tuple[list[Fact], tuple[Term, ...]]]:
    return [
        (own, pairs[entry_id])
        for entry_id, own in (_by_entry(facts) if by is None else by).items()
        if len(pairs.get(entry_id, ())) >= 2
    ]


def _by_entry(facts: list[Fact]) -> dict[str, list[Fact]]:
    """The positive facts, by the entry they belong to."""
    by: dict[str, list[Fact]] = {}
    for f in facts:
        if not f.kind.negative:
            by.setdefault(f.entry_id, []).append(f)
    return by


def compared_in(tokens: Sequence[str], terms: tuple[Term, ...]) -> list[Term]:
    """The compared terms a clause names; a term met only inside a longer one ("view" in
    "materialised view") is not named by itself."""
    spans: list[tuple[int, int, Term]] = []
    for term in terms:
        n = len(term)
        spans += [
            (i, i + n, term) for i in range(len(tokens) - n + 1) if tuple(tokens[i : i + n]) == term
        ]
        # its last word alone names it too when no other term uses that word ("Kafka" for
        # "Apache Kafka"; not "copy" for "deep copy" beside "shallow copy", nor "path" for
        # "os.path" beside "pathlib")
        # (nor "all" for "UNION ALL": "UNION removes all duplicate rows" names UNION only)
        if (
            n > 1
            and term[-1] not in GENERIC_LAST
            and not any(
                any(o.startswith(term[-1]) for o in other) for other in terms if other != term
            )
        ):
            spans += [(i, i + 1, term) for i, t in enumerate(tokens) if t == term[-1]]
    kept = [
        (a, b, t)
        for a, b, t in spans
        if not any(x <= a and b <= y and (y - x) > (b - a) for x, y, _ in spans)
    ]
    return list(dict.fromkeys(t for _, _, t in kept))


def _given_to_other(
    lex: Lexicon, clause: Clause, own: list[Fact], terms: tuple[Term, ...], this: Term
) -> Fact | None:
    pred = [(t, s) for t, s in zip(clause.tokens, clause.signs, strict=True) if t not in this]
    if len({t for t, _ in pred}) < 2:
        return None
    mine = 0.0
    best: tuple[float, Fact] | None = None
    for f in own:
        for named, run in term_runs(f.clauses, terms):
            held, said = _held(lex, pred, run)
            if this in named:
                mine = max(mine, held)
            elif (
                len(named) == 1
                and f.kind in AUTHORITY
                and said >= 2
                and (best is None or held > best[0])
            ):
                best = (held, f)
    if best is not None and best[0] >= GIVEN_AT and best[0] >= mine + GIVEN_MARGIN:
        return best[1]
    return None


def term_runs(
    clauses: Sequence[Clause], terms: tuple[Term, ...]
) -> list[tuple[list[Term], list[Clause]]]:
    """A fact's clauses grouped by the compared term they are about: a clause naming no
    term and opening with no subject of its own goes on about the one before ("OLTP (online transaction
    processing) serves the application with many small transactions": the second clause is
    OLTP's too; "... feature flags switch code paths" is not the canary's)."""
    runs: list[tuple[list[Term], list[Clause]]] = []
    for fc in clauses:
        named = compared_in(fc.tokens, terms)
        goes_on = fc.subject is None or fc.text.lower().startswith(PRONOUNS)
        if not named and goes_on and not _own_subject(fc.text) and runs:
            runs[-1][1].append(fc)
        else:
            runs.append((named, [fc]))
    return runs


PRONOUNS = ("it ", "they ", "its ", "their ", "whose ", "which ", "who ")
DETERMINERS = frozenset("a an the this that these those each every some any no".split())


def _own_subject(text: str) -> bool:
    """The clause opens with a noun phrase of its own ("a feature flag switches ..."), not
    with a verb that goes on about the thing before ("serves the application ...")."""
    first = re.findall(r"[a-z]+", text.lower())[:1]
    return bool(first) and first[0] in DETERMINERS


def _held(lex: Lexicon, pred: Signed, run: Sequence[Clause]) -> tuple[float, int]:
    """The weighted share of the predicate the clauses say the same way round, and how
    many of its words that is."""
    words = dict(pred)
    total = fsum(lex.weight(t) for t in words)
    if not total:
        return 0.0, 0
    said = [t for t, s in words.items() if any(s in fc.signs_of(t) for fc in run)]
    return fsum(lex.weight(t) for t in said) / total, len(said)


def _traded_in_clause(clause: Clause, own: list[Fact], terms: tuple[Term, ...]) -> Fact | None:
    said = list(zip(clause.tokens, clause.signs, strict=True))
    for i, a in enumerate(terms):
        for b in terms[i + 1 :]:
            back = _trade(said, a, b)
            if back != said:
                found = _reads_like(said, back, own)
                if found is not None:
                    return found
    return None


def passive(text: str) -> bool:
    """A passive clause ("is started from", "are built by"): its subject is what is acted
    on, so its word order says nothing about who does what."""
    words = re.findall(r"[a-z]+", text.lower())
    for i, w in enumerate(words):
        if w not in BE:
            continue
        for nxt in words[i + 1 : i + 4]:
            if nxt in PARTICIPLES or (len(nxt) > 4 and nxt.endswith(("ed", "en"))):
                return True
            if nxt not in ADVERBS:
                break
    return False


def _reads_like(
    said: list[tuple[str, bool]], back: list[tuple[str, bool]], own: Sequence[Fact]
) -> Fact | None:
    as_said = max((_likeness(said, fc) for f in own for fc in f.clauses), default=0.0)
    # two words traded in a long clause move its likeness by at most two words' share: "a
    # image is a running or stopped instance of an container with its own process, state
    # and writable layer" still reads 0.8 like the fact it reverses
    margin = min(ROLES_MARGIN, 2 / len(said)) - 1e-9
    best: tuple[float, Fact] | None = None
    for f in own:
        if f.kind not in AUTHORITY:
            continue
        for fc in f.clauses:
            if passive(fc.text):
                continue
            score = _likeness(back, fc)
            good = score >= ROLES_AT and score >= as_said + margin
            if good and (best is None or score > best[0]):
                best = (score, f)
    return best[1] if best else None


def _likeness(said: Sequence[tuple[str, bool]], fc: Clause) -> float:
    """The share of the claim's words (with their signs) that the fact clause says in the
    same order, when that is a fair part of the fact clause too (0 otherwise)."""
    theirs = list(zip(fc.tokens, fc.signs, strict=True))
    if not said or not theirs:
        return 0.0
    # longest common subsequence: both clauses are a handful of words
    row = [0] * (len(theirs) + 1)
    for x in said:
        prev = 0
        for j, y in enumerate(theirs, 1):
            prev, row[j] = row[j], prev + 1 if x == y else max(row[j], row[j - 1])
    common = row[-1]
    if common < 3 or common < ROLES_COVER * len(theirs):
        return 0.0
    return common / len(said)


def _trade(
    said: list[tuple[str, bool]], a: tuple[str, ...], b: tuple[str, ...]
) -> list[tuple[str, bool]]:
    """The clause with every mention of term ``a`` made ``b`` and of ``b`` made ``a``."""
    out: list[tuple[str, bool]] = []
    i = 0
    tokens = [t for t, _ in said]
    while i < len(said):
        for this, that in ((a, b), (b, a)) if len(a) >= len(b) else ((b, a), (a, b)):
            if this and tokens[i : i + len(this)] == list(this):
                sign = said[i][1]
                out += [(t, sign) for t in that]
                i += len(this)
                break
        else:
            out.append(said[i])
            i += 1
    return out
