"""The search index: BM25 postings over weighted entry fields, plus the term tables.

Built once from a bank (and cached with it). Fields weigh differently: the question and
the compared terms say most about what an entry answers; topic aliases least. The index
also holds the vocabulary of *technical* terms (tags, compare terms, topic and subtopic
names) - the only words a misheard query token may be corrected to.
"""

from __future__ import annotations

import math
import statistics
from dataclasses import dataclass, field

import jellyfish

from viva.bank.model import Bank, Entry
from viva.search.aliases import phrase_table
from viva.text import STOPWORDS, fold, join_spelled_letters, rewrite, stem

K1 = 1.2
B = 0.75

FIELD_WEIGHTS = {
    "question": 3.0,
    "compare": 3.0,
    "tags": 2.0,
    "variants": 1.5,
    "subtopic": 1.0,
    "short_answer": 0.4,
    "topic": 0.5,
}


@dataclass(frozen=True, slots=True)
class SearchIndex:
    ids: tuple[str, ...]
    postings: dict[str, tuple[tuple[int, float], ...]]
    doc_len: tuple[float, ...]
    avgdl: float
    idf: dict[str, float]
    phrases: dict[tuple[str, ...], tuple[str, ...]]
    longest_phrase: int
    tech_terms: tuple[str, ...]  # display form, folded
    tech_keys: dict[str, str]  # metaphone key of a squashed term -> term
    compare_terms: dict[int, tuple[frozenset[str], ...]]
    topic_terms: dict[str, frozenset[str]]  # topic id -> stemmed name and alias tokens
    median_idf: float  # the weight of a word the bank has never seen
    # everyday English words: never "corrected" into a technical term by spelling or sound
    # alone ("bread recipe" is not "retries"); a mishearing has at least one non-word in it
    common: frozenset[str] = frozenset()
    # entry -> the topics its question names by id ("Is Django single-threaded?" -> django)
    question_topics: dict[int, frozenset[str]] = field(default_factory=dict)
    # entry -> the index terms of its question: the entry a term is the subject of
    question_terms: dict[int, frozenset[str]] = field(default_factory=dict)
    term_words: frozenset[str] = frozenset()  # every word of the technical terms, stemmed

    def tokens(self, text: str) -> list[str]:
        """Folded, letter-joined, alias-rewritten tokens (display form, not stemmed)."""
        return rewrite(join_spelled_letters(fold(text).split()), self.phrases, self.longest_phrase)


def terms_of(tokens: list[str]) -> list[str]:
    """Index terms: stemmed tokens without stop words."""
    return [stem(t) for t in tokens if t not in STOPWORDS]


def _phrases(bank: Bank, vocabulary: set[str]) -> dict[tuple[str, ...], tuple[str, ...]]:
    """Alias phrase -> canonical tokens.

    Built-in aliases always rewrite. A bank alias rewrites only when it holds a word the bank
    never uses (a mishearing like "discourse"): that word is dropped, the alias's real words
    are kept and the subtopic (or topic) is added, so nothing a learner said that the bank
    knows is ever lost. Other aliases still count, as indexed text of their topic's entries.
    """
    table: dict[tuple[str, ...], tuple[str, ...]] = {}

    def add(form: str, canon: str, keep_known: bool = True) -> None:
        key = tuple(join_spelled_letters(fold(form).split()))
        value = list(fold(canon).split())
        if keep_known:
            value += [t for t in key if stem(t) in vocabulary and t not in value]
        if key and value and key != tuple(value):
            table.setdefault(key, tuple(value))

    for form, canon in phrase_table().items():
        add(form, canon, keep_known=False)

    def misheard(alias: str) -> bool:
        words = [t for t in join_spelled_letters(fold(alias).split()) if t not in STOPWORDS]
        return bool(words) and any(stem(t) not in vocabulary for t in words)

    for topic in bank.topics:
        for alias in topic.aliases:
            if misheard(alias):
                add(alias, topic.name)
        for sub in topic.subtopics:
            for alias in sub.aliases:
                if misheard(alias):
                    add(alias, sub.id.replace("-", " "))
    return table


def _fields(entry: Entry, bank: Bank) -> dict[str, str]:
    topic = bank.topic(entry.topic)
    sub = topic.subtopic(entry.subtopic) if topic else None
    return {
        "question": entry.question,
        "compare": " ".join(entry.compared),
        "tags": " ".join(entry.tags),
        "variants": " ".join(entry.variants),
        "subtopic": " ".join([sub.name, *sub.aliases]) if sub else "",
        "short_answer": entry.short_answer,
        "topic": " ".join([topic.name, *topic.aliases]) if topic else entry.topic,
    }


def squash_key(text: str) -> str:
    """A sound-alike key of a term with its spaces removed ("cooper netties")."""
    return str(jellyfish.metaphone(text.replace(" ", "")))


def build_index(bank: Bank, common: frozenset[str] = frozenset()) -> SearchIndex:
    # Pass 1: every word the bank uses decides which bank aliases are mishearings.
    plain_vocab: set[str] = set()
    for entry in bank.entries:
        texts = (
            entry.question,
            *entry.variants,
            *entry.tags,
            *entry.compare,
            entry.short_answer,
            entry.answer,
            entry.simple,
            *(f"{x.title} {x.body}" for x in entry.examples),
        )
        for text in texts:
            plain_vocab.update(stem(t) for t in fold(text).split())
    for topic in bank.topics:
        plain_vocab.update(stem(t) for t in fold(f"{topic.id} {topic.name}").split())
        for sub in topic.subtopics:
            plain_vocab.update(stem(t) for t in fold(f"{sub.id} {sub.name} {sub.summary}").split())
    phrases = _phrases(bank, plain_vocab)
    longest = max((len(k) for k in phrases), default=1)

    def toks(text: str) -> list[str]:
        return rewrite(join_spelled_letters(fold(text).split()), phrases, longest)

    postings: dict[str, list[tuple[int, float]]] = {}
    lengths: list[float] = []
    compare_terms: dict[int, tuple[frozenset[str], ...]] = {}
    tech: set[str] = set(phrases_values(phrases))
    for i, entry in enumerate(bank.entries):
        tf: dict[str, float] = {}
        for name, text in _fields(entry, bank).items():
            for term in terms_of(toks(text)):
                tf[term] = tf.get(term, 0.0) + FIELD_WEIGHTS[name]
        lengths.append(sum(tf.values()))
        for term, weight in tf.items():
            postings.setdefault(term, []).append((i, weight))
        if entry.compared:
            compare_terms[i] = tuple(frozenset(terms_of(toks(c))) for c in entry.compared)
        for text in (*entry.tags, *entry.compare):
            tech.add(" ".join(toks(text)))
    topic_terms: dict[str, frozenset[str]] = {}
    for topic in bank.topics:
        words = toks(" ".join([topic.id, topic.name, *topic.aliases]))
        topic_terms[topic.id] = frozenset(terms_of(words))
        tech.update(
            [" ".join(toks(topic.name)), *(" ".join(toks(s.name)) for s in topic.subtopics)]
        )
        tech.update(" ".join(toks(a)) for a in topic.aliases)
    id_terms = {t.id: set(terms_of(toks(t.id.replace("-", " ")))) for t in bank.topics}
    question_topics: dict[int, frozenset[str]] = {}
    question_terms: dict[int, frozenset[str]] = {}
    for i, entry in enumerate(bank.entries):
        said = set(terms_of(toks(entry.question)))
        question_terms[i] = frozenset(said)
        named = frozenset(tid for tid, words in id_terms.items() if words and words <= said)
        if named:
            question_topics[i] = named
    n = len(bank.entries)
    idf: dict[str, float] = {
        t: math.log(1 + (n - len(p) + 0.5) / (len(p) + 0.5)) for t, p in postings.items()
    }
    tech_terms = tuple(sorted(t for t in tech if t and len(t) >= 3))
    keys: dict[str, str] = {}
    for term in tech_terms:
        key = squash_key(term)
        if len(key) >= 3:
            keys.setdefault(key, term)
    return SearchIndex(
        ids=tuple(e.id for e in bank.entries),
        postings={t: tuple(p) for t, p in postings.items()},
        doc_len=tuple(lengths),
        avgdl=(sum(lengths) / n) if n else 1.0,
        idf=idf,
        phrases=phrases,
        longest_phrase=longest,
        tech_terms=tech_terms,
        tech_keys=keys,
        compare_terms=compare_terms,
        topic_terms=topic_terms,
        median_idf=statistics.median(idf.values()) if idf else 1.0,
        common=common,
        question_topics=question_topics,
        question_terms=question_terms,
        term_words=frozenset(stem(w) for t in tech_terms for w in t.split()),
    )


def phrases_values(phrases: dict[tuple[str, ...], tuple[str, ...]]) -> set[str]:
    return {" ".join(v) for v in phrases.values()}
