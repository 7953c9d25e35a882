"""One claim against the bank's facts: right, wrong, partly right, or not covered.

A claim is wrong when it says a misconception or red flag (its weighted words, the same way
round; or, with the semantic layer, its meaning, when no fact of the entry is closer and no
word of it is said the other way), when one of its clauses says the opposite of a fact
(negation, antonym, swapped roles), or when it is a fact with one term swapped for another
term the same entry discusses ("one process" where the bank says "one thread"). It is right
only when every clause is backed by one fact, with no word of weight the fact lacks; an
absolute word the fact doesn't use ("always", "only") makes it partly right. Similarity
alone never makes a claim right.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from enum import StrEnum

from viva.grade.agent import only_aside
from viva.grade.backing import overreach, said_alike, said_verbatim, stated_of_subject, unbacked
from viva.grade.backwards import said_backwards
from viva.grade.belief import (
    SEM_MISC_AT,
    backed_short_of,
    closer_to_fix,
    denies_by_polarity,
    given_names,
    means_misconception,
    says_antonym,
    says_correction,
    says_wrong_part,
)
from viva.grade.check import (
    AGREE_AT,
    MISC_AT,
    PART_AT,
    Match,
    align,
    best_match,
    misconception_score,
    negates,
    overlap,
)
from viva.grade.contradict import (
    AUTHORITY,
    best_positive,
    denied_capability,
    denies_predicate,
    roles_differ,
    states_predicate,
    substituted,
    wrong_role,
)
from viva.grade.facts import Fact, FactBook, FactKind
from viva.grade.quantity import wrong_scope
from viva.grade.roles import swapped_roles
from viva.grade.semantic import Meaning
from viva.grade.sides import about_rival, gives_role_away, leads_mixed, traded_within
from viva.grade.values import wrong_value
from viva.grade.words import Clause, Lexicon

RESTATE_AT = 0.5
TIE = 0.02  # beliefs this close to the closest are tried too
LINKS = frozenset({"is", "are", "was", "were", "means", "mean", "be"})
_POSSESSIVE = re.compile(r"[\w.-]+['’]s\b")  # "PostgreSQL's default ...": about PostgreSQL


class Status(StrEnum):
    RIGHT = "right"
    PARTLY = "partly"  # mostly right: an absolute word too far, or loosely backed
    WRONG = "wrong"
    UNSURE = "unsure"


@dataclass(frozen=True, slots=True)
class Judgement:
    text: str  # the claim in the learner's words
    status: Status
    fact: Fact | None = None  # the fact that backs or corrects it
    correction: str | None = None  # what is true instead (wrong claims)
    why: str = ""  # "misconception", "opposite", "reversed", "swapped", "absolute", ...
    score: float = 0.0

    @property
    def source_id(self) -> str | None:
        return self.fact.entry_id if self.fact else None


def judge(
    book: FactBook, text: str, checkable: str, facts: list[Fact], meaning: Meaning | None = None
) -> Judgement:
    """Judge one claim (``checkable`` has pronouns resolved; ``text`` is quoted)."""
    lex = book.lexicon
    clauses = lex.clauses(checkable)
    whole = lex.clause(checkable)
    if not clauses:
        return Judgement(text, Status.UNSURE)
    positives = [f for f in facts if not f.kind.negative]
    negatives = [f for f in facts if f.kind.negative]
    per_clause = [best_match(lex, c, positives) for c in clauses]
    contradicts_fact = any(m and m.contradicts for m in per_clause)

    # how much of each clause one key point, summary or correction says the same way round
    support = [_support(lex, c, positives) for c in clauses]
    backed_whole = all(h >= AGREE_AT for h in support)

    # a clause a key point, short answer or correction says word for word, the same way
    # round, is the bank's own sentence: no rule reads it as a belief or an opposite
    # ("os.cpu_count sees host CPUs" is not "os.cpu_count returns the container's CPUs")
    verbatim = [said_verbatim(lex, c, positives) for c in clauses]
    mine = [c for c, v in zip(clauses, verbatim, strict=True) if not v]
    units = ([whole] if mine else []) + (mine if len(clauses) > 1 else [])

    denies = False  # the claim denies a belief it says most of the words of
    # 1. a misconception or red flag, said in the learner's words (the whole claim, or one
    # clause of it: "Jenkins runs inside GitHub, like GitHub Actions")
    for unit in units:
        # the closest belief, and those as close within a hair, the closest first: a tie
        # may fail a test the other passes ("read replicas can take the writes" ties
        # "adding read replicas scales writes too", whose wrong part it doesn't say, with
        # "replicas can take writes"); a belief clearly further off is not tried (the gates
        # are set for the closest: "rebuilding an image for each environment can produce a
        # different image" would pass for "rebuild images separately for each environment")
        scored = [(misconception_score(lex, unit, f), f) for f in negatives]
        top = max((x for x, _ in scored), default=0.0)
        close = sorted(
            ((x, f) for x, f in scored if x >= max(MISC_AT, top - TIE)), key=lambda x: -x[0]
        )
        best_pos = (
            max((misconception_score(lex, unit, f) for f in positives), default=0.0)
            if close
            else 0.0  # (unused: most claims say no belief this closely)
        )
        for wrong in close:
            # (a clause of it, such as its condition, doesn't say a belief the claim denies:
            # "if you install a package in a container, the image doesn't get it")
            if denies_by_polarity(lex, unit, clauses, wrong[1]) or (
                unit is not whole and denies_by_polarity(lex, whole, clauses, wrong[1])
            ):
                denies = True
                break  # "NoSchedule doesn't throw out running Pods" denies "... evicts them"
            # (a fact of another entry said the other way doesn't undo the denial)
            if says_antonym(unit, wrong[1]) or (
                negates(lex, clauses, wrong[1])
                and not any(
                    m and m.contradicts and m.fact.entry_id == wrong[1].entry_id for m in per_clause
                )
            ):
                denies = True
                break  # a belief this close that the claim denies: it says the other way round
            if (
                # one clause of a longer claim is short: a fact of the entry that holds it as
                # closely as the belief does is what it says ("a self join joins a table to
                # itself" is not "a self join needs a second copy of the table")
                wrong[0] >= best_pos + (-0.05 if unit is whole else 0.05)
                and _shares(unit, wrong[1])
                and states_predicate(lex, unit, wrong[1], positives)
                and says_wrong_part(lex, unit, wrong[1], positives)
                and _names_subject(
                    lex, whole, clauses, wrong[1], book.terms.get(wrong[1].entry_id, frozenset())
                )
                and not _bare_name(unit, book.terms.get(wrong[1].entry_id, frozenset()))
                and not says_correction(lex, unit, wrong[1], positives, wrong[0], book.pairs)
                and not backed_short_of(lex, unit, wrong[1], positives, given_names(book, wrong[1]))
            ):
                if not roles_differ(lex, clauses, wrong[1]) and not closer_to_fix(
                    meaning, lex, unit, wrong[1]
                ):
                    return _wrong(text, wrong[1], "misconception", wrong[0], positives, lex)
                break  # the closest belief it says is said of the other thing

    # 2. a clause saying the opposite of a fact, or a fact with one term swapped, or its
    # predicate given to the other subject ("an image is the running instance" where the
    # bank says a container is)
    for c, m in zip(clauses, per_clause, strict=True):
        if m and m.score >= AGREE_AT and c in mine and gives_role_away(lex, c, m.fact, book.pairs):
            return Judgement(text, Status.WRONG, m.fact, m.fact.text, "reversed", m.score)
    # a clause a key point says of the same thing trades no roles ("Kubernetes runs the
    # containers", though the Compose entry says Compose runs them)
    free = [c for c in clauses if mine and not stated_of_subject(lex, c, positives, book.pairs)]
    traded = swapped_roles(lex, free, positives, book.pairs) if free else None
    for c in [c for c in mine if c in free] if traded is None else ():
        traded = traded_within(lex, c, positives, book.pairs)
        if traded is not None:
            break
    if traded is not None:
        return Judgement(text, Status.WRONG, traded, traded.text, "reversed", 1.0)
    for c, m in zip(clauses, per_clause, strict=True):
        # the fact holds the clause's words only across two of its clauses, each about
        # something else ("apply is declarative ...; create is imperative ...")
        mixed = leads_mixed(lex, c, [m.fact]) if m and m.score >= AGREE_AT and c in mine else None
        if mixed is not None:
            return Judgement(text, Status.WRONG, mixed, mixed.text, "reversed", 1.0)
    backwards = said_backwards(book, checkable, whole, mine, positives)
    if backwards is not None:
        fact, how = backwards
        return Judgement(text, Status.WRONG, fact, fact.text, how, 1.0)
    for c in mine:
        often = wrong_scope(lex, c, positives)
        if often is not None:
            return Judgement(text, Status.WRONG, often, often.text, "scope", 1.0)
        value = wrong_value(lex, c, checkable, positives)
        if value is not None:
            return Judgement(text, Status.WRONG, value[0], value[1], value[2], 1.0)
    for c, m, held, v in zip(clauses, per_clause, support, verbatim, strict=True):
        if m and m.contradicts and not v and _restates(lex, c, m.fact):
            if m.fact.kind in (FactKind.ANSWER, FactKind.SIMPLE) and held >= AGREE_AT:
                continue  # a passing sentence of prose doesn't outweigh a key point said
            return Judgement(text, Status.WRONG, m.fact, m.fact.text, m.reason, m.score)
    for c, held in zip(clauses, support, strict=True):
        if held >= AGREE_AT:
            continue  # the bank says this clause as it is: no rule of thumb overrides that
        denial = denied_capability(lex, c, positives, whole.subject)
        if denial is not None:
            return Judgement(text, Status.WRONG, denial, denial.text, "denied", 1.0)
        beliefs = [f for f in negatives if not about_rival(lex, whole, f, positives, book.pairs)]
        role = wrong_role(lex, c, beliefs, positives, checkable)
        if role is not None:
            return _wrong(text, role, "role", 1.0, positives, lex)
        swap = substituted(lex, c, positives, book.terms)
        if swap is not None:
            return Judgement(text, Status.WRONG, swap, swap.text, "swapped", 1.0)

    # 3. the same misconception, in other words (semantic layer) - unless the bank says
    # every clause as it is: a sentence vector doesn't outweigh the bank's own words
    # ("Fixtures in conftest files are shared across test files" sits close to "you have to
    # import fixtures from conftest into each test file")
    # (nor does it make a claim that denies a wrong belief in its words state another one)
    if meaning is not None and negatives and not backed_whole and not denies:
        about = [
            f
            for f in negatives
            if _names_subject(lex, whole, clauses, f, book.terms.get(f.entry_id, frozenset()))
            and not backed_short_of(lex, whole, f, positives, given_names(book, f))
        ]
        hit = means_misconception(lex, checkable, whole, clauses, positives, about, meaning)
        if hit is not None and not closer_to_fix(meaning, lex, whole, hit):
            return _wrong(text, hit, "misconception", SEM_MISC_AT, positives, lex)

    # 4. backed clause by clause; a clause denying a wrong belief ("Kubernetes won't run the
    # test cases") is backed by that belief's correction
    denials: list[Fact | None] = [
        None if contradicts_fact else _denial(lex, c, negatives, positives) for c in clauses
    ]
    # a fact the clause says the other way round backs nothing
    fair = [None if m is None or m.contradicts else m for m in per_clause]
    # a shared word said the other way round backs loosely at most (generators, "without")
    full = [
        m
        if m and said_alike(c, m.fact, not whole.negated) and not only_aside(lex, c, m.fact)
        else None
        for c, m in zip(clauses, fair, strict=True)
    ]
    backed = [
        m
        for c, m in zip(clauses, full, strict=True)
        if m and m.score >= AGREE_AT and not unbacked(lex, c, m.fact)
    ]
    held = sum(
        1
        for c, m, d in zip(clauses, full, denials, strict=True)
        if d is not None or (m and m.score >= AGREE_AT and not unbacked(lex, c, m.fact))
    )
    loose = [m for m in fair if m and m.score >= PART_AT]
    denial = next((d for d in denials if d is not None), None)
    if held == len(clauses):
        pairs = [(c, m) for c, m, d in zip(clauses, full, denials, strict=True) if d is None and m]
        extra = overreach([c for c, _ in pairs], [m for _, m in pairs])
        if denial is not None and not extra:
            return Judgement(text, Status.RIGHT, denial, None, "denies", 1.0)
        fact = denial or _central(backed)
        if extra:
            return Judgement(
                text, Status.PARTLY, fact, None, f"absolute:{extra}", fact_score(backed)
            )
        return Judgement(text, Status.RIGHT, fact, None, "backed", fact_score(backed))
    if backed or loose or denial:
        fact = denial or _central(backed or loose)
        return Judgement(text, Status.PARTLY, fact, None, "loose", fact_score(backed or loose))
    return Judgement(text, Status.UNSURE)


def _denial(
    lex: Lexicon, clause: Clause, negatives: list[Fact], positives: list[Fact]
) -> Fact | None:
    """The fact that backs a clause denying a wrong belief: its correction."""
    for f in negatives:
        if denies_predicate(lex, clause, f) and not roles_differ(lex, [clause], f):
            if f.kind is FactKind.MISCONCEPTION:
                return _as_fact(f)
            instead = best_positive(lex, f, positives)
            if instead is not None:
                return instead
    return None


def _support(lex: Lexicon, clause: Clause, positives: list[Fact]) -> float:
    """How much of the clause one key point, summary or correction says the same way round."""
    best = 0.0
    for f in positives:
        if f.kind in AUTHORITY and overlap(lex, clause.tokens, f.tokens) > best:
            m = align(lex, clause, f)
            if not m.contradicts:
                best = max(best, m.score)
    return best


def _restates(lex: Lexicon, clause: Clause, fact: Fact) -> bool:
    """Saying the opposite of a fact means saying most of it: both ways round, half its words.
    A two-word fragment must also say where the fact clause starts and ends: "rolls back"
    (said of a session) is not "an email or message cannot be rolled back", nor a bare
    "operating system" "no operating system boots"."""
    return any(
        min(
            overlap(lex, clause.tokens, frozenset(fc.tokens)),
            overlap(lex, fc.tokens, frozenset(clause.tokens)),
        )
        >= RESTATE_AT
        and (
            len(set(clause.tokens)) > 2
            or (fc.tokens[0] in clause.tokens and fc.tokens[-1] in clause.tokens)
        )
        for fc in fact.clauses
    )


def _bare_name(unit: Clause, names: frozenset[str]) -> bool:
    """A clause that only names what the entry is about ("a multi-stage build, it ...",
    "circuit breaker, when it is open ...") claims nothing; "X is just Y" does."""
    return set(unit.tokens) <= names and not LINKS & set(unit.text.lower().split())


def _names_subject(
    lex: Lexicon, whole: Clause, clauses: list[Clause], fact: Fact, names: frozenset[str]
) -> bool:
    """A wrong belief about a named thing is said only by a claim that names it (or says
    "it" of it): "select_related does a SQL join" doesn't say "prefetch_related does a SQL
    join, just like select_related", and "the exit method runs" doesn't say "if the enter
    method raises, the exit method still runs". The thing is the first of the entry's
    names (compared terms, tags) the belief uses."""
    first = fact.clauses[0] if fact.clauses else None
    if first is None:
        return True
    lead = [t for t in first.tokens if t not in lex.contexts][:1]  # "In Django the view ..."
    if first.subject is not None and lead == [first.subject]:
        subject: str | None = first.subject
    else:
        subject = next((t for t in first.tokens if t in names), None)
    if subject is None:
        return True  # about no thing it names: nothing to check
    # a belief about a thing's attribute ("PostgreSQL's default isolation level is ...") is
    # about the thing: "postgres uses repeatable read by default" names it
    owner = lead[0] if lead and _POSSESSIVE.match(fact.text.lower()) else None
    named = {subject, owner} - {None}
    return bool(named & set(whole.tokens)) or any(c.subject in named for c in clauses)


def _shares(whole: Clause, fact: Fact) -> bool:
    """Two words in common at least: "reassign" alone doesn't make a misconception said."""
    return len(set(whole.tokens) & fact.tokens) >= 2


def fact_score(matches: list[Match]) -> float:
    return min(m.score for m in matches) if matches else 0.0


def _central(matches: list[Match]) -> Fact:
    return max(matches, key=lambda m: (round(m.score, 2), m.fact.kind.priority)).fact


def _wrong(
    text: str,
    fact: Fact,
    why: str,
    score: float,
    positives: list[Fact] | None = None,
    lex: Lexicon | None = None,
) -> Judgement:
    correction = fact.correction or fact.text
    if fact.kind is FactKind.RED_FLAG and positives and lex is not None:
        instead = best_positive(lex, fact, positives)
        correction = instead.text if instead else correction
    return Judgement(text, Status.WRONG, fact, correction, why, score)


def _as_fact(misconception: Fact) -> Fact:
    """A misconception's correction, as the fact that backs a claim denying it."""
    text = misconception.correction or misconception.text
    return Fact(
        misconception.entry_id,
        FactKind.CORRECTION,
        text,
        misconception.clauses,
        misconception.tokens,
    )
