"""Words as the grader sees them: clauses of stemmed content tokens, each with a sign.

Grading turns on small words the search index throws away: "not", "never", "only",
"immutable". Here a text becomes clauses; each clause keeps its content tokens (folded,
alias-rewritten, stemmed a little harder than search does so "deployed" meets "deploy"),
the entity it is about (for reversed roles: "tuples are mutable, lists are not"), a sign
per token (said negatively: after a negation, within a short scope, or as an antonym such
as "immutable") and the absolute words it uses.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from functools import lru_cache

from viva.grade.wordlists import (
    ABSOLUTES,
    ANTONYMS,
    BEFORE_NAME,
    CANCELS,
    KEEP,
    LIGHT,
    MODALS,
    NAME_NOUNS,
    NEGATION_SCOPE,
    NEGATIONS,
    NOUNISH,
    PREVENTED_UNTIL,
    PRONOUNS,
    RELATION_WORDS,
    REWRITES,
    SYNONYMS,
    prevents,
    python_none,
)
from viva.text import STOPWORDS, fold, join_spelled_letters, rewrite, stem
from viva.understand.claimwords import AUX

# "isnt", "doesnt" as speech recognisers and hurried typists write them
_BARE = frozenset(
    "isnt doesnt dont cant wont arent wasnt shouldnt couldnt didnt hasnt havent werent".split()
)

_PUNCT = re.compile(r"[;:!?,()]|\.(?:\s|$)|\s[-–—]\s")
_DEFINING = frozenset({"when", "where", "if"})
_COPULAS = frozenset({"is", "are", "means", "was"})
CONNECTIVES = frozenset(
    {
        "but",
        "whereas",
        "while",
        "however",
        "although",
        "though",
        "because",
        "which",
        "so",
        "since",
        "whereby",
        "unlike",
        "instead",
        "unless",
        "until",
        "if",
        "when",
        "whenever",
    }
)
# A learner's scaffolding around a claim: "so ...", "..., right?", "is it true that ...".
_WRAPPERS = [
    re.compile(r"^\s*(so|ok|okay|well|um+|uh+|hmm+|and|basically|actually)\b[\s,]*", re.I),
    re.compile(
        r"^\s*(is it (true|correct|right) that|am i right that|if i understand(ood)?( it)?( correctly)?,?|"
        r"my understanding is( that)?|i think( that)?|i believe( that)?|i guess|correct me if i'?m wrong,?|"
        r"does (that|this|it) mean( that)?|in other words,?|you mean,?)\s*",
        re.I,
    ),
    re.compile(
        r"[\s,]*(right|correct|yes|true|no|isn'?t it|is it|aren'?t they|am i right|is that (right|correct|true)|"
        r"correct me if i'?m wrong|or not|yeah)\s*\??\s*$",
        re.I,
    ),
]


_BRITISH = re.compile(r"(?<=[a-z]{3})is(e|ed|es|ing|ation|ations)$")


@lru_cache(maxsize=1 << 16)  # pure; called for every word of every text the grader reads
def gstem(token: str) -> str:
    """Stem harder than search does: plurals, -ing, -ed, a final -e ("created" = "create")."""
    token = _BRITISH.sub(r"iz\1", stem(token))  # "materialised" = "materialized"
    if not token.isalpha() or len(token) <= 4:
        return token
    for suffix in ("ing", "ed"):
        if token.endswith(suffix) and len(token) - len(suffix) >= 3:
            token = token[: -len(suffix)]
            if len(token) >= 3 and token[-1] == token[-2] and token[-1] not in "lsz":
                token = token[:-1]  # running -> run, but not "install" -> "instal"
            break
    return token[:-1] if token.endswith("e") and len(token) > 3 else token


def strip_wrappers(text: str) -> str:
    """The claim inside "so ..., right?" and "is it correct that ...?"."""
    prev = None
    text = text.strip()
    while prev != text:
        prev = text
        for pattern in _WRAPPERS:
            text = pattern.sub("", text).strip()
    return text


def expand(text: str) -> str:
    for pattern, repl in REWRITES:
        text = pattern.sub(repl, text)
    return text


@dataclass(frozen=True, slots=True)
class Clause:
    text: str
    tokens: tuple[str, ...]  # content tokens, stemmed and antonym-normalised, in order
    flips: tuple[bool, ...]  # per token: said as its antonym ("immutable")
    scoped: tuple[bool, ...]  # per token: within reach of a negation ("not deployed")
    negated: bool  # the clause holds a negation word
    absolutes: frozenset[str]
    subject: str | None  # the first entity token, for reversed roles
    # "..., not its writable layer": a contrast whose verb belongs to the clause before; it
    # says where something isn't, not that the writable layer doesn't exist
    elliptic: bool = False

    @property
    def signs(self) -> tuple[bool, ...]:
        """Per token: True when said negatively, by an antonym or a negation."""
        return tuple(f != s for f, s in zip(self.flips, self.scoped, strict=True))

    def signs_of(self, token: str, negations: bool = True) -> frozenset[bool]:
        """Every sign the token is said with ("async ..., sync ..." says both)."""
        return frozenset(
            f != (s and negations)
            for t, f, s in zip(self.tokens, self.flips, self.scoped, strict=True)
            if t == token
        )

    def sign(self, token: str, negations: bool = True) -> bool | None:
        """The token's sign; without ``negations``, only its antonym flip counts."""
        for t, f, s in zip(self.tokens, self.flips, self.scoped, strict=True):
            if t == token:
                return f != (s and negations)
        return None


# a part ending in a list ("such as len", "like Redis", "including GET") goes on after its
# comma with more items
_LISTING = re.compile(r"\b(?:such as|like|including|e\.g\.|for example)\s+[^,]{1,40}$", re.I)
LIST_ITEM_WORDS = 5  # more words than this after the comma is a clause, not list items


def _list_item(words: list[str]) -> bool:
    """The words after a list's comma are more items ("iteration and context managers"),
    not a clause that opens with a connective, a pronoun or a negation."""
    return (
        0 < len(words) <= LIST_ITEM_WORDS
        and words[0] not in CONNECTIVES
        and words[0] not in PRONOUNS
        and words[0] not in NEGATIONS
    )


_NEEDS = frozenset({"need", "needs"})  # "X and Y need ..." is a clause, like an auxiliary


def _list_end(words: list[str]) -> bool:
    """The words after a comma close a list the part before it began ("runs build, test
    and deploy pipelines"): a few words joined by "and" or "or", with no verb of their own,
    and no connective, pronoun or negation to start them. A connective ends the list
    ("..., test and deploy pipelines when code changes")."""
    words = words[: next((i for i, w in enumerate(words) if w in CONNECTIVES), len(words))]
    return (
        2 < len(words) <= 4
        and any(w in ("and", "or") for w in words[1:-1])
        and not any(w in AUX or w in _NEEDS or w in NEGATIONS for w in words)
        and _list_item(words)
    )


def _as_name(words: list[str], i: int) -> bool:
    """A stopword used as the name of the thing it is ("where filters the groups", "the is
    operator"): alone, or opening a clause (or after "the", "and", "versus") before a verb
    said of it or a noun like "clause". "where it runs" and "is it true" are not names."""
    if len(words) == 1:
        return True
    if i > 0 and words[i - 1] not in BEFORE_NAME:
        return False
    after = words[i + 1] if i + 1 < len(words) else ""
    return after in NAME_NOUNS or (
        len(after) > 3 and after.endswith("s") and after not in STOPWORDS
    )


@dataclass(frozen=True, slots=True)
class Lexicon:
    """The bank's vocabulary for grading: alias phrases, entity tokens, idf weights."""

    phrases: dict[tuple[str, ...], tuple[str, ...]]
    longest: int
    entities: frozenset[str]
    idf: dict[str, float]
    default_idf: float
    contexts: frozenset[str] = frozenset()  # the bank's one-word topics: python, docker, ...
    # stopwords an entry compares as names ("WHERE" and HAVING, "is" and ==): kept where
    # they are used as a name ("where filters the groups", "is checks identity")
    names: frozenset[str] = frozenset()

    def weight(self, token: str) -> float:
        return self.idf.get(token, self.default_idf)

    def words(self, text: str) -> list[str]:
        """Folded, letter-joined, alias-rewritten words (not yet stemmed)."""
        toks = join_spelled_letters(fold(expand(text)).split())
        toks = [t[:-1] + " not" if t in _BARE else t for t in toks]
        return python_none(rewrite(" ".join(toks).split(), self.phrases, self.longest))

    def clause(self, text: str) -> Clause:
        """All of ``text`` as one clause (for short phrases and whole-statement matching)."""
        return self._make(text, self.words(text))

    def _make(self, text: str, words: list[str]) -> Clause:
        tokens: list[str] = []
        flips: list[bool] = []
        scoped: list[bool] = []
        negated = False
        outer = False  # whether the clause was negated before the last negation
        fresh = False  # a negation that can cancel was said, and no content word since
        scope = 0  # content words still under the last negation
        absolutes: set[str] = set()
        subject: str | None = None
        subject_at = -2  # the word index the subject was taken from
        prevented = False  # the reach open is a prevention's ("with", "by", ... end it)
        negator, verbal = "", False  # the last negation; a "not"/"never" that denied a word
        for i, word in enumerate(words):
            if verbal and scope > 0 and word in MODALS:
                scope = 0
            if prevents(words, i):  # "doesn't prevent X" says X can happen: they cancel
                negated, fresh = True, False
                scope = 0 if scope > 0 else NEGATION_SCOPE
                prevented = scope > 0
                continue
            if prevented and word in PREVENTED_UNTIL:
                scope, prevented = 0, False
            if fresh and word in CANCELS:
                # "it doesn't mean it never agrees": a negation right after another, no
                # content word between, cancels it ("neither ... nor" is one negation)
                negated, scope, fresh = outer, 0, False
                continue
            if word in NEGATIONS:
                negator = word
                outer = negated if scope == 0 else outer
                negated, prevented = True, False
                scope = NEGATION_SCOPE
                fresh = word in CANCELS
                verbal = False
            if word in ABSOLUTES:
                absolutes.add(word)
            stop = word in STOPWORDS and word not in KEEP
            if stop and word in self.names and _as_name(words, i):
                stop = False
            if word in NEGATIONS or word in LIGHT or stop:
                continue
            base, flip = ANTONYMS.get(word, (word, False))
            base = SYNONYMS.get(base, base)
            token = gstem(base)
            if token in self.entities and (
                subject is None or (subject_at == i - 1 and subject in self.contexts)
            ):
                # a product name before a noun is context, not the subject: "a Python
                # tuple", "a Docker container" ("a liveness probe" keeps "liveness")
                subject, subject_at = token, i
            tokens.append(token)
            flips.append(flip)
            scoped.append(scope > 0)
            # "doesn't fit" denies a verb; not "is not something/a probe that will ..."
            verb = negator in ("not", "never") and words[i - 1] == negator and word not in NOUNISH
            verbal = verbal or (scope > 0 and verb)
            scope = 0 if word in RELATION_WORDS else max(0, scope - 1)
            fresh = False
        elliptic = bool(words) and words[0] == "not"
        return Clause(
            text,
            tuple(tokens),
            tuple(flips),
            tuple(scoped),
            negated,
            frozenset(absolutes),
            subject,
            elliptic,
        )

    def clauses(self, text: str) -> list[Clause]:
        """Clauses split at punctuation, at connectives, and at "and" before a new subject.

        A negation never reaches across a boundary, so "tuples can't change, which makes
        them hashable" says nothing negative about hashability.
        """
        return self.clauses_of(self.split(text))

    def split(self, text: str) -> list[list[str]]:
        """The words of each punctuation-cut part of ``text``: what ``clauses_of`` cuts
        further. It depends only on the alias phrases, so one split serves lexicons that
        differ in their entities (the fact book reads every text twice)."""
        return [words for _part, words in self._parts(expand(text))]

    def clauses_of(self, parts: list[list[str]]) -> list[Clause]:
        out: list[Clause] = []
        for words in parts:
            start = 0
            lead: list[str] = []
            for i, word in enumerate(words):
                cut = (
                    word in CONNECTIVES
                    # "a phantom read is when you ...": a definition, said of the subject
                    and not (word in _DEFINING and i > 0 and words[i - 1] in _COPULAS)
                ) or (word in {"and", "or"} and self._entity_follows(words, i + 1))
                if cut:
                    if words[start:i] == ["not"]:
                        # "..., not which user": the negation belongs to what follows
                        lead = words[start:i]
                    elif i > start:
                        said = lead + words[start:i]
                        out.append(self._make(" ".join(said), said))
                        lead = []
                    start = i + 1
            if start < len(words):
                said = lead + words[start:]
                out.append(self._make(" ".join(said), said))
        out = [c for c in out if c.tokens]
        # "containers share the host kernel, they don't boot an OS": "they" is the subject
        # before, so what the clause says is said of containers
        for i in range(1, len(out)):
            first = out[i].text.split(maxsplit=1)[:1]
            if first and first[0] in PRONOUNS:
                out[i] = replace(out[i], subject=out[i - 1].subject)
        return out

    def _parts(self, text: str) -> list[tuple[str, list[str]]]:
        """The text cut at punctuation, with each part's words; a lone content word before
        a comma stays with what follows (speech recognisers write "Thread, share memory in
        one process": the word is the subject, not a clause of its own). A lone "no" or a
        filler is not joined."""
        parts = _PUNCT.split(text)
        out: list[tuple[str, list[str]]] = []
        carry: tuple[str, list[str]] | None = None
        for part in parts:
            part = f"{carry[0]} {part}" if carry else part
            words = self.words(part)
            carry = None
            if out and (
                (_LISTING.search(out[-1][0]) and _list_item(words))
                or (len(out[-1][1]) >= 3 and _list_end(words))
            ):
                # "special methods such as len, iteration and context managers": the list
                # goes on; its last items are not a clause of their own
                joined = f"{out[-1][0]}, {part}"
                out[-1] = (joined, self.words(joined))
                continue
            if len(words) == 1 and words[0] not in NEGATIONS and self._make(part, words).tokens:
                carry = (part, words)
                continue
            out.append((part, words))
        if carry:
            out.append(carry)
        return out

    def _entity_follows(self, words: list[str], i: int) -> bool:
        for word in words[i:]:
            if word in STOPWORDS:
                continue
            return gstem(SYNONYMS.get(word, word)) in self.entities
        return False
