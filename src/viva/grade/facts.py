"""The bank as facts to check against: what each entry asserts and what it refutes.

Built once per bank. Positive facts are key points, the short answer, the simple
explanation, the corrections of misconceptions and the sentences of the answer's prose;
negative facts are misconception claims and red flags, each carrying the correction to say.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from enum import StrEnum

from viva.bank.model import Bank, Entry
from viva.grade.wordlists import KEEP, NEGATIONS
from viva.grade.words import Clause, Lexicon
from viva.search.index import SearchIndex
from viva.session.teach import prose, sentences
from viva.text import STOPWORDS

_TABLE_ROW = re.compile(r"^\s*\|.*$", re.MULTILINE)
SAYING_AT = 0.6  # share of a claim's weighted words one fact must hold to bring its entry in
ENTITY_AT = 0.7  # idf below which a word is too common to be what a claim is about
BELIEF_AT = 0.75  # share of a wrong belief's weighted words a claim must hold to bring it in
RARE_ENOUGH = 0.3  # words weighing less say nothing about where a claim belongs


class FactKind(StrEnum):
    POINT = "point"
    SHORT = "short"
    SIMPLE = "simple"
    CORRECTION = "correction"
    ANSWER = "answer"
    MISCONCEPTION = "misconception"
    RED_FLAG = "red_flag"

    @property
    def negative(self) -> bool:
        return self in (FactKind.MISCONCEPTION, FactKind.RED_FLAG)

    @property
    def priority(self) -> int:
        """When two facts back a clause equally, quote the most central one."""
        return _PRIORITY[self]


_PRIORITY = {
    FactKind.POINT: 5,
    FactKind.SHORT: 4,
    FactKind.CORRECTION: 3,
    FactKind.SIMPLE: 2,
    FactKind.ANSWER: 1,
    FactKind.MISCONCEPTION: 0,
    FactKind.RED_FLAG: 0,
}


@dataclass(frozen=True, slots=True)
class Fact:
    entry_id: str
    kind: FactKind
    text: str
    clauses: tuple[Clause, ...]
    tokens: frozenset[str]
    correction: str | None = None  # for negative facts: what is true instead
    point_id: str | None = None


@dataclass(frozen=True, slots=True)
class FactBook:
    lexicon: Lexicon
    facts: dict[str, tuple[Fact, ...]]  # entry id -> its facts
    vocab: dict[str, frozenset[str]]  # entry id -> every token the entry uses
    # entry id -> the things it names: compared terms, tags, the bank's entities
    terms: dict[str, frozenset[str]] = field(default_factory=dict)
    # entry id -> each thing it compares, as its token sequence (("imag",), ("container",))
    pairs: dict[str, tuple[tuple[str, ...], ...]] = field(default_factory=dict)
    # token -> (entry id, index of the fact) of every fact that uses it
    postings: dict[str, tuple[tuple[str, int], ...]] = field(default_factory=dict)
    # (entry id, fact index) -> the weight of a wrong belief's rare words, filled as asked
    _belief_weight: dict[tuple[str, int], float] = field(
        default_factory=dict, compare=False, repr=False
    )
    # fact text -> its "A to B" directions and what each is said of, filled as asked
    # (``grade.direction`` reads them for every claim with a direction of its own)
    directions: dict[str, list[tuple[str | None, tuple[str, str]]]] = field(
        default_factory=dict, compare=False, repr=False
    )

    def of(self, entry_id: str) -> tuple[Fact, ...]:
        return self.facts.get(entry_id, ())

    def saying(self, tokens: Iterable[str], top: int = 3, at: float = SAYING_AT) -> list[str]:
        """The entries with a fact that holds most of these words (weighted): where a claim
        is settled even when the question search ranks its entry low ("single
        responsibility means one method" is a misconception of the SOLID entry)."""
        said = self._rare(tokens)
        total = sum(self.lexicon.weight(t) for t in said)
        if not total:
            return []
        best: dict[str, float] = {}
        for (entry_id, _), w in self._held(said).items():
            best[entry_id] = max(best.get(entry_id, 0.0), w / total)
        return _ranked(best, top, at)

    def believing(self, tokens: Iterable[str], top: int = 2, at: float = BELIEF_AT) -> list[str]:
        """The entries with a wrong belief (misconception, red flag) whose words the claim
        holds most of, however much more it says: "microservices make the whole system
        simpler, because each service is small" holds all of "Microservices make the whole
        system simpler", which ``saying`` misses because most of the claim is elsewhere.
        Only brings entries in; the judging decides whether the belief is said."""
        best: dict[str, float] = {}
        for key, w in self._held(self._rare(tokens)).items():
            total = self._belief_weight.get(key)
            if total is None:
                fact = self.facts[key[0]][key[1]]
                rare = self._rare(fact.tokens) if fact.kind.negative else []
                total = self._belief_weight[key] = math.fsum(map(self.lexicon.weight, rare))
            if total:
                best[key[0]] = max(best.get(key[0], 0.0), w / total)
        return _ranked(best, top, at)

    def _rare(self, tokens: Iterable[str]) -> list[str]:
        """The words that say where a claim belongs, sorted: the same sums in the same order,
        whatever the process's hash seed."""
        return sorted({t for t in tokens if self.lexicon.weight(t) >= RARE_ENOUGH})

    def _held(self, said: list[str]) -> dict[tuple[str, int], float]:
        """(entry id, fact index) -> the weight of the words of ``said`` the fact uses."""
        held: dict[tuple[str, int], float] = {}
        for t in said:
            w = self.lexicon.weight(t)
            for key in self.postings.get(t, ()):
                held[key] = held.get(key, 0.0) + w
        return held


def _ranked(best: dict[str, float], top: int, at: float) -> list[str]:
    ranked = sorted(best.items(), key=lambda x: (-x[1], x[0]))
    return [e for e, share in ranked[:top] if share >= at]


def _entities(bank: Bank, lex: Lexicon, idf: dict[str, float] | None = None) -> frozenset[str]:
    """The things claims are about: each term a compare entry compares, and each topic, by one
    token - its rarest word when idf is known ("right join" is about joins, "least
    connections" about connections) - leaving out words too common to name anything ("one",
    "all", "add"). Another entry's `compare` list names the parts its answer contrasts, for
    reading traded roles (``FactBook.pairs``); its words ("job", "step", "event") are not
    what claims across the bank are about, and would change every clause's subject."""
    out: set[str] = set()
    compared = (t for e in bank.entries for t in e.compared)
    for name in [*compared, *(t.name for t in bank.topics)]:
        tokens = lex.clause(name).tokens
        if not tokens:
            continue
        if idf is None:
            out.add(tokens[0])
            continue
        best = max(tokens, key=lambda t: idf.get(t, 0.0))
        if idf.get(best, 0.0) >= ENTITY_AT:
            out.add(best)
    return frozenset(out)


def _texts(entry: Entry) -> list[tuple[FactKind, str, str | None, str | None]]:
    rows: list[tuple[FactKind, str, str | None, str | None]] = []
    rows += [(FactKind.POINT, k.point, None, k.id) for k in entry.key_points]
    rows += [(FactKind.SHORT, s, None, None) for s in sentences(entry.short_answer)]
    rows += [(FactKind.SIMPLE, s, None, None) for s in sentences(entry.simple)]
    for m in entry.misconceptions:
        rows.append((FactKind.MISCONCEPTION, m.claim, m.correction, None))
        rows += [(FactKind.CORRECTION, s, None, None) for s in sentences(m.correction)]
    first = sentences(entry.short_answer)[:1]
    rows += [(FactKind.RED_FLAG, r, first[0] if first else None, None) for r in entry.red_flags]
    body = prose(_TABLE_ROW.sub(" ", entry.answer))
    rows += [(FactKind.ANSWER, s, None, None) for s in sentences(body) if len(s) < 400]
    return rows


def build(bank: Bank, index: SearchIndex) -> FactBook:
    """Every entry's facts, and the idf of each grading token over the bank's entries."""
    names = _stop_names(bank)
    bare = Lexicon(index.phrases, index.longest_phrase, frozenset(), {}, 1.0, names=names)
    lex = Lexicon(index.phrases, index.longest_phrase, _entities(bank, bare), {}, 1.0, names=names)
    # the words of each text, split once: both readings below cut the same words
    raw: dict[str, list[tuple[FactKind, str, list[list[str]], str | None, str | None]]] = {}
    df: Counter[str] = Counter()
    for entry in bank.entries:
        rows = []
        seen: set[str] = set()
        for kind, text, correction, point_id in _texts(entry):
            parts = lex.split(text)
            rows.append((kind, text, parts, correction, point_id))
            for c in lex.clauses_of(parts):
                seen.update(c.tokens)
        for t in (entry.question, *entry.tags, *entry.compare):
            seen.update(lex.clause(t).tokens)
        df.update(seen)
        raw[entry.id] = rows
    n = max(1, len(bank.entries))
    idf = {t: math.log(1 + (n - d + 0.5) / (d + 0.5)) for t, d in df.items()}
    default = math.log(1 + (n + 0.5) / 0.5)
    topics = {e.id.split(".", 1)[0] for e in bank.entries}
    contexts = frozenset(t for name in topics if "-" not in name for t in bare.clause(name).tokens)
    lex = Lexicon(
        lex.phrases, lex.longest, _entities(bank, bare, idf), idf, default, contexts, names
    )
    # clause cuts and subjects depend on the entities: cut the texts again with them
    read = {
        entry_id: [(k, t, lex.clauses_of(parts), c, p) for k, t, parts, c, p in rows]
        for entry_id, rows in raw.items()
    }
    facts: dict[str, tuple[Fact, ...]] = {}
    vocab: dict[str, frozenset[str]] = {}
    for entry_id, clause_rows in read.items():
        built = []
        words: set[str] = set()
        for kind, text, clauses, correction, point_id in clause_rows:
            tokens = frozenset(t for c in clauses for t in c.tokens)
            if kind in (FactKind.ANSWER, FactKind.SIMPLE, FactKind.SHORT) and len(tokens) < 3:
                continue  # "Yes, in practice." backs or contradicts nothing
            words |= tokens
            built.append(Fact(entry_id, kind, text, tuple(clauses), tokens, correction, point_id))
        facts[entry_id] = tuple(built)
        vocab[entry_id] = frozenset(words)
    terms = {str(e.id): _terms(e, lex) for e in bank.entries}
    pairs = {
        str(e.id): tuple(seq for n in e.compare if (seq := lex.clause(n).tokens))
        for e in bank.entries
        if e.compare
    }
    postings: dict[str, list[tuple[str, int]]] = {}
    for entry_id, built_facts in facts.items():
        for i, f in enumerate(built_facts):
            for t in f.tokens:
                postings.setdefault(t, []).append((entry_id, i))
    frozen = {t: tuple(v) for t, v in postings.items()}
    return FactBook(lex, facts, vocab, terms, pairs, frozen)


def _stop_names(bank: Bank) -> frozenset[str]:
    """Stopwords some entry compares as a thing of its own: SQL's WHERE, Python's is."""
    return frozenset(
        w
        for e in bank.entries
        for term in e.compare
        if (w := term.strip().lower()) in STOPWORDS and w not in KEEP and w not in NEGATIONS
    )


def _terms(entry: Entry, lex: Lexicon) -> frozenset[str]:
    names = [*entry.compare, *entry.tags]
    return frozenset(t for n in names for t in lex.clause(n).tokens) | lex.entities
