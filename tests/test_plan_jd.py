"""Job description -> requirements, on 17 job ads written for these tests (tests/data/jd)."""

from __future__ import annotations

from pathlib import Path

import pytest

from viva.app.library import Library
from viva.bank.model import Bank, Level
from viva.plan.jd import extract, level_of, looks_like_jd
from viva.plan.model import Requirements

JD = Path(__file__).resolve().parent / "data" / "jd"


@pytest.fixture(scope="module")
def bank() -> Bank:
    return Library().bank


def reqs(bank: Bank, name: str) -> Requirements:
    return extract((JD / name).read_text(encoding="utf-8"), bank)


def topics(r: Requirements) -> set[str]:
    return set(r.topics())


def subs(r: Requirements) -> set[tuple[str, str | None]]:
    return {(i.topic, i.subtopic) for i in r.items if i.subtopic}


# name -> (topics that must be found, topics that must not, level, unknown skills expected)
CASES: dict[str, tuple[set[str], set[str], Level | None, set[str]]] = {
    "founding-learner.txt": (
        {
            "design-patterns",
            "system-design",
            "microservices",
            "python",
            "django",
            "flask",
            "fastapi",
        },
        {"kubernetes", "cicd", "docker"},
        Level.SENIOR,
        set(),
    ),
    "01-django-drf.txt": (
        {"django", "python", "databases", "docker"},
        {"flask", "fastapi"},
        Level.INTERMEDIATE,
        set(),
    ),
    "02-k8s-platform.txt": (
        {"kubernetes", "cicd", "deployment", "python"},
        {"django"},
        None,
        set(),
    ),
    "03-event-driven.txt": (
        {"microservices", "system-design", "python"},
        {"kubernetes"},
        Level.SENIOR,
        set(),
    ),
    "04-junior-flask.txt": ({"python", "flask", "databases"}, {"django"}, Level.BEGINNER, set()),
    "05-fastapi-ml.txt": (
        {"fastapi", "python", "docker"},
        {"django"},
        None,
        {"PyTorch", "pandas", "AWS", "SageMaker"},
    ),
    "08-devops-ci.txt": (
        {"cicd", "docker", "deployment"},
        {"python"},
        Level.INTERMEDIATE,
        {"Linux", "Bash"},
    ),
    "09-system-design-lead.txt": (
        {"system-design", "databases", "python"},
        set(),
        Level.SENIOR,
        {"Java"},
    ),
    "11-design-patterns.txt": ({"design-patterns", "python"}, {"microservices"}, None, set()),
    "12-data-engineer.txt": (
        {"python", "databases"},
        {"django", "flask"},
        None,
        {"Airflow", "Spark", "dbt", "Snowflake"},
    ),
    "13-one-line.txt": ({"fastapi", "databases", "docker"}, {"python"}, Level.INTERMEDIATE, set()),
    "14-microservices-security.txt": ({"microservices"}, {"kubernetes"}, Level.SENIOR, set()),
    "15-fullstack-node.txt": (
        {"python", "databases"},
        {"django"},
        None,
        {"Node.js", "Vue", "Azure", "GraphQL"},
    ),
    "16-intern-django.txt": ({"django", "python"}, set(), Level.BEGINNER, {"Git", "HTML"}),
}


@pytest.mark.parametrize("name", sorted(CASES))
def test_extraction(bank: Bank, name: str) -> None:
    must, must_not, level, unknown = CASES[name]
    r = reqs(bank, name)
    assert must <= topics(r), f"missing {must - topics(r)}"
    assert not (must_not & topics(r)), f"unexpected {must_not & topics(r)}"
    assert r.level == level
    assert unknown <= set(r.unknown_skills), (
        f"unknown skills dropped: {unknown - set(r.unknown_skills)}"
    )
    assert all(0 < i.weight <= 1 for i in r.items)
    assert [i.weight for i in r.items] == sorted((i.weight for i in r.items), reverse=True)


@pytest.mark.parametrize("name", ["06-frontend-react.txt", "07-sales.txt", "10-nurse.txt"])
def test_no_backend_skills_gives_nothing_to_plan(bank: Bank, name: str) -> None:
    # "a solid track record", "the rest of the team", "at the helm", "customer database",
    # "build pipeline" and "monitoring vital signs" are not backend skills
    assert reqs(bank, name).items == ()


def test_frontend_skills_are_listed_not_dropped(bank: Bank) -> None:
    assert {"React", "TypeScript", "Figma", "Next.js"} <= set(
        reqs(bank, "06-frontend-react.txt").unknown_skills
    )


def test_aliases_map_onto_subtopics(bank: Bank) -> None:
    assert ("django", "rest-framework") in subs(reqs(bank, "01-django-drf.txt"))
    assert ("microservices", "event-driven") in subs(reqs(bank, "03-event-driven.txt"))
    assert ("fastapi", "validation") in subs(reqs(bank, "05-fastapi-ml.txt"))
    assert ("microservices", "service-mesh") in subs(reqs(bank, "14-microservices-security.txt"))
    assert ("design-patterns", "principles") in subs(reqs(bank, "11-design-patterns.txt"))
    assert "kubernetes" in topics(extract("We run everything on k8s. Python required.", bank))


def test_weight_follows_how_strongly_it_is_asked(bank: Bank) -> None:
    r = reqs(bank, "01-django-drf.txt")  # "Strong Django" vs "Nice to have: Docker"
    assert r.topic_weight("django") > r.topic_weight("docker")
    assert r.topic_weight("docker") < 0.5
    r = reqs(bank, "12-data-engineer.txt")  # "Kafka experience is desirable"
    assert r.subtopics("microservices")["event-driven"] < r.topic_weight("python")


def test_rest_apis_go_to_the_named_framework(bank: Bank) -> None:
    r = extract("Build REST APIs in Flask. Python.", bank)
    assert ("flask", "rest-apis") in subs(r)
    assert "django" not in topics(r)
    r = extract("Design RESTful services and the rest of the platform in Python.", bank)
    assert ("microservices", "communication") in subs(r)


def test_case_matters_for_words_that_are_also_english(bank: Bank) -> None:
    assert "design-patterns" not in topics(extract("A solid grasp of Python.", bank))
    assert "design-patterns" in topics(extract("SOLID and Python.", bank))


def test_levels() -> None:
    assert level_of("Principal Engineer\nPython") is Level.SENIOR
    assert level_of("Backend developer\n6+ years of Python") is Level.SENIOR
    assert level_of("Backend developer, 2-3 years of Python") is Level.INTERMEDIATE
    assert level_of("Graduate developer") is Level.BEGINNER
    assert level_of("Mid-market sales, Python") is None


def test_pasted_job_description_is_recognised() -> None:
    text = (JD / "founding-learner.txt").read_text()
    assert looks_like_jd(" ".join(text.split()))
    assert not looks_like_jd("what is the GIL")
