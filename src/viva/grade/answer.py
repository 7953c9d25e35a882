"""Grading an answer in the learner's own words against an entry's weighted key points.

A key point counts as made when one of its phrases appears as whole words in a clause of
the same polarity ("not hosted" does not make "hosted"), when a clause restates the point
itself, or - with the optional semantic layer - when a sentence means the same and does
not contradict it. Wrong claims (misconceptions, red flags, statements that contradict a
key point) cap the score and make the answer ``wrong``, and the point a wrong claim gets
wrong is never credited; an answer with nothing false that says part of a point is thin
(``partial``), not wrong.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence
from itertools import pairwise

from viva.bank.model import Entry, KeyPoint
from viva.grade.belief import correction_of
from viva.grade.carried import said_of_other
from viva.grade.check import DECISIVE, KEY_WORD, Match, align, overlap, signs_agree
from viva.grade.facts import Fact, FactBook, FactKind
from viva.grade.insights import insights
from viva.grade.judge import Status, judge
from viva.grade.model import AnswerVerdict, Grade
from viva.grade.semantic import Meaning, Similar
from viva.grade.sides import traded_in_a_row
from viva.grade.wordlists import ABSOLUTES
from viva.grade.words import Clause, Lexicon, gstem
from viva.understand.claims import Claim, claims

POINT_AT = 0.6  # share of a key point's words one clause must restate
GOOD_AT = 70
PARTIAL_AT = 30
WRONG_CAP = 40  # the most an answer with a false claim can score
SHORT_CAP = 30  # the most a handful of words can score
GENERIC = 1.0  # a one-word phrase weighing less than this is too common to count alone
ON_TOPIC_AT = 0.3
ABSOLUTE_TOKENS = frozenset(gstem(a) for a in ABSOLUTES)
STATES_AT = 0.65  # share of a wrong claim's words a stretch of the answer must say
STATES_WORDS = 0.6  # ... and share of its words, counted one by one
SEMANTIC_WORDS = 0.3  # a paraphrase found by similarity must still share this much of the point
MAX_CLAIMS = 20
CORRECTS_AT = 0.4  # share of a key point's words a wrong belief and its correction hold
CORRECTS_MARGIN = 0.05  # ... clearly more than of any other point
TOUCH_AT = 0.2  # share of a key point's words an answer says for a thin answer to be partial
# a key point said the other way round, as the checker judges it (misconceptions stated are
# matched by _wrong_claims)
TRUSTED = frozenset({"opposite", "reversed", "denied", "role", "direction"})
# a misconception the checker finds in a claim of an answer: many of its words also come
# from the right explanation around it, so the bar is above the checker's own
BELIEVED_AT = 0.8
# ... or a claim of three words or more that the belief holds whole ("flask's session is
# encrypted" inside "Flask's session is encrypted, so it's safe to store secrets in it")
INSIDE_AT = 0.95
FIX_SAID_AT = 0.5  # share of a correction's own words a stretch says to be saying it
# an imperative against something, opening a clause: "never ...", "don't ...", "avoid ..."
NEAR_AGAINST = 6  # words after the imperative the flag must start within
AGAINST = re.compile(r"(?:^|[,;.]\s*|\b(?:and|but|so|also|then)\s+)(?:never|don't|do not|avoid)\b")


def _phrase_hits(lex: Lexicon, clauses: list[Clause], phrase: str) -> bool:
    ph = lex.clause(phrase)
    if not ph.tokens or len(phrase.strip()) < 2:
        return False
    n = len(ph.tokens)
    for c in clauses:
        for i in range(len(c.tokens) - n + 1):
            if c.tokens[i : i + n] == ph.tokens and c.signs[i : i + n] == ph.signs:
                return True
    return False


def _covered(
    lex: Lexicon,
    clauses: list[Clause],
    point: KeyPoint,
    fact: Fact | None,
    matches: Sequence[Match],
    similar: Similar | None,
) -> bool:
    """Whether the answer makes ``point``; ``matches`` are its clauses aligned with the point."""
    if any(m.contradicts for m in matches):
        return False  # saying the opposite anywhere outweighs the right words elsewhere
    hits = [p for p in point.phrases if _phrase_hits(lex, clauses, p)]
    strong = [
        p
        for p in hits
        if len(lex.clause(p).tokens) > 1 or lex.weight(lex.clause(p).tokens[0]) >= GENERIC
    ]
    if strong or len(hits) >= 2:
        return True
    if fact is not None:
        for c in clauses:
            said = overlap(lex, fact.tokens, frozenset(c.tokens))
            if said >= (POINT_AT / 2 if hits else POINT_AT) and signs_agree(lex, c, fact):
                return True  # the point in other words (or a common phrase and half of them)
    if similar is not None and fact is not None:
        # words and signs decide first (only the clauses they pass are encoded), then meaning
        worded = [
            c
            for c in clauses
            if overlap(lex, fact.tokens, frozenset(c.tokens)) >= SEMANTIC_WORDS
            and signs_agree(lex, c, fact)
        ]
        return bool(worded) and bool(similar(point.point, worded))
    return False


def _corrected_point(lex: Lexicon, belief: Fact, points: Mapping[str | None, Fact]) -> str | None:
    """The key point that says what is true instead of a wrong belief: the one its correction
    (or, for a red flag, the belief itself) shares most weighted words with."""
    said = lex.clause(belief.correction or belief.text).tokens if belief.correction else ()
    tokens = frozenset(said) | belief.tokens
    ranked = sorted(
        ((overlap(lex, tuple(p.tokens), tokens), p) for p in points.values()), key=lambda x: -x[0]
    )
    if not ranked or ranked[0][0] < CORRECTS_AT:
        return None
    if len(ranked) > 1 and ranked[0][0] - ranked[1][0] < CORRECTS_MARGIN:
        return None  # no one point is what the belief gets wrong
    return ranked[0][1].point_id


def _touches(lex: Lexicon, content: list[str], points: Iterable[Fact]) -> bool:
    """The answer says a fair part of some key point's words, though no point in full."""
    said = frozenset(content)
    return len(said) >= 5 and any(overlap(lex, tuple(p.tokens), said) >= TOUCH_AT for p in points)


def _other_subject(window: Clause, belief: Fact) -> bool:
    """The window is about another of the belief's things: "taints keep pods off a node
    unless they have a toleration" is about pods, not "a toleration makes the Pod run on
    the tainted node"."""
    first = belief.clauses[0].subject if belief.clauses else None
    return (
        first is not None
        and window.subject is not None
        and window.subject != first
        and window.subject in belief.tokens
    )


def _within(part: tuple[str, ...], whole: tuple[str, ...]) -> bool:
    """``part`` is a run of ``whole``'s tokens, in order (a clause of a reported belief)."""
    n = len(part)
    return n > 0 and any(whole[i : i + n] == part for i in range(len(whole) - n + 1))


def _advises_against(window: Clause, belief: Fact) -> bool:
    """A red flag names a bad practice; a stretch that tells you not to do it, or to avoid
    it, advises against it: "never silence errors with except: pass", "and avoid except:
    pass". The negation must open a clause and be an imperative ("you never get problems
    by storing prices as floats" praises the practice), and the flag's first two words must
    follow it in order."""
    if belief.kind is not FactKind.RED_FLAG or any(c.negated for c in belief.clauses):
        return False
    flag = re.findall(r"[a-z]+", belief.text.lower())
    said = window.text.lower()
    for m in AGAINST.finditer(said):
        after = re.findall(r"[a-z]+", said[m.end() :])[:NEAR_AGAINST]
        if flag and flag[0] in after and set(flag[1:2]) <= set(after[after.index(flag[0]) :]):
            return True
    return False


def _windows(lex: Lexicon, clauses: list[Clause]) -> list[tuple[Clause, str | None]]:
    """Each clause alone and with its neighbour: a wrong claim often spans a comma. A
    contrast ("..., not a keyword") belongs to the clause before it, never to the next.
    With each window, the new subject its second clause brings, if any."""
    out: list[tuple[Clause, str | None]] = [(c, None) for c in clauses if not c.elliptic]
    out += [
        (lex.clause(f"{a.text} {b.text}"), b.subject if b.subject != a.subject else None)
        for a, b in pairwise(clauses)
        if not a.elliptic
    ]
    return out


def _states(lex: Lexicon, window: Clause, fact: Fact) -> bool:
    """The window says what the (wrong) fact says, the same way round, in one stretch."""
    missing = [t for t in fact.tokens if t not in window.tokens]
    return (
        overlap(lex, fact.tokens, frozenset(window.tokens)) >= STATES_AT
        # the word that makes it wrong ("always", "unrelated", "read-only", "same") must be said
        and not any(
            lex.weight(t) >= KEY_WORD or t in ABSOLUTE_TOKENS or t in DECISIVE for t in missing
        )
        and _compact(window, fact)
        and all(window.signs_of(t) & _signs(fact, t) for t in fact.tokens if t in window.tokens)
        and not align(lex, window, fact).contradicts
        # most of its words, not just its heavy names: "pods run the containers" holds the
        # weight of "a Pod is just another word for a container", not what it claims
        and len(fact.tokens) - len(missing) >= STATES_WORDS * len(fact.tokens)
    )


def _signs(fact: Fact, token: str) -> frozenset[bool]:
    return frozenset(s for c in fact.clauses for s in c.signs_of(token))


def _compact(window: Clause, fact: Fact) -> bool:
    """The belief's words are said close together, not scattered over a long sentence
    ("kwargs ... a list ... a tuple" doesn't say "kwargs is a list of tuples")."""
    at = [i for i, t in enumerate(window.tokens) if t in fact.tokens]
    return not at or at[-1] - at[0] < 2 * len(fact.tokens) + 2


def _says_fix(lex: Lexicon, window: Clause, belief: Fact, fix: Fact | None) -> bool:
    """The stretch says the belief's correction in its own words as well: "the client makes
    one key per logical operation and reuses it on every retry" holds the words of "the
    client should generate a new key on every retry", and the "reuse" and "logical
    operation" that correct it."""
    if fix is None:
        return False
    own = tuple(t for t in fix.tokens if t not in belief.tokens)
    # said the way the correction says them, not denied ("never reuse it")
    same = frozenset(t for t in own if t in window.tokens and window.signs_of(t) & _signs(fix, t))
    return len(own) >= 2 and overlap(lex, own, same) >= FIX_SAID_AT


def _wrong_claims(
    lex: Lexicon,
    clauses: list[Clause],
    facts: Sequence[Fact],
    aligned: Mapping[str | None, Sequence[Match]],
    stated: list[Fact] | None = None,
) -> tuple[list[str], list[str]]:
    """Corrections of misconceptions the answer states, and red flags it raises (each wrong
    belief stated is added to ``stated``)."""
    wrong: list[str] = []
    red: list[str] = []
    windows = _windows(lex, clauses)
    positives = [f for f in facts if not f.kind.negative]
    for f in facts:
        if f.kind.negative and any(
            _states(lex, w, f)
            and (new is None or new in f.tokens)
            and not _other_subject(w, f)
            and not _advises_against(w, f)
            and not _says_fix(lex, w, f, correction_of(f, positives))
            for w, new in windows
        ):
            # a second clause about a thing the belief doesn't name says something else of
            # it: "the console shows the repr, str is for end users" isn't "repr is for
            # end users"
            if stated is not None:
                stated.append(f)
            if f.kind is FactKind.MISCONCEPTION:
                wrong.append(f.correction or f.text)
            else:
                red.append(f.text)
        elif f.kind is FactKind.POINT:
            for c, m in zip(clauses, aligned[f.point_id], strict=True):
                both = min(m.score, overlap(lex, f.tokens, frozenset(c.tokens)))
                if m.contradicts and both >= STATES_AT:
                    wrong.append(f.text)
                    break
    return list(dict.fromkeys(wrong)), list(dict.fromkeys(red))


def _judged_wrong(
    book: FactBook, said: Sequence[Claim], facts: Sequence[Fact], meaning: Meaning | None
) -> list[tuple[str, str, str | None]]:
    """Each claim of the answer judged against the entry's facts, as the checker does:
    (the learner's words, the correction, the key point it contradicts)."""
    out: list[tuple[str, str, str | None]] = []
    said = said[:MAX_CLAIMS]
    pool = list(facts)
    wrong: list[bool] = []
    for c in said:
        j = judge(book, c.text, c.checkable, pool, meaning)
        if c.denied:
            # a belief reported to be denied is not the learner's claim; a key point or the
            # short answer reported to be denied ("it's a myth that containers share the
            # kernel") is the point's opposite
            point = j.fact if j.status is Status.RIGHT else None
            denies = point is not None and point.kind in (FactKind.POINT, FactKind.SHORT)
            if point is not None and denies:
                out.append((c.text, point.text, point.point_id))
            wrong.append(denies)
            continue
        # a claim the checker finds wrong but this path doesn't count stays open to the
        # trade reading below
        found = len(out)
        # a key point or the short answer said the other way round (prose and corrections,
        # which mostly deny things, are too loose)
        if (
            j.status is Status.WRONG
            and j.fact
            and j.fact.kind in (FactKind.POINT, FactKind.SHORT)
            and j.why in TRUSTED
        ):
            out.append((c.text, j.fact.text, j.fact.point_id))
        elif (
            j.status is Status.WRONG
            and j.fact
            and j.fact.kind is FactKind.MISCONCEPTION
            and j.why == "misconception"
            and (j.score >= BELIEVED_AT or _inside(book.lexicon, c.checkable, j.fact))
        ):
            out.append((c.text, j.correction or j.fact.text, None))
        wrong.append(len(out) > found)
    # two claims in a row trading roles ("a service keeps the pods running, and a deployment
    # gives them a stable address"), read as the checker reads a statement's claims
    lex = book.lexicon
    read = [lex.clause(c.checkable) for c in said]
    for k, took, back in traded_in_a_row(lex, read, wrong, lambda _: pool, book.pairs):
        out += [(said[k].text, took.text, took.point_id)]
        out += [(said[k + 1].text, back.text, back.point_id)]
    return list(dict.fromkeys(out))  # a claim in two traded pairs is quoted once


def grade_answer(
    entry: Entry,
    text: str,
    book: FactBook,
    similar: Similar | None = None,
    meaning: Meaning | None = None,
) -> Grade:
    lex = book.lexicon
    # a clause that only reports a belief to deny it ("a common myth is that ...") is not
    # the learner's claim: neither a wrong one nor the opposite of a point
    said = claims(text)
    reported = [lex.clause(c.text).tokens for c in said if c.denied]
    clauses = [c for c in lex.clauses(text) if not any(_within(c.tokens, r) for r in reported)]
    facts = book.of(entry.id)
    point_facts = {f.point_id: f for f in facts if f.kind is FactKind.POINT}
    # every clause against every key point, once: coverage and wrong claims both need it
    aligned = {pid: [align(lex, c, f) for c in clauses] for pid, f in point_facts.items()}
    covered: list[KeyPoint] = []
    missed: list[KeyPoint] = []
    terms = book.pairs.get(entry.id, ())
    for kp in entry.key_points:
        fact = point_facts.get(kp.id)
        made = _covered(lex, clauses, kp, fact, aligned.get(kp.id, ()), similar)
        if made and fact is not None and len(terms) >= 2:
            made = not said_of_other(lex, fact, kp.phrases, clauses, terms)
        (covered if made else missed).append(kp)
    stated: list[Fact] = []
    wrong, red = _wrong_claims(lex, clauses, facts, aligned, stated)
    said_wrong = _judged_wrong(book, said, facts, meaning)
    # a point whose opposite was said is never credited, whatever else was said: a point
    # contradicted outright, or the point that corrects a wrong belief the answer states
    against = {point_id for _said, _fix, point_id in said_wrong if point_id is not None}
    against |= {p for f in stated if (p := _corrected_point(lex, f, point_facts)) is not None}
    wrong += [correction for _said, correction, _point in said_wrong]
    for kp in [k for k in covered if k.id in against]:
        covered.remove(kp)
        missed.append(kp)
    wrong = list(dict.fromkeys(wrong))
    raw = sum(k.weight for k in covered)
    score = raw
    content = [t for c in clauses for t in c.tokens]
    if len(set(content)) < 5:
        score = min(score, SHORT_CAP)
    if wrong or red:
        score = min(score, WRONG_CAP)
    on_topic = (
        overlap(lex, tuple(content), book.vocab.get(entry.id, frozenset())) if content else 0.0
    )
    required_missed = any(k.required for k in missed)
    if wrong or red:
        # a strict interviewer: a false claim makes the answer wrong, whatever else it said
        verdict = AnswerVerdict.WRONG
    elif not covered and on_topic < ON_TOPIC_AT:
        verdict, score = AnswerVerdict.OFF_TOPIC, 0
    elif score >= GOOD_AT and not required_missed:
        verdict = AnswerVerdict.GOOD
    elif score >= PARTIAL_AT or covered or _touches(lex, content, point_facts.values()):
        # nothing false, and on the points in words of its own: thin, not wrong
        verdict = AnswerVerdict.PARTIAL
        score = min(score, GOOD_AT - 1)
    else:
        verdict = AnswerVerdict.WRONG
    return Grade(
        entry.id,
        score,
        verdict,
        tuple(k.point for k in covered),
        tuple(k.point for k in missed),
        tuple(wrong),
        tuple(red),
        insights(lex, entry, covered, missed, text),
        tuple((said, fix) for said, fix, _ in said_wrong),
    )


def _inside(lex: Lexicon, said: str, belief: Fact) -> bool:
    claim = lex.clause(said)
    return len(set(claim.tokens)) >= 3 and overlap(lex, claim.tokens, belief.tokens) >= INSIDE_AT
