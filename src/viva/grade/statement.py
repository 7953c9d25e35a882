"""Checking a learner's statement claim by claim: agree, partly, disagree or unsure - never a guess.

A spoken check ("oh okay, so CI-CD only works with code changes, but orchestration is on top
of CI-CD, right?") becomes clean claims (``viva.understand.claims``); each is judged against
the facts of the entries the search finds for it and for the whole statement (``judge``).
The reply names each wrong part in the learner's words with the bank's correction and then
what is right: "No - "orchestration is on top of CI-CD" isn't right: <correction>. "CI-CD
only works with code changes" is right." A statement whose main (tagged) claims are right but
a side remark is wrong gets "Yes to the main point ... but ...". Never "exactly"; a filler is
never quoted, because claims hold none.
"""

from __future__ import annotations

from viva.bank.model import Bank
from viva.grade.belief import correction_of, negated_alike, says_antonym, says_wrong_part
from viva.grade.check import misconception_score, negates
from viva.grade.contradict import AUTHORITY
from viva.grade.facts import Fact, FactBook, FactKind
from viva.grade.judge import Judgement, Status, judge
from viva.grade.model import Check, ClaimCheck, Verdict
from viva.grade.semantic import SEMANTIC_KINDS, Meaning
from viva.grade.sides import traded_in_a_row
from viva.grade.words import Lexicon
from viva.search.index import SearchIndex
from viva.search.query import search
from viva.understand.claims import Claim, claims

CANDIDATES = 4  # entries searched per claim
FACT_CANDIDATES = 2  # entries whose facts hold most of a claim's words, whatever the search says
BELIEF_CANDIDATES = 2  # entries with a wrong belief the claim holds most of
CONTEXT = 3  # entries searched for the whole statement, shared by every claim
MAX_CLAIMS = 12
NAMED_WORDS = 4  # a right part shorter than this is not worth naming beside a wrong one
SURE_BELIEF_AT = 0.8  # a denied belief matched this closely is turned round
# a wrong belief the whole statement means by its vector (no claim alone need be close to
# it): 0.85 with a margin of 0.15 also took true statements that trade the belief's roles
WHOLE_AT = 0.9
WHOLE_MARGIN = 0.2  # ... this much closer to it than to any true fact of its entry
# ... and shares this much of it in words: the four it took in 2,500 labelled statements
# shared 0.32-0.87; below, it only cost an encoding (most unsettled statements had a belief)
WHOLE_WORDS = 0.3
BROADLY_AT = 0.9  # a loosely backed claim this close is named as right beside a wrong one


def check_statement(
    text: str,
    bank: Bank,
    index: SearchIndex,
    book: FactBook,
    meaning: Meaning | None = None,
) -> Check:
    """With ``meaning`` (the semantic layer), a statement the words leave unsettled is also
    compared, whole, with the wrong beliefs of its candidate entries."""
    said = claims(text)[:MAX_CLAIMS]
    if not said:
        return Check(Verdict.UNSURE, "I couldn't find a claim in that to check.")
    whole = " ".join(c.checkable for c in said)
    context = [h.entry_id for h in search(index, whole).hits[:CONTEXT]]
    judged: list[tuple[Claim, Judgement]] = []
    considered: list[list[Fact]] = []
    near: list[str] = list(context)
    for c in said:
        ids = [h.entry_id for h in search(index, c.checkable).hits[:CANDIDATES]]
        tokens = book.lexicon.clause(c.checkable).tokens
        ids += book.saying(tokens, FACT_CANDIDATES)
        ids += book.believing(tokens, BELIEF_CANDIDATES)
        near += ids
        facts: list[Fact] = [f for i in dict.fromkeys([*ids, *context]) for f in book.of(i)]
        judged.append((c, judge(book, c.text, c.checkable, facts, meaning)))
        considered.append(facts)
    judged = _denied_elsewhere(book, judged, considered, meaning)
    judged = _traded_between(book, judged, considered)
    turned = [
        (c, _turned(j, facts, book.lexicon, c.checkable) if c.denied else j, j)
        for (c, j), facts in zip(judged, considered, strict=True)
    ]
    # a denial of a belief the bank only partly backs is read as said, frame and all ("I
    # don't think asyncio will help CPU bound code")
    judged = [
        (
            c,
            judge(book, c.text, c.text, facts, meaning)
            if c.denied and t.status is Status.UNSURE and j.status is Status.PARTLY
            else t,
        )
        for (c, t, j), facts in zip(turned, considered, strict=True)
    ]
    settled = all(j.status is Status.RIGHT for _, j in judged) or any(
        j.status is Status.WRONG for _, j in judged
    )
    if meaning is not None and not settled:
        # the statement is encoded only if a belief passes the word gates: most never are
        # (the entry closest in meaning to the whole statement, from the semantic search,
        # was also tried: it changed no verdict of 3,325 and encoded every unsettled one)
        judged = _means_belief(book, whole, said, judged, considered, meaning)
    nearest = tuple(dict.fromkeys(near))[:3]
    return _compose(judged, bank, nearest)


def _means_belief(
    book: FactBook,
    text: str,
    said: list[Claim],
    judged: list[tuple[Claim, Judgement]],
    considered: list[list[Fact]],
    meaning: Meaning,
) -> list[tuple[Claim, Judgement]]:
    """A wrong belief the statement as a whole (``text``, its claims joined) means, read by
    the semantic layer when the words leave it unsettled (no claim wrong, not every claim
    right): "EXPLAIN ANALYZE only shows estimates, so it's safe to run it on a DELETE" says
    one belief across two claims, neither of which is it alone."""
    if any(c.denied for c in said):
        return judged
    lex = book.lexicon
    whole, clauses = lex.clause(text), lex.clauses(text)
    pool = list({id(f): f for facts in considered for f in facts}.values())
    positives = [f for f in pool if not f.kind.negative]
    beliefs = [
        f
        for f in pool
        if f.kind is FactKind.MISCONCEPTION
        and misconception_score(lex, whole, f) >= WHOLE_WORDS
        and negated_alike(whole, f)
        and not says_antonym(whole, f)
        and not negates(lex, clauses, f)
        and says_wrong_part(lex, whole, f, positives)
    ]
    if not beliefs:
        return judged
    sims = meaning.similarity(text, [f.text for f in beliefs])
    sim, belief = max(zip(sims, beliefs, strict=True), key=lambda x: x[0])
    if sim < WHOLE_AT:
        return judged
    # (only the kinds whose vectors ship cached: a prose sentence would be encoded here)
    own = [f for f in positives if f.entry_id == belief.entry_id and f.kind in SEMANTIC_KINDS]
    closest = max(meaning.similarity(text, [f.text for f in own]), default=0.0)
    if sim < closest + WHOLE_MARGIN:
        return judged
    words = ", ".join(c.text for c in said)
    fix = belief.correction or belief.text
    return [(said[0], Judgement(words, Status.WRONG, belief, fix, "misconception", sim))]


def _turned(j: Judgement, facts: list[Fact], lex: Lexicon, belief: str) -> Judgement:
    """The verdict on a belief the learner reports in order to deny it, turned round, when
    the bank is sure of it: denying one of its wrong beliefs, said closely, or the opposite
    of a key point, short answer or correction about the same thing, is right (backed by
    what the bank says instead); denying a key point, short answer or correction is wrong.
    Anything else leaves the denial unsure: a loose match turned round would agree with a
    learner who denies a truth the checker misread."""
    fact = j.fact
    trusted = fact is not None and fact.kind in AUTHORITY
    if j.status is Status.WRONG and fact is not None:
        if fact.kind.negative and j.why == "misconception" and j.score >= SURE_BELIEF_AT:
            fix = correction_of(fact, [f for f in facts if not f.kind.negative])
            return Judgement(
                j.text, Status.RIGHT, fix, j.correction, "denies a wrong belief", j.score
            )
        subject = lex.clause(belief).tokens[:1]
        if j.why == "opposite" and trusted and set(subject) <= fact.tokens:
            return Judgement(j.text, Status.RIGHT, fact, None, "denies an opposite", j.score)
    if j.status is Status.RIGHT and fact is not None and trusted:
        return Judgement(j.text, Status.WRONG, fact, fact.text, "denies a fact", j.score)
    return Judgement(j.text, Status.UNSURE)


def _denied_elsewhere(
    book: FactBook,
    judged: list[tuple[Claim, Judgement]],
    considered: list[list[Fact]],
    meaning: Meaning | None,
) -> list[tuple[Claim, Judgement]]:
    """A wrong belief another claim of the same statement denies is not what this claim
    says: in "create_all only makes tables that don't exist yet, it won't add a column to an
    existing table" the first part shares words with "create_all adds my new column", and
    the second says that belief is wrong. The claim is judged again without it."""
    lex = book.lexicon
    out = list(judged)
    for k, (c, j) in enumerate(judged):
        belief = j.fact
        if j.why != "misconception" or belief is None:
            continue
        if any(
            negates(lex, lex.clauses(other.checkable), belief)
            for n, (other, _) in enumerate(judged)
            if n != k
        ):
            rest = [f for f in considered[k] if f is not belief]
            out[k] = (c, judge(book, c.text, c.checkable, rest, meaning))
    return out


def _traded_between(
    book: FactBook, judged: list[tuple[Claim, Judgement]], considered: list[list[Fact]]
) -> list[tuple[Claim, Judgement]]:
    """Two claims in a row, each giving one compared thing what the bank says of the other
    ("a normal view stores the result like a table, and a materialised view runs the query
    every time"): both are wrong, each corrected with the fact it took."""
    lex = book.lexicon
    out = list(judged)
    read = [lex.clause(c.checkable) for c, _ in judged]
    wrong = [j.status is Status.WRONG for _, j in judged]

    def facts(k: int) -> list[Fact]:
        return list({id(f): f for f in [*considered[k], *considered[k + 1]]}.values())

    for k, took, back in traded_in_a_row(lex, read, wrong, facts, book.pairs):
        (c, j), (d, i) = judged[k], judged[k + 1]
        out[k] = (c, Judgement(j.text, Status.WRONG, took, took.text, "reversed", 1.0))
        out[k + 1] = (d, Judgement(i.text, Status.WRONG, back, back.text, "reversed", 1.0))
    return out


def _q(text: str) -> str:
    return f'"{text}"'


def _compose(judged: list[tuple[Claim, Judgement]], bank: Bank, near: tuple[str, ...]) -> Check:
    parts = tuple(ClaimCheck(j.text, j.status.value, j.correction, j.source_id) for _, j in judged)
    wrong = [j for _, j in judged if j.status is Status.WRONG]
    right = [j for _, j in judged if j.status is Status.RIGHT]
    partly = [j for _, j in judged if j.status is Status.PARTLY]
    unsure = [j for _, j in judged if j.status is Status.UNSURE]
    main = [j for c, j in judged if c.tagged] or [judged[-1][1]]
    if wrong:
        first = wrong[0]
        side_only = all(j.status is Status.RIGHT for j in main) and not any(
            c.tagged for c, j in judged if j.status is Status.WRONG
        )
        if side_only and len(right) > len(wrong):
            said = main[-1]
            text = (
                f"Yes to the main point: {_q(said.text)} is right. {_fact(said)} "
                f"But {_q(first.text)} isn't right: {first.correction}"
            )
            return Check(Verdict.PARTLY, text, first.correction, first.source_id, near, parts)
        lines = [f"No - {_q(first.text)} {_wrong_reason(first)}: {first.correction}"]
        for more in wrong[1:2]:
            if more.correction != first.correction:
                lines.append(f"Also, {_q(more.text)} isn't right: {more.correction}")
        # name what is right only where it says something ("changes made" doesn't)
        named = [j for j in right if len(j.text.split()) >= NAMED_WORDS]
        ok = [j.text for j in named[:2]] or [j.text for j in partly if j.score >= BROADLY_AT][:1]
        if ok:
            lines.append(
                " and ".join(_q(t) for t in ok) + (" is right." if len(ok) == 1 else " are right.")
            )
        return Check(
            Verdict.DISAGREE,
            " ".join(_end(x) for x in lines),
            first.correction,
            first.source_id,
            near,
            parts,
        )
    if right and not partly and not unsure:
        best = max(right, key=lambda j: j.score)
        return Check(
            Verdict.AGREE, f"Yes, that's right. {_fact(best)}", None, best.source_id, near, parts
        )
    if right or partly:
        return _partly(right, partly, unsure, main, near, parts)
    names = [q.question for i in near if (q := bank.get(i))]
    return Check(
        Verdict.UNSURE,
        "I can't confirm or deny that from my question bank, so I won't guess. "
        + ("The closest questions I have: " + " / ".join(names) if names else ""),
        None,
        None,
        near,
        parts,
    )


def _partly(
    right: list[Judgement],
    partly: list[Judgement],
    unsure: list[Judgement],
    main: list[Judgement],
    near: tuple[str, ...],
    parts: tuple[ClaimCheck, ...],
) -> Check:
    lead = next((j for j in main if j.status is Status.RIGHT), None)
    if lead is not None:
        head = f"Yes to the main point: {_q(lead.text)} is right. {_fact(lead)}"
    elif right:
        head = f"Partly. {_q(right[0].text)} is right. {_fact(right[0])}"
    else:
        head = "Partly. What I can confirm: " + _end(_fact(partly[0]))
    notes: list[str] = []
    for j in partly[:1]:
        if j.why.startswith("absolute:"):
            word = j.why.split(":", 1)[1]
            notes.append(f"But {_q(word)} goes too far in {_q(j.text)}: the bank doesn't say that.")
        elif j is not lead and (lead is not None or right):
            notes.append(f"{_q(j.text)} is only partly backed by what I know.")
    if unsure:
        notes.append(f"I can't confirm {_q(unsure[0].text)} from what I know.")
    src = lead or (right or partly)[0]
    return Check(
        Verdict.PARTLY,
        " ".join([_end(head), *notes]),
        src.fact.text if src.fact else None,
        src.source_id,
        near,
        parts,
    )


def _wrong_reason(j: Judgement) -> str:
    if j.why == "reversed":
        return "has the roles the wrong way round"
    if j.why == "order":
        return "has the steps in the wrong order"
    if j.why == "direction":
        return "goes the other way round"
    if j.why == "scope":
        return "gets how often it happens wrong"
    if j.why == "value":
        return "gives the wrong status code"
    if j.why == "amount":
        return "gives the wrong amount"
    return "isn't right"


def _fact(j: Judgement) -> str:
    # a denied red flag has no correction of its own: the statement the bank says instead
    return _end(j.fact.text) if j.fact else _end(j.correction or "")


def _end(text: str) -> str:
    text = text.strip()
    return text if not text or text[-1] in ".!?" else text + "."
