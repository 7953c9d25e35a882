"""The shipped bank: lint-clean (every runnable snippet executed), and the coverage floors."""

from __future__ import annotations

import json
from collections import Counter
from pathlib import Path

import pytest

from tests.conftest import CONTENT, run_viva
from viva.bank.loader import load
from viva.bank.model import TOPICS, EntryType, Level
from viva.linting import LintReport, lint


@pytest.fixture(scope="module")
def shared_home(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("viva-home")


@pytest.fixture(scope="module")
def report(shared_home: Path) -> LintReport:
    # runs every run: true snippet in a sandboxed subprocess, remembering the outcomes
    return lint(CONTENT, cache_dir=shared_home / "cache")


def test_bank_lints_clean_with_every_snippet_run(report: LintReport) -> None:
    assert [str(p) for p in report.errors] == []
    assert report.snippets.run >= 100
    assert report.snippets.passed == report.snippets.run


def test_every_topic_has_a_topic_file_and_entries() -> None:
    bank = load(CONTENT, content_rules=False).bank
    assert {t.id for t in bank.topics} == set(TOPICS)
    per_topic = Counter(e.topic for e in bank.entries)
    assert all(per_topic[t] >= 1 for t in TOPICS), per_topic


def test_coverage_floors_of_the_content_issue() -> None:
    bank = load(CONTENT, content_rules=False).bank
    assert len(bank.entries) >= 150
    counts = Counter((e.topic, e.level) for e in bank.entries)
    thin = {
        f"{t}/{lv.label}": counts[(t, lv)] for t in TOPICS for lv in Level if counts[(t, lv)] < 3
    }
    assert thin == {}
    for e in bank.entries:
        assert len(e.examples) >= 2 and e.misconceptions, e.id
        if e.type is EntryType.COMPARE:
            assert len(e.compare) >= 2, e.id


def test_bank_stats_counts_snippets(report: LintReport, shared_home: Path) -> None:
    # same snippet cache as the lint above, so the CLI reports those runs without redoing them
    doc = json.loads(
        run_viva("bank", "stats", "--json", env={"VIVA_HOME": str(shared_home)}).stdout
    )
    assert doc["snippets"]["run"] == report.snippets.run
    assert doc["snippets"]["run"] >= 100
    assert doc["snippets"]["passed"] == doc["snippets"]["run"]
    assert doc["total"] >= 150
