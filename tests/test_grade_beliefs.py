"""Wrong beliefs, found and not over-read (issue 12): a belief said inside a longer claim is
found wherever the search ranks its entry (``FactBook.believing``); an answer that states one
closely is wrong; and right statements that each rule once disagreed with are not disagreed.
Real bank; most cases come from the dev 2 set."""

from __future__ import annotations

from functools import cache

import pytest

from viva.app.library import Library
from viva.grade.belief import correction_of
from viva.grade.facts import FactKind
from viva.grade.model import AnswerVerdict, Verdict


@cache
def svc() -> Library:
    return Library()


@pytest.mark.parametrize(
    ("text", "source"),
    [
        (
            "microservices make the whole system simpler, because each service is small",
            "microservices.microservices-vs-monolith",
        ),
    ],
)
def test_a_belief_inside_a_longer_claim_is_disagreed(text: str, source: str) -> None:
    found = svc().check(text, semantic=False)
    assert found.verdict is Verdict.DISAGREE, found.explanation
    assert found.source_id == source


def test_the_belief_is_brought_in_by_the_words_it_holds() -> None:
    book = svc().facts
    tokens = book.lexicon.clause(
        "microservices make the whole system simpler, because each service is small"
    ).tokens
    assert "microservices.microservices-vs-monolith" in book.believing(tokens)
    assert book.believing(book.lexicon.clause("the weather is nice today").tokens) == []


@pytest.mark.parametrize(
    ("text", "negated"),
    [
        ("remove returns none", False),
        ("the default is none", False),
        ("it is not none", True),
        ("none of the workers restart", True),
    ],
)
def test_pythons_none_is_a_value_not_a_negation(text: str, negated: bool) -> None:
    assert svc().facts.lexicon.clause(text).negated is negated


def test_one_clause_of_a_belief_is_enough_to_say_it() -> None:
    found = svc().check("docker on its own is an orchestrator, right?", semantic=False)
    assert found.verdict is Verdict.DISAGREE, found.explanation


# Right statements each rule once disagreed with, and the rule that now lets them be.
RIGHT = [
    # a belief that two things are "the same" isn't said without "same"
    (
        "kubectl apply is declarative and safe to re-run, while kubectl create fails if the "
        "object already exists.",
        False,
    ),
    # saying a belief's own correction is not saying the belief
    (
        "if a class only defines repr, str falls back to it, but it doesn't work the other way "
        "round",
        False,
    ),
    # sharing a belief's words without its wrong part is not the belief
    (
        "the root logger's default level is WARNING, that's why logger dot info prints nothing "
        "until you configure logging",
        False,
    ),
    # "not there" negates nothing after it; "returns none" is Python's None
    (
        "remove deletes the first item equal to the value you give and returns none, and if "
        "it's not there you get a value error",
        False,
    ),
    # a subject said as its antonym, with little of the fact's predicate, is the other thing
    (
        "pessimistic locking locks the row when you read it, so other transactions wait until "
        "you commit",
        False,
    ),
    # a negation right after another cancels it
    (
        "eventual consistency doesn't mean it never agrees, once writes stop all the replicas "
        "converge, you may just read stale data in between",
        False,
    ),
    # a word of the belief said as its antonym ("strongly" / "weakly") is not the belief
    (
        "Python is dynamically typed and also strongly typed, so adding a string and an int "
        "raises a TypeError.",
        False,
    ),
    # a belief another part of the statement denies ("it won't add a new column") is not
    # what the part sharing its words says
    (
        "db create all only makes tables that don't exist yet, it won't add a new column to a "
        "table that's already there",
        False,
    ),
    # one clause a key point holds as closely as a belief is the key point (the bank's own
    # sentences, found by bench_grade --self)
    ("A self join joins a table to itself, like employees and managers.", False),
    ("The methods list says which HTTP methods the route accepts; others get 405.", False),
    # the semantic layer compares misconceptions only (a red flag names a practice) ...
    (
        "calling time dot sleep or requests dot get inside an async def blocks the whole event "
        "loop, so every other request just sits and waits",
        True,
    ),
    # ... and never against a claim the bank says word for word (a key point of the entry)
    ("Fixtures in conftest files are shared across test files.", True),
    ("Python 3.10 added the match statement.", True),
    # ... and only with the claim's polarity
    (
        "fastapi is a thin layer over starlette and pydantic, and uvicorn is the ASGI server "
        "that actually runs it, fastapi itself doesn't open any port",
        True,
    ),
]


@pytest.mark.parametrize(("text", "semantic"), RIGHT)
def test_right_statements_are_not_disagreed(text: str, semantic: bool) -> None:
    found = svc().check(text, semantic=semantic)
    assert found.verdict is not Verdict.DISAGREE, found.explanation


# Wrong statements said in other words: a synonym ("destroys" for "deletes"), code read
# aloud ("daemon dot json"), "no real difference" for "the same", a repair restarting with
# "it" (the subject it stands for is checked).
WRONG = [
    "doing del x destroys the object right away, even if some list still holds another "
    "reference to it",
    "helm 3 talks to the API server with my own credentials, no wait, it still needs tiller "
    "running inside the cluster",
    "there's no real difference between kubectl apply and kubectl create, both do exactly the "
    "same thing",
]


@pytest.mark.parametrize("text", WRONG)
def test_wrong_statements_in_other_words_are_disagreed(text: str) -> None:
    found = svc().check(text, semantic=False)
    assert found.verdict is Verdict.DISAGREE, found.explanation


ANSWERS = [
    # a claim the checker finds saying a misconception closely makes the answer wrong
    (
        "fastapi.why-fast",
        "fastapi compiles python to C and gets around the GIL, so switching from flask will "
        "make my slow database endpoints fast",
        True,
    ),
    (
        "python.concurrent-futures",
        "ThreadPoolExecutor makes CPU-heavy code fast on all the cores, and if a task raises, "
        "the exception shows up immediately in the main thread",
        True,
    ),
    # right answers heard from speech: the belief is wrong by "only", which isn't said ...
    (
        "kubernetes.service-types",
        "ClusterIP is only reachable inside the cluster, NodePort opens a port on every node, "
        "and load balancer gets an external load balancer from the cloud.",
        False,
    ),
    # ... and "several algorithms" does not count the same thing as "one interface"
    (
        "design-patterns.strategy",
        "You have several interchangeable algorithms behind the same interface, and pick one "
        "at runtime, and in Python you can often just pass a function.",
        False,
    ),
]


ANSWERS += [
    # a belief's words over two clauses, the second about another thing: not the belief
    (
        "python.str-vs-repr",
        "repr is the developer view, and the console and a list show the repr. str is the "
        "readable one for end users, that's what print uses",
        False,
    ),
    # a clause whose subject is another of the belief's things ("inheritance is still
    # right ...") doesn't say "composition over inheritance means never use inheritance"
    (
        "design-patterns.composition-vs-inheritance",
        "inheritance models is a and reuses the parent's code, composition models has a, the "
        "object holds parts and delegates to them. we favour composition because the parts can "
        "be swapped at run time. inheritance is still right for a true is a that honours the "
        "parent's contract, framework extension points and exception hierarchies",
        False,
    ),
    # "never share one session" denies sharing, not "one session per request"
    (
        "fastapi.sqlalchemy-sessions",
        "the engine is built once per process and owns the pool, each request gets its own "
        "session from a dependency with yield, and you never share one session between requests",
        False,
    ),
]


@pytest.mark.parametrize(("entry", "text", "wrong"), ANSWERS)
def test_answers_are_wrong_only_for_what_they_say(entry: str, text: str, wrong: bool) -> None:
    g = svc().grade(entry, text, semantic=False)
    assert (g.verdict is AnswerVerdict.WRONG) is wrong, g
    assert bool(g.wrong_claims) or not wrong, g


@pytest.mark.parametrize(
    "text",
    [
        # the bank's own key points: a misconception that shares their words is not read
        # into them ("sees host CPUs" is near "returns the container's CPUs"; "receives the
        # class as cls" is near "called on an instance receives that instance as cls")
        "os.cpu_count sees host CPUs, so set worker counts explicitly or read the cgroup quota",
        "A classmethod receives the class as cls",
    ],
)
def test_a_key_point_said_word_for_word_is_agreed(text: str) -> None:
    for semantic in (False, True):
        found = svc().check(text, semantic=semantic)
        assert found.verdict is Verdict.AGREE, found.explanation


def test_a_belief_that_shares_a_key_points_words_is_still_disagreed() -> None:
    found = svc().check("the flask session cookie is encrypted so the user can't read it")
    assert found.verdict is Verdict.DISAGREE, found.explanation
    assert "readable" in found.explanation


def test_a_fragment_of_a_claim_is_never_the_banks_own_sentence() -> None:
    # "sla and slo mean the same thing" splits at "and"; its one-word first part is in
    # many key points, and must not shield the belief the whole claim states
    from viva.grade.backing import said_verbatim

    book = svc().facts
    lex = book.lexicon
    points = [f for f in book.of("system-design.availability-sla-slo") if not f.kind.negative]
    assert not said_verbatim(lex, lex.clause("the sla"), points)
    assert said_verbatim(lex, lex.clauses(points[0].text)[0], points)


def test_a_list_after_such_as_is_one_clause() -> None:
    lex = svc().facts.lexicon
    said = lex.clauses(
        "MagicMock also preconfigures special methods such as len, iteration and context managers"
    )
    assert len(said) == 1 and {"context", "iteration", "len"} <= set(said[0].tokens)
    # a comma before a connective or a pronoun still opens a clause
    assert len(lex.clauses("it supports things like len, but it can't be awaited")) == 2


def test_denying_one_item_of_a_listed_capability_is_never_agreed() -> None:
    found = svc().check(
        "MagicMock is a Mock that also sets up special methods like len and iteration, "
        "but it can't be used as a context manager"
    )
    assert found.verdict is not Verdict.AGREE, found.explanation


def test_a_negation_before_a_connective_stays_with_what_follows() -> None:
    lex = svc().facts.lexicon
    last = lex.clauses("mTLS tells you which workload is calling, not which user")[-1]
    assert last.negated and last.elliptic and "user" in last.tokens
    right = "mTLS tells you which workload is calling, not which user, so the user has to be carried separately in a token, right?"
    assert svc().check(right).verdict is not Verdict.DISAGREE


def test_a_key_point_said_short_of_a_belief_is_not_the_belief() -> None:
    right = "in pytest the code after yield in a fixture is the teardown, and it runs even if the test fails"
    wrong = "in pytest the code after yield in a fixture is skipped when the test fails"
    assert svc().check(right).verdict is not Verdict.DISAGREE
    assert svc().check(wrong).verdict is Verdict.DISAGREE
    # a key point that holds the words with more of its own doesn't back the claim
    swarm = "docker on its own is an orchestrator so i don't need anything else for many servers"
    assert svc().check(swarm).verdict is Verdict.DISAGREE


def test_two_common_words_denied_do_not_deny_a_longer_belief() -> None:
    # "can never leak memory" shares only "memory" and "leak" with "calling gc.collect()
    # after every request fixes memory leaks": it is not that belief's denial, so not right
    c = svc().check("python has a garbage collector, so a python service can never leak memory")
    assert c.verdict is not Verdict.AGREE
    assert all(p.status != "right" for p in c.claims if "leak" in p.text)


def test_a_belief_in_other_words_throughout_is_disagreed_with_the_semantic_layer() -> None:
    text = "DRY basically means no two pieces of code should ever look alike"
    c = svc().check(text, semantic=True)
    assert c.verdict is Verdict.DISAGREE
    assert c.source_id == "design-patterns.dry-kiss-yagni"
    # the words alone don't say its wrong part ("lines", "must"): lexically it isn't
    assert svc().check(text).verdict is not Verdict.DISAGREE


def test_a_negation_said_by_an_un_word_of_the_belief_is_the_same_way_round() -> None:
    """ "rows another transaction hasn't committed" are the belief's "uncommitted rows": the
    semantic layer compares them, though only one side holds a negation word."""
    wrong = (
        "if I set read uncommitted in postgres I can actually see the rows another "
        "transaction hasn't committed yet"
    )
    c = svc().check(wrong, semantic=True)
    assert c.verdict is Verdict.DISAGREE, c.explanation
    assert c.source_id == "databases.isolation-levels"
    right = "in postgres, read uncommitted still never shows you rows another transaction hasn't committed"
    assert svc().check(right, semantic=True).verdict is not Verdict.DISAGREE


def test_an_answer_that_says_a_beliefs_correction_too_is_not_stating_the_belief() -> None:
    entry = "system-design.idempotency-keys-at-scale"
    good = (
        "the client generates a unique key per logical operation, sends it in an "
        "Idempotency-Key header and reuses it on every retry"
    )
    g = svc().grade(entry, good)
    assert not g.misconceptions and g.verdict is not AnswerVerdict.WRONG
    wrong = "the client should generate a new idempotency key on every retry"
    assert svc().grade(entry, wrong).verdict is AnswerVerdict.WRONG


@pytest.mark.parametrize(
    "text",
    [
        "ModelSerializer runs model clean",
        "each app worker should run flask db upgrade",
        "docker can't build images alone",
    ],
)
def test_beliefs_a_fragment_or_another_subject_doesnt_excuse_are_disagreed(text: str) -> None:
    # found by review: the key-point exemption took a belief's own correction, a
    # three-word fragment, or a clause without the claim's subject as backing
    assert svc().check(text).verdict is Verdict.DISAGREE


def test_only_not_is_carried_to_the_next_clause() -> None:
    lex = svc().facts.lexicon
    assert not any(c.negated for c in lex.clauses("no because strings are mutable"))


def test_every_misconceptions_correction_is_found_among_its_entrys_facts() -> None:
    # a correction of two sentences is read as two facts; the wrong-part gate needs the
    # first (it was skipped for 168 of the bank's misconceptions)
    book = svc().facts
    lost = [
        f.text
        for facts in book.facts.values()
        for f in facts
        if f.kind is FactKind.MISCONCEPTION
        and f.correction
        and correction_of(f, [p for p in facts if not p.kind.negative]) is None
    ]
    assert not lost, lost[:5]


def test_a_belief_said_across_two_claims_is_found_by_the_whole_statements_meaning(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Neither claim alone is the belief "EXPLAIN ANALYZE only estimates, so it is safe to
    run on a DELETE in production"; the two together mean it (semantic layer), and saying the
    other way round is not taken for it."""
    from viva.grade import statement

    lib = svc()
    said = (
        "explain analyze only shows the planner's estimates, so it's totally safe to run it "
        "on a delete in production"
    )
    got = lib.check(said, semantic=True)
    assert got.verdict is Verdict.DISAGREE, got.explanation
    assert got.correction is not None and "executes" in got.correction
    true = "explain analyze actually runs the query, so it's not safe to run it on a delete"
    assert lib.check(true, semantic=True).verdict is not Verdict.DISAGREE
    monkeypatch.setattr(statement, "WHOLE_AT", 1.01)
    assert lib.check(said, semantic=True).verdict is not Verdict.DISAGREE


@pytest.mark.parametrize(
    "text",
    [
        # "Both can build, test, push container images and deploy, including to Kubernetes":
        # every word is there, but Kubernetes is where the images go
        "kubernetes builds container images for you",
    ],
)
@pytest.mark.parametrize("semantic", [False, True])
def test_a_thing_named_only_as_a_destination_is_not_agreed_to_act(
    text: str, semantic: bool
) -> None:
    got = svc().check(text, semantic=semantic)
    assert got.verdict is not Verdict.AGREE, got.explanation


def test_a_thing_that_acts_in_the_fact_is_still_agreed_with() -> None:
    got = svc().check("jenkins can build and push docker images")
    assert got.verdict is Verdict.AGREE, got.explanation


def test_an_answer_claim_the_belief_holds_whole_makes_it_wrong() -> None:
    """ "flask's session is encrypted" is all inside the misconception "Flask's session is
    encrypted, so ..." though it matches it at only 0.73 (the belief says more): in an
    answer it is a wrong claim, and the answer is not graded good."""
    answer = (
        "flask's session is encrypted, so I can safely keep the user's email and role in it. "
        "when a user isn't logged in you return 403 forbidden, and for passwords SHA-256 "
        "with a salt is good enough"
    )
    got = svc().grade("flask.authentication-authorization", answer, semantic=True)
    assert got.verdict is AnswerVerdict.WRONG, (got.score, got.covered)
    assert any("signed" in m for m in got.misconceptions), got.misconceptions
