"""Claims from rambling speech (viva.understand.claims) against its own dev set.

tests/data/claims.yaml pairs spoken checks with the claims they make. Rows marked
``heldout`` were written before the rules were tuned; both splits must match exactly.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import yaml

from viva.understand.claims import claims

ROWS: list[dict[str, Any]] = yaml.safe_load(
    (Path(__file__).parent / "data" / "claims.yaml").read_text()
)
SEED = Path("/work/shared/seed/learner-lines.txt")


@pytest.mark.parametrize("row", ROWS, ids=[r["text"][:40] for r in ROWS])
def test_claims_match_the_dev_set(row: dict[str, Any]) -> None:
    got = claims(row["text"])
    assert [c.text for c in got] == row["claims"]
    if "tagged" in row:
        assert [c.text for c in got if c.tagged] == row["tagged"]


def test_the_dev_set_has_a_held_out_split() -> None:
    held = [r for r in ROWS if r.get("heldout")]
    assert len(held) >= 8 and len(ROWS) - len(held) >= 25


FILLERS = ("oh", "okay", "yeah", "basically", "you know", "i mean", "sorry", "right")


def test_no_claim_starts_or_ends_with_a_filler() -> None:
    for row in ROWS:
        for c in claims(row["text"]):
            low = c.text.lower().strip(" ,")
            for f in FILLERS:
                assert not low.startswith(f + " ") and not low.endswith(" " + f), c.text


def test_self_correction_keeps_the_last_version() -> None:
    said = (
        "So the order is like first Bitbucket, then Terraform, sorry, then Docker, sorry sorry,"
        " first Bitbucket, then Docker, then Helm, right?"
    )
    assert [c.text for c in claims(said)] == [
        "the order is first Bitbucket, then Docker, then Helm"
    ]


def test_a_correction_of_the_subject_replaces_it() -> None:
    got = claims("Okay, so Redis, sorry, Memcached has no persistence, right?")
    assert [c.text for c in got] == ["Memcached has no persistence"]


@pytest.mark.parametrize(
    ("said", "kept"),
    [
        ("the pool has ten connections, sorry, five connections", "the pool has five connections"),
        ("a tuple is mutable, sorry, immutable, right?", "a tuple is immutable"),
        ("nginx is the web server, sorry, the WSGI server", "nginx is the WSGI server"),
    ],
)
def test_a_correction_without_a_verb_keeps_the_subject_and_verb(said: str, kept: str) -> None:
    assert [c.text for c in claims(said)] == [kept]


def test_a_hesitation_before_the_marker_is_part_of_it() -> None:
    got = claims("the pool has ten connections, umm no, sorry, five connections")
    assert [c.text for c in got] == ["the pool has five connections"]


def test_a_pronoun_is_resolved_for_checking_but_quoted_as_said() -> None:
    got = claims("Kubernetes restarts crashed pods. It also scales them, right?")
    assert got[1].text == "It also scales them"
    assert got[1].checkable == "Kubernetes also scales them"
    assert got[1].tagged and not got[0].tagged


def test_questions_and_requests_carry_no_claim() -> None:
    assert claims("so what does a reverse proxy do?") == []
    assert claims("can you explain it in simple words") == []
    assert claims("is gunicorn a web server?") == []
    assert claims("explain how caching works") == []
    assert claims("explain kubernetes pods to me") == []


@pytest.mark.parametrize(
    "text",
    [
        "EXPLAIN shows the plan without running the query",
        "explain analyze only estimates, it doesn't execute anything",
        "explain runs the query, right?",
    ],
)
def test_sqls_explain_as_the_subject_is_a_claim(text: str) -> None:
    said = claims(text)
    assert said and said[0].checkable.lower().startswith("explain"), said


def test_no_actually_repairs_what_came_before() -> None:
    said = claims(
        "I'd first optimise the single slowest query, no actually, I'd rank by total time"
    )
    assert [c.checkable for c in said] == ["I'd rank by total time"]


@pytest.mark.parametrize(
    ("text", "kept"),
    [
        # "wait" and "rather" as words of the claim, not markers of a repair
        (
            "the worker takes the job and does not wait for the result, it moves on",
            "the worker takes the job and does not wait for the result, it moves on",
        ),
        ("I would rather use Flask than Django here", "I would rather use Flask than Django here"),
        ("the pod restarts, wait, the container restarts", "the container restarts"),
    ],
)
def test_a_marker_word_used_in_the_claim_repairs_nothing(text: str, kept: str) -> None:
    assert ", ".join(c.text for c in claims(text)) == kept


@pytest.mark.parametrize(
    ("text", "quoted", "checked"),
    [
        (
            "helm 3 talks to the API server with my credentials, no wait, it still needs tiller",
            "it still needs tiller",
            "helm 3 still needs tiller",
        ),
        (
            "so Django is single threaded, I mean it depends on the server",
            "it depends on the server",
            "Django depends on the server",
        ),
    ],
)
def test_a_repair_restarting_with_it_keeps_what_it_stands_for(
    text: str, quoted: str, checked: str
) -> None:
    got = claims(text)
    assert [(c.text, c.checkable) for c in got] == [(quoted, checked)]


def test_no_before_a_noun_in_a_later_part_is_what_the_claim_says() -> None:
    said = claims("It calls the app directly; no server or port is involved.")
    assert [c.text for c in said] == ["It calls the app directly", "no server or port is involved"]
    # at the start of a reply, "no" is the answer word
    assert [c.text for c in claims("no jenkins builds the image")] == ["jenkins builds the image"]


@pytest.mark.parametrize(
    ("text", "kept"),
    [
        # a written "No" before a noun, no comma: a determiner, not the answer word
        ("No app context exists during import", "No app context exists during import"),
        # "as well", "runs well", "and all" inside a claim say something
        ("a workflow can deploy images as well", "a workflow can deploy images as well"),
        ("services that run well in the cloud", "services that run well in the cloud"),
        ("Any and all always return True or False", "Any and all always return True or False"),
        # ... where they trail off or open a thought they are fillers
        ("well, kubernetes restarts pods", "kubernetes restarts pods"),
        ("it caches pages and stuff", "it caches pages"),
    ],
)
def test_words_that_are_fillers_only_in_some_places(text: str, kept: str) -> None:
    assert ", ".join(c.text for c in claims(text)) == kept


def test_a_verbless_correction_keeps_the_negation_after_the_verb() -> None:
    got = claims("tuples are not immutable, sorry, hashable")
    assert [c.text for c in got] == ["tuples are not hashable"]


@pytest.mark.parametrize(
    ("said", "n"),
    [
        ("What really defines microservices is that each service owns its data", 1),
        ("What I know is that pods share a network namespace", 1),
        ("What is that thing that docker uses", 0),
        ("what is that command?", 0),
        ("What defines microservices is that each service owns its data?", 0),
        ("what happens if the file is that large", 0),
        ("what do you do when the table is that big", 0),
        ("what should I do if the connection pool is that small", 0),
    ],
)
def test_a_pseudo_cleft_puts_a_claim(said: str, n: int) -> None:
    """ "what X is that Y" states Y; "what is that ...", "what happens if ... is that large"
    and anything asked still ask."""
    assert len(claims(said)) == n


def test_a_pseudo_cleft_is_checked_by_its_claim() -> None:
    """The frame is not the claim: a false claim after "is that" is answered "No"."""
    from tests.test_grade import svc

    said = "What makes docker containers slow is that each one boots its own kernel"
    assert [c.text for c in claims(said)] == ["each one boots its own kernel"]
    assert svc().check(said).verdict.value == "disagree"


def test_a_contracted_pronoun_and_verb_starts_a_new_claim() -> None:
    """ "it's" is "it is": after "and" it starts a claim of its own, as "it is" does."""
    for be in ("it's", "it is"):
        got = claims(f"makemigrations applies them, and {be} fine to edit a migration after it ran")
        assert got[0].text == "makemigrations applies them", got
        assert len(got) == 2


def test_a_long_opening_before_a_comma_is_no_topic() -> None:
    """ "in case of Jenkins, it ..." sets a topic; a whole clause opened by "in" before a
    comma is a claim, whatever follows the comma."""
    said = "In PostgreSQL the default level is repeatable read, same as in MySQL"
    assert [c.text for c in claims(said)] == [said]


@pytest.mark.parametrize(
    ("said", "kept"),
    [
        ("prefetch_related doesn't do a join like select_related does", "like select_related does"),
        ("the CPU limit doesn't kill it like memory does", "like memory does"),
    ],
)
def test_like_before_a_compared_thing_and_its_verb_is_kept(said: str, kept: str) -> None:
    assert kept in claims(said)[0].text


def test_like_between_pauses_is_still_a_filler() -> None:
    assert claims("it is like, really fast")[0].text == "it is really fast"


def test_a_pronoun_said_of_something_is_a_claim() -> None:
    """ "they are encrypted" says something of what "they" stands for; "it is fine" only
    answers back."""
    got = claims("secrets are not base64, they are encrypted")
    assert [c.checkable for c in got] == ["secrets are not base64", "secrets are encrypted"]
    assert [c.text for c in claims("lists are mutable. it is fine")] == ["lists are mutable"]


@pytest.mark.parametrize(
    ("said", "reason"),
    [
        ("tuples are hashable because they're mutable", "tuples are mutable"),
        (
            "the HPA adds pods in a spike, because it talks to the kubelets",
            "the HPA talks to the kubelets",
        ),
    ],
)
def test_a_reason_said_of_the_same_thing_is_a_claim_of_its_own(said: str, reason: str) -> None:
    got = claims(said)
    assert len(got) == 2, got
    assert got[1].checkable.lower() == reason.lower()


def test_a_reason_about_something_else_stays_in_its_claim() -> None:
    """Only a reason led by "it"/"they" is cut off: one about another thing may only make
    sense with its claim ("... even at read committed, because the database applies it")."""
    said = "any tuple can be a dict key because tuples are immutable"
    assert [c.text for c in claims(said)] == [said]
    # nor a reason only mentioned: "just because it's unhealthy" asserts no reason
    said = "plain Docker doesn't restart a container just because it's unhealthy"
    assert [c.text for c in claims(said)] == [said]
