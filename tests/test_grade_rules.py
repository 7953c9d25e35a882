"""Grader rules, one behaviour each: a key point said the other way round, a product name as
context, a predicate said after its term, passives, steps in the wrong order, and verdicts
that do not depend on the process's hash seed."""

from __future__ import annotations

import json

import pytest

from tests.conftest import run_viva
from tests.test_grade import svc
from viva.grade.check import conflicts
from viva.grade.judge import Status, judge
from viva.grade.model import AnswerVerdict, Verdict


@pytest.mark.parametrize(
    "said",
    [
        # the overview entry's prose ("which are mutable, lists versus tuples") and a fact
        # about tuples held these words scattered; the key point says them the other way
        "so a Python list is immutable, right?",
        # "Python" before the noun is context: the subject is the tuple
        "a python tuple is mutable",
        "a docker container has its own kernel",
    ],
)
def test_a_key_point_said_the_other_way_round_is_not_agreed(said: str) -> None:
    got = svc().check(said)
    assert got.verdict is Verdict.DISAGREE, (got.verdict, got.explanation)


@pytest.mark.parametrize(
    "said",
    [
        # the fact says the predicate in the clause after the term ("OLTP (online transaction
        # processing) serves the application with many small fast transactions")
        "umm OLAP is what serves the application with lots of small quick transactions, "
        "and OLTP is for the big analytical scans in the warehouse",
        "repr is the friendly one for the end users, and str is the developer view",
    ],
)
def test_a_predicate_said_after_the_term_is_still_the_terms(said: str) -> None:
    assert svc().check(said).verdict is Verdict.DISAGREE


def test_a_passive_naming_one_compared_thing_is_not_read_as_its_role() -> None:
    """The agent of a passive does the work: MVC's controller job is done by Django's view."""
    said = "the controller's job in MVC is done by Django's view function"
    assert svc().check(said).verdict is not Verdict.DISAGREE


@pytest.mark.slow
def test_the_verdict_does_not_depend_on_the_hash_seed() -> None:
    """Candidate entries were ranked by float sums taken in set order: the same statement
    got 'disagree' in one process and 'partly' in another."""
    said = "oauth2 password bearer validates the token for me, i don't need anything else"
    got = {
        json.loads(
            run_viva("check", said, "--json", env={"PYTHONHASHSEED": seed}, process=True).stdout
        )["verdict"]
        for seed in ("1", "3", "11")
    }
    assert len(got) == 1, got


# (what is said, the reply's words for the rule, whether the rule finds it wrong)
ORDER_AND_SCOPE = [
    ("okay so you drop the old column first and then deploy the new code", "wrong order", True),
    # the same steps in the bank's order
    (
        "first deploy code that no longer uses the column, then drop the column",
        "wrong order",
        False,
    ),
    # "before" in a name, under an "if": not a sequence
    ("if a before request function returns a response, the view is skipped", "wrong order", False),
    (
        "with depends fastapi creates the dependency once at start up and reuses it for every request",
        "how often",
        True,
    ),
    ("fastapi calls the dependency again for every request", "how often", False),
    ("django builds the middleware once per process at startup", "how often", False),
]


@pytest.mark.parametrize(("said", "reason", "wrong"), ORDER_AND_SCOPE)
def test_order_and_scope_are_called_wrong_only_when_they_are(
    said: str, reason: str, wrong: bool
) -> None:
    got = svc().check(said)
    assert (reason in got.explanation) is wrong, got.explanation
    if wrong:
        assert got.verdict is Verdict.DISAGREE, got.explanation


def test_a_claim_about_both_compared_things_is_not_a_role_swap() -> None:
    said = "both github actions and jenkins can build an image, push it to a registry"
    got = svc().check(said)
    assert got.verdict is not Verdict.DISAGREE, got.explanation


def test_an_antonym_subject_and_a_negation_can_cancel() -> None:
    """Not pessimistic and not locked is what the bank says of optimistic locking."""
    got = svc().check("with optimistic locking nothing is locked while you read")
    assert got.verdict is not Verdict.DISAGREE, got.explanation
    assert svc().check("with optimistic locking rows are locked on read").verdict is not (
        Verdict.AGREE
    )


SWAPPED = (
    "kafka routes messages through exchanges to queues and deletes them once a consumer "
    "acknowledges, and rabbitmq is the partitioned log that keeps records for replay"
)


def test_a_key_point_said_of_the_other_compared_thing_is_not_credited() -> None:
    """ "Kafka" names "Apache Kafka"; the log said of RabbitMQ is not Kafka's point."""
    got = svc().grade("microservices.kafka-vs-rabbitmq", SWAPPED)
    assert got.verdict.value == "wrong", got
    assert not any(p.startswith(("Kafka is a partitioned", "RabbitMQ routes")) for p in got.covered)


def test_the_same_words_with_the_right_roles_are_credited() -> None:
    right = (
        SWAPPED.replace("kafka", "KAFKA").replace("rabbitmq", "kafka").replace("KAFKA", "rabbitmq")
    )
    got = svc().grade("microservices.kafka-vs-rabbitmq", right)
    assert any(p.startswith("Kafka is a partitioned") for p in got.covered), got
    assert any(p.startswith("RabbitMQ routes") for p in got.covered), got


def test_two_claims_that_trade_what_the_bank_says_of_two_things_are_both_wrong() -> None:
    found = svc().check(
        "a normal view stores the result like a table, and a materialised view is the one "
        "that runs the query fresh every time you read it"
    )
    assert found.verdict is Verdict.DISAGREE, found.explanation
    assert "roles the wrong way round" in found.explanation
    # each claim is corrected with what the bank says of the thing it named
    assert [p.status for p in found.claims] == ["wrong", "wrong"]
    right = svc().check(
        "a view runs its query on every read, and a materialised view stores the result "
        "like a table"
    )
    assert right.verdict is Verdict.AGREE, right.explanation


def test_two_things_set_side_by_side_in_one_fact_are_not_mixed_up() -> None:
    # kubernetes.kubectl-basics has no compare list: the fact's own clauses, each "X is ...",
    # say which thing is which
    lib = svc()
    for wrong in ("apply is imperative", "create is declarative"):
        c = lib.check(wrong)
        assert c.verdict is Verdict.DISAGREE, wrong
        assert c.source_id == "kubernetes.kubectl-basics"
    assert lib.check("apply is declarative").verdict is Verdict.AGREE
    assert lib.check("create is imperative").verdict is not Verdict.DISAGREE


def test_a_two_word_fragment_is_no_ones_opposite_unless_it_names_the_thing() -> None:
    said = (
        "in fastapi the engine owns the connection pool so you make it just once, and the "
        "dependency gives every request its own session, rolls back if something blows up"
    )
    c = svc().check(said)
    assert c.verdict is not Verdict.DISAGREE
    assert all(p.status != "wrong" for p in c.claims), c.claims
    # with the thing named, the opposite is still caught
    wrong = "an email or message can be rolled back if the transaction fails"
    assert svc().check(wrong).verdict is Verdict.DISAGREE


def test_a_bare_noun_phrase_is_nobodys_opposite() -> None:
    # a speech recogniser's "a virtual machine and it's so operating system" (for "its own
    # operating system") leaves a bare "operating system": it says nothing against "no
    # operating system boots", so the answer is thin, not wrong
    heard = (
        "A container shares the host kernel while a virtual machine and it's so operating system."
    )
    g = svc().grade("docker.container-vs-vm", heard)
    assert not g.wrong_claims and g.verdict is not AnswerVerdict.WRONG
    assert svc().check("tuples are mutable").verdict is Verdict.DISAGREE


def test_a_count_is_compared_occurrence_by_occurrence() -> None:
    """ "single responsibility ... only one method" counts two things: the correction's "many
    methods" is against the second, though the first "one" counts the responsibility (only
    the first occurrence was compared, so the belief read as a true part and was agreed)."""
    lex = svc().facts.lexicon
    belief = lex.clause("Single responsibility means a class should have only one method")
    fix = lex.clause("a cohesive class can have many methods serving the same responsibility")
    assert "one" in conflicts(belief, fix)
    # one thread against many processes: each side counts something else
    assert "one" not in conflicts(lex.clause("one thread runs"), lex.clause("many processes run"))
    got = svc().check("single responsibility means a class should only have one method")
    assert got.verdict is Verdict.DISAGREE, got.explanation


def test_a_prevention_reaches_its_object_only() -> None:
    """ "Prevent stampedes with a lock" says nothing against the lock: a preposition of means
    or a pronoun subject ends what a prevention reaches (a good caching answer saying "to
    prevent a stampede you use a lock" was graded wrong against that key point). "stop" is
    no prevention: "to stop processing" halts something, "docker stop" is a name."""
    lex = svc().facts.lexicon

    def signs(text: str) -> dict[str, bool]:
        c = lex.clause(text)
        return dict(zip(c.tokens, c.signs, strict=True))

    assert signs("prevent stampedes with a lock")["lock"] is False
    said = signs("to prevent a stampede you use a lock")
    assert said["stamped"] is True and said["lock"] is False
    assert signs("it prevents cascading failures")["failur"] is True
    assert signs("gc.disable only stops the cycle collector")["cycl"] is False
    assert signs("docker stop sends sigterm")["sigterm"] is False
    said = "raise httpexception to stop processing and return json with the detail"
    assert svc().check(said).verdict is not Verdict.DISAGREE
    g = svc().grade(
        "databases.caching-with-redis",
        "cache aside, you read from redis, on a miss you load from the database and store it "
        "with a ttl. on writes you update the database and then delete the key after commit. "
        "ttls should have jitter so keys don't all expire together. to prevent a stampede you "
        "use a lock or single flight or refresh early",
    )
    assert not g.misconceptions and g.verdict is not AnswerVerdict.WRONG


def test_a_belief_that_is_not_the_closest_is_still_found() -> None:
    """ "orchestration is on top of ci cd" is closest to "CI/CD and orchestration are the same
    thing", whose wrong part ("same") it doesn't say; the runner-up, "Orchestration sits on
    top of CI/CD", is the belief it states (only the closest was tried, and a fallback rule
    had to catch it)."""
    # a belief as close that the claim denies ends the search: "can produce a different
    # image" denies "rebuilding from the same commit produces the same image", so the red
    # flag just behind it ("rebuild images separately for each environment") is not tried
    true = "rebuilding an image for each environment can produce a different image"
    assert svc().check(true).verdict is not Verdict.DISAGREE
    book = svc().facts
    facts = list(book.of("cicd.cicd-vs-orchestration"))
    got = judge(book, "orchestration is on top of ci cd", "orchestration is on top of ci cd", facts)
    assert got.status is Status.WRONG and got.why == "misconception", got
    assert got.fact is not None and got.fact.text.startswith("Orchestration sits on top")


def test_two_compared_things_traded_in_one_clause_are_both_wrong() -> None:
    """The clause cutter cuts at "and" only before a thing the whole bank names; args and
    kwargs are compared by their entry alone, so "... and kwargs collects ..." stayed one
    clause and its traded roles were "partly"."""
    traded = "star args collects the keyword arguments into a dict and kwargs collects the positional ones into a list"
    assert svc().check(traded).verdict is Verdict.DISAGREE
    right = "star args collects the positional arguments into a tuple and kwargs collects the keyword ones into a dict"
    assert svc().check(right).verdict is not Verdict.DISAGREE


def test_an_answer_trading_roles_across_two_claims_is_wrong() -> None:
    """As the checker reads two claims in a row: a Service that keeps Pods running and a
    Deployment that gives them a stable address trade their roles."""
    entry = "kubernetes.pods-deployments-services"
    traded = svc().grade(
        entry,
        "the service keeps the right number of pods running and "
        "rolls out new versions, and the deployment gives the pods one stable address and "
        "load balances between them",
    )
    assert traded.verdict is AnswerVerdict.WRONG and traded.wrong_claims
    right = svc().grade(
        entry,
        "the deployment keeps the right number of pods running and "
        "rolls out new versions, and the service gives the pods one stable address and "
        "load balances between them",
    )
    assert right.verdict is not AnswerVerdict.WRONG and not right.wrong_claims


# (statement, whether it is disagreed): each narrowed rule with a true statement it no longer
# disagrees with and, where one exists, a false one it still catches
NARROWED = [
    # roles: a belief about the readiness probe is not what a claim about liveness says
    ("kubernetes restarts a container when its liveness probe fails", False),
    ("kubernetes restarts a container when its readiness probe fails", True),
    # ... and only where the bank says the claim of its own thing (it says no such thing of
    # the startup probe; independent review)
    ("Kubernetes restarts the container as soon as its startup probe succeeds", True),
    # roles: "cache_page" is one name, "page" no verb the belief gives it
    ("cache_page keys on the whole URL including the query string", False),
    # roles: "paths are joined ..." is no clause about os.path
    ("with pathlib you join folders using the slash operator", False),
    # steps: "first in ..." ends no step, so this is one step, in the bank's order
    ("put the equality columns first in a composite index", False),
    # steps: two words of one step are no order ("copy and install requirements")
    ("copy requirements and pip install before you copy the code", False),
    ("copy the code first and then install the requirements", True),
    ("drop the old column first and then deploy the new code", True),
    # steps: "a first guess", "the first parameter" are no steps
    ("two times cores plus one is just a first guess", False),
    ("python passes the object as the first parameter, which by convention we call self", False),
    # steps: "the last seen id" is no step either
    ("for the feed you paginate with a cursor, the last seen id, not with offset", False),
    # negations: a "not" that denied a verb ends at a modal; preempting is not denied
    (
        "with a PriorityClass, a high-priority pod that doesn't fit can preempt lower-priority pods",
        False,
    ),
    # steps: "the first step" is a step (independent review)
    ("the first step is to drop the old column, and the next step is to deploy the new code", True),
    # scopes: each belongs to the words before it
    ("one engine per process and one session per request", False),
    ("one session per process and one engine per request", True),
    # denials: "need" weighs little, the belief said back with a negation is still denied
    ("so the Decorator pattern doesn't need to inherit from the class it decorates", False),
    # denials: a fact of another entry said the other way round doesn't undo the denial
    ("the middleware __init__ doesn't run on every request, it runs once per process", False),
    ("so setting TESTING to True doesn't make Flask use a test database automatically", False),
    # denied actions: the thing acted on must be the fact's, or an ability denied meets one
    # granted ("FastAPI is built on Starlette"; "Python supports ... inheritance")
    ("fastapi is not built on top of flask", False),
    ("python doesn't support method overloading", False),
    ("with github actions you cannot deploy a container", True),
]


@pytest.mark.parametrize(("said", "wrong"), NARROWED)
def test_a_narrowed_rule_reads_what_is_said(said: str, wrong: bool) -> None:
    got = svc().check(said)
    assert (got.verdict is Verdict.DISAGREE) is wrong, (got.verdict, got.explanation)


def test_an_error_thrown_is_an_error_raised() -> None:
    got = svc().check("calling next on an exhausted iterator throws StopIteration")
    assert got.verdict is Verdict.AGREE, (got.verdict, got.explanation)


def test_more_than_one_is_several_not_one() -> None:
    """ "more than one version" is the bank's "several versions", not a quantity of one."""
    got = svc().check("with MVCC the database holds on to more than one version of a row")
    assert got.verdict is not Verdict.DISAGREE, (got.verdict, got.explanation)
    said = "more than one thread runs python bytecode at a time"
    assert svc().check(said).verdict is Verdict.DISAGREE


@pytest.mark.parametrize(
    ("said", "raised"),
    [
        ("catch specific exceptions, and never silence errors with except: pass", False),
        ("catch specific exceptions and don't swallow errors with except Exception pass", False),
        ("catch specific exceptions, and avoid except: pass", False),
        ("for errors you cannot handle just write except: pass so the program keeps running", True),
        ("I just write except: pass everywhere", True),
    ],
)
def test_a_red_flag_advised_against_is_not_raised(said: str, raised: bool) -> None:
    """A red flag names a practice: "never do X with it" advises against it; a negation of
    something else in the sentence ("errors you cannot handle") doesn't."""
    g = svc().grade("python.exceptions-design", said)
    assert bool(g.red_flags) is raised, g.red_flags


def test_a_red_flag_praised_with_a_negation_is_still_raised() -> None:
    """ "you never get problems by storing prices as floats" praises the practice."""
    g = svc().grade(
        "python.float-precision-decimal", "You never get real problems by storing prices as floats."
    )
    assert g.red_flags


def test_a_fact_saying_a_shared_word_the_other_way_backs_loosely_at_most() -> None:
    """ "calling a generator function runs it" holds every word of "calling it returns a
    generator object without running the body", one the other way round: not "Yes"."""
    assert svc().check("calling a generator function runs it").verdict is not Verdict.AGREE
    right = "calling a generator function returns a generator object without running its body"
    assert svc().check(right).verdict is Verdict.AGREE


def test_a_clause_without_a_subject_goes_on_about_the_one_before() -> None:
    """ "with ... synchronous code by default" is said of Flask, the subject of the clause
    before it, so "Flask is asynchronous by default" says that fact the other way round
    (and isn't partly confirmed by it); the right way round it is agreed with."""
    from viva.grade.check import align

    lib = svc()
    lex = lib.facts.lexicon
    fact = next(
        f for f in lib.facts.of("fastapi.what-is-fastapi") if f.text.startswith("Flask is smaller")
    )
    assert align(lex, lex.clauses("flask is asynchronous by default")[0], fact).contradicts
    assert not align(lex, lex.clauses("flask is synchronous by default")[0], fact).contradicts
    assert lib.check("flask is asynchronous by default").verdict is not Verdict.PARTLY
    assert lib.check("flask is synchronous by default").verdict is Verdict.AGREE


def test_what_a_fact_rules_out_does_not_back_a_claim() -> None:
    """ "TESTING=True makes unhandled exceptions propagate into the test instead of turning
    into a 500 page": the words after "instead of" are what the fact denies, so a claim made
    of them is not agreed with; the fact's own claim still is."""
    wrong = svc().check("setting TESTING to true turns unhandled exceptions into a 500 page")
    assert wrong.verdict is not Verdict.AGREE, wrong.explanation
    right = svc().check(
        "with TESTING true, unhandled exceptions propagate into the test instead of turning "
        "into a 500 page"
    )
    assert right.verdict is Verdict.AGREE, right.explanation


def test_a_definition_after_is_when_is_said_of_its_subject() -> None:
    """ "a phantom read is when you read the same row twice ... and get a different value"
    gives the phantom read the non-repeatable read's definition. Cut at "when", its first
    part ("a phantom read is") was backed by a list of the anomalies' names and the rest by
    the non-repeatable read's sentence, so it was agreed with; read whole, it is not."""
    said = (
        "a phantom read is when you read the same row twice in one transaction and get a "
        "different value because someone committed in between"
    )
    clauses = svc().facts.lexicon.clauses(said)
    assert clauses[0].text.startswith("a phantom read is when you read the same row twice")
    assert svc().check(said).verdict is not Verdict.AGREE
    # "when" still cuts where it is no definition
    assert len(svc().facts.lexicon.clauses("the pod restarts when the probe fails")) == 2


@pytest.mark.parametrize(
    "said",
    [
        # named after "into" or "for" in the fact, and what the claim is about
        "volumes are mounted into the container",
        "kubernetes has a package manager called helm",
        # the claim holds its own negation: it speaks of what the fact rules out
        "without slots, python stores attributes in a per-instance dictionary",
        # a prose sentence whose second clause is led by "it" is still about Jenkins
        "jenkins is software you run",
        # a negated relation denies the relation, not "performance" after it
        "Scalability isn't the same as performance",
    ],
)
def test_true_statements_near_the_narrow_rules_are_still_agreed_with(said: str) -> None:
    got = svc().check(said)
    assert got.verdict is Verdict.AGREE, got.explanation


def test_a_belief_about_a_things_attribute_is_said_by_naming_the_thing() -> None:
    """ "PostgreSQL's default isolation level is repeatable read, like MySQL" is about
    PostgreSQL: a claim that names PostgreSQL and its default says it, though it never says
    "isolation level" (the word the belief's subject was once taken from)."""
    for said in (
        "postgres uses repeatable read by default, same as mysql",
        "In PostgreSQL the default level is repeatable read, same as in MySQL",
    ):
        got = svc().check(said)
        assert got.verdict is Verdict.DISAGREE, got.explanation
        assert "read committed" in got.explanation
    assert svc().check("postgres defaults to read committed").verdict is Verdict.AGREE


def test_a_claim_the_checker_finds_wrong_but_the_grader_does_not_count_may_trade_roles() -> None:
    """ "migrate writes the migration files and makemigrations applies them" gives each
    command the other's job. The second claim is near a belief (0.69, under the answer's
    bar), which once left the pair out of the trade reading: the answer was graded good."""
    got = svc().grade(
        "django.migrations",
        "migrate is the command that writes the migration files and makemigrations applies "
        "them to the database, and it's fine to edit a migration after it has run in production",
    )
    assert got.verdict is AnswerVerdict.WRONG
    assert any("makemigrations applies" in said for said, _fix in got.wrong_claims)


@pytest.mark.parametrize(
    "said",
    [
        "the response comes back from top to bottom",
        "in django the request goes through middleware from bottom to top",
    ],
)
def test_a_direction_said_the_other_way_round_is_disagreed(said: str) -> None:
    """Every word of "responses go top to bottom" is in "requests go through MIDDLEWARE top
    to bottom and responses come back bottom to top": only the order of the two ends tells
    them apart, read for the thing each stretch is about."""
    got = svc().check(said)
    assert got.verdict is Verdict.DISAGREE, got.explanation
    assert "other way round" in got.explanation
    right = svc().check(
        "requests go through middleware top to bottom and responses come back bottom to top"
    )
    assert right.verdict is Verdict.AGREE, right.explanation


@pytest.mark.parametrize(
    ("wrong", "quoted", "right"),
    [
        # the fact's stretch ("caches the module before running its code top to bottom")
        # leads with another word, and no fact says "bottom to top" of anything
        (
            "Import runs the module's code bottom to top",
            "other way round",
            "Import runs the module's code top to bottom",
        ),
        # "UNION removes all duplicate rows" is about UNION; its "all" doesn't make it about
        # UNION ALL too, so "UNION ALL removes duplicates" gives UNION's role away
        (
            "UNION ALL is faster than UNION because it removes duplicates",
            "it removes duplicates",
            "UNION ALL keeps duplicates and UNION removes them",
        ),
    ],
)
def test_said_the_wrong_way_round_and_the_right_way(wrong: str, quoted: str, right: str) -> None:
    got = svc().check(wrong)
    assert got.verdict is Verdict.DISAGREE, got.explanation
    assert quoted in got.explanation
    ok = svc().check(right)
    assert ok.verdict is Verdict.AGREE, ok.explanation


@pytest.mark.parametrize(
    "said",
    [
        # the claim says the other way round of something else too
        "Python checks the except clauses top to bottom, and you read the traceback bottom to top",
        "store a mapping from code to URL and from URL to code to avoid duplicates",
        # the fact holds "stdout" and "log" (the two ends), little else of the stretch
        "in containers, apps write structured logs to stdout and the platform ships stdout to "
        "the log store",
    ],
)
def test_a_direction_in_other_words_needs_the_rest_of_its_stretch(said: str) -> None:
    """The fallback reading of a reversed direction (no fact says "A to B" of anything) is
    no reading at all when the claim itself also says "B to A", and it weighs the words of
    the claim's stretch without its two ends, which every fact saying "B to A" holds."""
    got = svc().check(said)
    assert got.verdict is not Verdict.DISAGREE, got.explanation


def test_two_clauses_trading_what_the_bank_says_of_the_things_they_open_with() -> None:
    """The entry lists no compared pair for the normal forms; the two clauses open with
    "second" and "third", and each says what the bank says of the other."""
    got = svc().check(
        "Second normal form says no non-key column depends on another non-key column, and "
        "third says nothing depends on just part of a composite key."
    )
    assert got.verdict is Verdict.DISAGREE, got.explanation
    right = svc().check(
        "Second normal form says no column depends on only part of a composite key, and "
        "third says no column depends on another non-key column."
    )
    assert right.verdict is not Verdict.DISAGREE, right.explanation


def test_a_claim_a_key_point_states_of_its_subject_trades_no_roles() -> None:
    """The Compose entry compares Compose with Kubernetes and says Compose runs the
    containers of an app; many key points say Kubernetes runs containers. The learner's "so
    kubernetes is what runs the containers" is right, and was answered "No - the roles the
    wrong way round"."""
    got = svc().check(
        "so CI/CD means the pipeline builds and tests every change, and kubernetes is what "
        "runs the containers, right?"
    )
    assert got.verdict is not Verdict.DISAGREE, got.explanation
    assert svc().check("kubernetes is what runs the containers").verdict is Verdict.AGREE
    # the trade reading still applies where no key point says it of the thing named
    wrong = svc().check("a bind mount is the storage docker manages for you")
    assert wrong.verdict is Verdict.DISAGREE, wrong.explanation


def test_a_belief_wrong_by_its_condition_is_not_said_under_another_condition() -> None:
    """ "When a readiness probe fails, Kubernetes restarts the container" is wrong by its
    condition; "kubernetes restarts containers when they crash" gives the action another
    condition and is right. Said with the belief's condition, it is still "No"."""
    right = svc().check("kubernetes restarts containers when they crash")
    assert right.verdict is not Verdict.DISAGREE, right.explanation
    wrong = svc().check("so when the readiness probe fails, kubernetes restarts the container")
    assert wrong.verdict is Verdict.DISAGREE, wrong.explanation


@pytest.mark.parametrize(
    "said",
    [
        # the bank's clause names both compared things; its part about the template is not
        # a statement about the view
        "Django's template is closer to an MVC controller and the view to an MVC template",
        # beliefs wrong by their main clause, said under another condition
        "Django picks up the models automatically when the app folder is created",
        "Kubernetes moves the pod to a different node when the app dies",
        # one clause of a belief said whole, or a belief said with the correction's spelling
        "querysets are cached globally",
        "a materialized view updates itself whenever rows are inserted into the underlying tables",
    ],
)
def test_false_statements_the_second_review_found_stay_disagreed(said: str) -> None:
    """Found by the independent review of the eleventh pass's precision rules (each became
    "Partly" or "Yes" under their first version); with the semantic layer and without."""
    for semantic in (False, True):
        got = svc().check(said, semantic=semantic)
        assert got.verdict is Verdict.DISAGREE, (semantic, got.explanation)


def test_a_count_alone_does_not_deny_a_belief() -> None:
    """ "A singleton gives you one instance for the whole application, even with several
    workers" is read with "several" as "not one"; "a singleton gives you one instance across
    all the gunicorn workers" says the belief, and was answered "Yes" as its denial."""
    for semantic in (False, True):
        got = svc().check(
            "a singleton gives you one instance across all the gunicorn workers, yeah?",
            semantic=semantic,
        )
        assert got.verdict is not Verdict.AGREE, (semantic, got.explanation)


def test_a_claim_closer_in_meaning_to_the_correction_is_not_the_belief() -> None:
    """ "an index makes reads faster but writes slower" shares "make" and "faster" with "more
    indexes always make the database faster", but it reads as the correction ("each index
    speeds some reads but slows every write"): with the semantic layer it is not "No". The
    belief itself still is."""
    right = svc().check("an index makes reads faster but writes slower", semantic=True)
    assert right.verdict is not Verdict.DISAGREE, right.explanation
    wrong = svc().check("more indexes always make the database faster", semantic=True)
    assert wrong.verdict is Verdict.DISAGREE, wrong.explanation


@pytest.mark.parametrize(
    "said",
    [
        # the claim denies the belief in words of its own ("throw out" for "evict")
        "adding a NoSchedule taint doesn't throw out the Pods already running on that node",
        # a condition of the claim and of the belief is not what either asserts
        "map doesn't throw an error when the iterables have different lengths, right?",
        # a scene ("in a canary release") names no actor
        "In a canary release the pipeline moves traffic to the new version a little at a time",
        # the negation reaches "just": the claim grants opening the port
        "NodePort doesn't open the port just on the node where the pod is running",
        # "separate" is said by its antonym ("shared"), but the belief has no such word: the
        # negation still denies "every project needs its own Jenkins server"
        "you don't need a separate Jenkins server for every project",
        # a claim denying a belief in its own words is not matched by meaning to another one
        "NoSQL doesn't always scale better than SQL",
        # "not every" says some are refused, not that it can't accept any
        "a Flask route doesn't accept every HTTP method unless you restrict it",
        # its "if" clause holds most of the belief's words, but the claim denies the belief
        "if you install a package inside a running container, the image doesn't get it",
    ],
)
def test_true_statements_with_denials_and_asides_are_not_disagreed(said: str) -> None:
    got = svc().check(said)
    assert got.verdict is not Verdict.DISAGREE, got.explanation


def test_a_reason_in_a_belief_is_still_the_belief() -> None:
    """ "You should use tuples everywhere because they are much faster than lists": the
    "because" clause is asserted, not a condition, so "tuples are much faster" says it."""
    got = svc().check("tuples are much faster, so just use them everywhere")
    assert got.verdict is Verdict.DISAGREE, got.explanation


def test_not_just_denies_only() -> None:
    """ "not just base64" denies what "Secret values are only base64-encoded" says (the
    qualifiers are alike, so the negation is not read as granting the verb), and "they are
    encrypted" after it is a claim of its own: the statement was once agreed with."""
    from viva.grade.qualified import denies_qualifier

    lex = svc().facts.lexicon
    clause = lex.clauses("secrets are not just base64")[0]
    assert not denies_qualifier(clause, "Secret values are only base64-encoded")
    assert denies_qualifier(clause, "Secret values are base64-encoded")
    got = svc().check("kubernetes secrets are not just base64, they are encrypted")
    assert got.verdict is Verdict.DISAGREE, got.explanation


def test_a_longer_claim_denies_a_belief_at_its_asserted_clause() -> None:
    """ "once TLS is terminated at the load balancer, the rest of the path is not
    automatically encrypted": the condition shares most words with "Once TLS is terminated
    at the load balancer, the whole path is encrypted end to end" but asserts nothing, so the
    whole claim is read at its negated clause and denies the belief."""
    from viva.grade.belief import denies_by_polarity

    book = svc().facts
    lex = book.lexicon
    said = "once TLS is terminated at the load balancer, the rest of the path is not encrypted"
    belief = next(f for f in book.of("deployment.tls-termination") if f.text.startswith("Once TLS"))
    clauses = lex.clauses(said)
    assert len(clauses) == 2
    assert denies_by_polarity(lex, lex.clause(said), clauses, belief)
    # the belief said back, not negated, is no denial
    same = "once TLS is terminated at the load balancer, the whole path is encrypted"
    assert not denies_by_polarity(lex, lex.clause(same), lex.clauses(same), belief)


@pytest.mark.parametrize(
    "said",
    [
        # a comparison under a negation usually means "unlike B": not a qualifier
        "UNION doesn't remove duplicates like UNION ALL does",
        "Threads don't share memory like processes do",
        # "all" under a negation denies a universal the fact states
        "A transaction doesn't roll back all of its changes when it fails",
        # "never slower" is "always faster": the belief's way round, not its denial
        "async def endpoints are never slower than def endpoints",
    ],
)
def test_false_statements_the_review_found_are_not_agreed(said: str) -> None:
    """Found by the independent review of the ninth pass: each was "Yes" or "Partly"."""
    got = svc().check(said)
    assert got.verdict is Verdict.DISAGREE, got.explanation


@pytest.mark.parametrize(
    "said",
    [
        # a condition ("if traffic is one-way server to client") states no direction
        "In a WebSocket, traffic flows from client to server too",
        # a range of numbers reads either way
        "CPython pre-creates the integers from 256 to -5",
        # an analogy ("pages three to six") is no direction of the thing
        "Slicing with a negative step walks from 6 to 3",
    ],
)
def test_true_statements_near_the_direction_rule_are_not_disagreed(said: str) -> None:
    got = svc().check(said)
    assert got.verdict is not Verdict.DISAGREE, got.explanation


@pytest.mark.parametrize(
    "said", ["Tuples are hashable because they're mutable", "Redis is fast because it's on disk"]
)
def test_a_false_reason_is_not_agreed(said: str) -> None:
    """The reason is checked as a claim of its own, and its correction is given."""
    got = svc().check(said)
    assert got.verdict is Verdict.DISAGREE, got.explanation
    assert any(c.status == "wrong" for c in got.claims), got.claims


def test_not_every_and_a_condition_leave_false_statements_refused() -> None:
    """The narrowed rules still refuse what is false: an ability denied, and the belief
    said after the same "if" clause ("not all" where the fact says "all" is in the review's
    table above)."""
    for said in (
        "with GitHub you can't deploy a container",
        "if you install a package inside a running container, the image gets it too",
    ):
        assert svc().check(said).verdict is Verdict.DISAGREE, said
