"""Claims from rambling speech: a long "..., right?" turned into the separate things it asserts.

Spoken checks arrive as one breath: "Oh okay okay. The CI-CD only works with code changes,
but in orchestration it is like giving resources. So CI-CD, sorry, orchestration is on top
of CI-CD, right?". This module gives the checker clean claims, each still in the learner's
own words so feedback can quote them: discourse words and fillers are dropped ("oh okay",
"basically", "like", "you know", "right?"), self-corrections are applied (the words after
"sorry" replace the ones they repair, matched by their first word, or else the fragment the
marker interrupts), the text is cut at sentence ends and ";" and then into claim-sized parts
(``parts``: at "but", "so", an "and" that starts a new statement, a reason said of the same
thing), and parts that are questions, requests or carry no claim are left out. A leading
"it" or "they" is resolved to the subject of the claim before, for checking only. Pure:
words in, values out; it knows no bank.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from viva.understand.claimwords import (
    ADVERBS,
    CONTRACTED,
    DEICTIC,
    DETERMINERS,
    FILLER_RUNS,
    LEAD_INS,
    LEAD_OPENERS,
    NO_CLAIM,
    PRONOUNS,
    QUESTION_STARTS,
    REQUESTS,
    TAGS,
    TOPIC_PREPS,
    TOPIC_WORDS,
    VERDICT_WORDS,
    WH_WORDS,
    content_words,
    is_verb,
    lowered,
    spelled_out,
)
from viva.understand.denials import denied
from viva.understand.disfluency import (
    drop_fillers,
    repair_with_subject,
    restarts,
)
from viva.understand.parts import cut_parts, subject_of

_TOKEN = re.compile(r"[A-Za-z0-9][\w'’\-/.+#]*[\w+#]|[A-Za-z0-9]|[,.;:!?]")
_ABBREV = [
    (re.compile(r"\be\.g\.", re.I), "for example"),
    (re.compile(r"\bi\.e\.", re.I), "that is"),
    (re.compile(r"\betc\.", re.I), "etc"),
    (re.compile(r"[—–]|\s-\s"), ","),
]
_ENDS = {".", "!", "?", ";"}


@dataclass(frozen=True, slots=True)
class Claim:
    """One thing the learner asserted."""

    text: str  # in the learner's words, fillers and repaired words removed
    tagged: bool = False  # said with "right?" or as a rising question: the point to confirm
    resolved: str = ""  # ``text`` with a leading pronoun replaced by the subject before
    # reported to be denied ("it's not true that ...", "people say ..., but that's wrong"):
    # ``checkable`` is the belief, and the verdict on it is turned round
    denied: bool = False

    @property
    def checkable(self) -> str:
        return self.resolved or self.text


def _starts(words: list[str], run: tuple[str, ...], at: int = 0) -> bool:
    return tuple(lowered(words[at : at + len(run)])) == run


def _sentences(text: str) -> list[tuple[list[str], str]]:
    for pattern, repl in _ABBREV:
        text = pattern.sub(repl, text)
    out: list[tuple[list[str], str]] = []
    cur: list[str] = []
    for tok in _TOKEN.findall(text):
        if tok.endswith(".") and len(tok) > 1:  # "CI-CD." keeps its word, ends the sentence
            cur.append(tok.rstrip("."))
            tok = "."
        if tok in _ENDS:
            if cur:
                out.append((cur, tok))
            cur = []
        else:
            cur.append(tok)
    if cur:
        out.append((cur, ""))
    return out


def _strip_lead(words: list[str], keep_no: bool = False) -> tuple[list[str], bool]:
    """Drop discourse openers and lead-ins; True when a lead-in made it a checked claim.
    In a later sentence or part (``keep_no``), or written "No" with no comma after it, "no"
    before a noun stays: it is what the claim says ("...; no server or port is involved", "No
    app context exists during import"), where a reply's first "no" is the answer word ("no
    jenkins builds the image", "No, it restarts")."""
    tagged = False
    changed = True
    while changed and words:
        changed = False
        while words and words[0] == ",":
            words, changed = words[1:], True
        for run in LEAD_INS:
            if _starts(words, run):
                words, changed, tagged = words[len(run) :], True, True
                break
        else:
            for run in (*LEAD_OPENERS, *FILLER_RUNS):
                if (
                    _starts(words, run)
                    and len(words) > len(run)
                    and not ((keep_no or words[0] == "No") and _no_before_noun(words, run))
                ):
                    words, changed = words[len(run) :], True
                    break
    return words, tagged


def _no_before_noun(words: list[str], run: tuple[str, ...]) -> bool:
    """ "no server or port is involved": "no" before a noun is what the claim says, not an
    answer word ("no, it isn't", "no it doesn't" still start with one)."""
    return run == ("no",) and bool(content_words(lowered(words[1:2])))


def _strip_tag(words: list[str]) -> tuple[list[str], bool]:
    """Remove a trailing "..., right" / "isn't it" / "am I right"; True when one was there."""
    found = False
    changed = True
    while changed and words:
        changed = False
        while words and words[-1] == ",":
            words, changed = words[:-1], True
        low = lowered(words)
        for run in TAGS:
            n = len(run)
            if len(low) > n and tuple(low[-n:]) == run:
                before = low[-n - 1]
                # "that is right" / "the correct" keep their word: it is the predicate
                if n == 1 and before in {"is", "are", "be", "the", "a", "not", "was", "that's"}:
                    continue
                words, changed, found = words[:-n], True, True
                break
    return words, found


# "EXPLAIN shows the plan", "explain analyze runs the query": SQL's EXPLAIN is the subject,
# not a request to explain, when a verb follows it
_SQL_EXPLAIN_NEXT = frozenset(
    "analyze analyse shows estimates plans tells returns prints outputs displays reports "
    "lists says".split()
)
_ADVERBS = frozenset("only just also really actually never always still".split())


def _names_a_command(low: list[str]) -> bool:
    if low[0] != "explain":
        return False
    rest = [w for w in low[1:] if w not in _ADVERBS]
    return bool(rest) and (rest[0] in _SQL_EXPLAIN_NEXT or is_verb(rest[0]))


def _is_question(words: list[str], asked: bool = False) -> bool:
    """A request ("can you tell me") or a question asked, not a claim put up for checking."""
    low = [w for w in lowered(words) if w != ","]
    if not low:
        return False
    if any(tuple(low[: len(r)]) == r for r in REQUESTS) and not _names_a_command(low):
        return True
    if low[0] in WH_WORDS:
        return low[0] not in {"where", "whether"} or asked
    # "is Jenkins a separate server", "does it use my VM": an auxiliary, then its subject
    return low[0] in QUESTION_STARTS and len(low) > 1 and not is_verb(low[1])


# words that make "what ... is that ..." a question: "what happens if the file is that large"
_ASKING = frozenset(
    {"if", "when", "whenever", "because", "happens", "happened", "do", "does", "did", "should"}
    | {"would", "could", "can", "will", "must"}
)


def _cleft(words: list[str], asked: bool) -> int | None:
    """Where the claim of a pseudo-cleft starts: "what really defines microservices is that
    each service owns its data" puts the claim after "that" ("what is that thing", "what
    happens if the file is that large" and anything asked with "?" still ask)."""
    low = lowered(words)
    if asked or not low or low[0] != "what":
        return None
    for k in range(2, len(low) - 2):
        if low[k] in {"is", "was"} and low[k + 1] == "that":
            if _ASKING & set(low[1:k]) or not _has_claim(words[k + 2 :]):
                return None
            return k + 2
    return None


def claims(text: str) -> list[Claim]:
    """The claims a spoken statement makes, in order, each in the learner's words."""
    out: list[Claim] = []
    last_subject: list[str] = []
    for n, (words, end) in enumerate(_sentences(text)):
        words, tag_a = _strip_tag(words)
        words, lead = _strip_lead(words, keep_no=n > 0)
        words, dropped = repair_with_subject(words)
        words = restarts(drop_fillers(words))
        last_subject = dropped or last_subject
        words, lead_b = _strip_lead(words, keep_no=n > 0)
        words, tag_b = _strip_tag(words)
        tagged = tag_a or tag_b or lead or lead_b
        words = words[_cleft(words, end == "?") or 0 :]
        if not words or (not tagged and _is_question(words, end == "?")):
            continue
        tagged = tagged or end == "?"
        topic = _topic(words)
        cut = denied(words)
        groups = [(words, None)] if cut is None else [(cut[1], cut), (cut[3], None)]
        # only the first part of a denied belief is what the frame denies
        parts = [
            (part, frame if k == 0 else None)
            for group, frame in groups
            for k, part in enumerate(cut_parts(group))
        ]
        for k, (part, frame) in enumerate(parts):
            part, _ = _strip_lead(part, keep_no=n > 0 or k > 0)
            part, _ = _strip_tag(part)
            if not _has_claim(part):
                continue
            resolved = ""
            first = part[0].lower()
            antecedent = topic or last_subject
            if antecedent and (
                (_verb_follows(part[1:]) and first in PRONOUNS) or first in CONTRACTED
            ):
                resolved = _text([*antecedent, *spelled_out(part[0])[1:], *part[1:]])
            subject = subject_of(part)
            if subject and subject[0].lower() not in PRONOUNS:
                last_subject = subject
            elif topic:
                last_subject = topic
            if frame is not None:
                # quoted as said, frame and all; checked as the belief it reports
                said = _text([*frame[0], *part, *frame[2]])
                out.append(Claim(said, tagged, resolved or _text(part), denied=True))
            else:
                out.append(Claim(_text(part), tagged, resolved))
    return out


def _verb_follows(words: list[str]) -> bool:
    """ "it (also) scales", not "that way": a pronoun is a subject only before its verb."""
    low = [w for w in lowered(words) if w not in ADVERBS]
    return bool(low) and is_verb(low[0])


def _topic(words: list[str]) -> list[str]:
    """ "in case of Jenkins, it ...": what a pronoun after the comma stands for."""
    low = lowered(words)
    for prep in TOPIC_PREPS:
        if _starts(words, prep) and "," in low:
            comma = low.index(",")
            after = low[comma + 1 : comma + 2]
            if after and after[0] in PRONOUNS and 0 < comma - len(prep) <= TOPIC_WORDS:
                return [w for w in words[len(prep) : comma] if w.lower() not in DETERMINERS]
    return []


def _has_claim(words: list[str]) -> bool:
    low = tuple(w for w in lowered(words) if w != ",")
    if not low or low in NO_CLAIM:
        return False
    if _is_question(list(low)):
        return False
    for prep in TOPIC_PREPS:  # "in case of Jenkins, it's ...": the topic is no claim
        # (only a short one: "in PostgreSQL the default is ..., same as in MySQL" claims)
        if tuple(low[: len(prep)]) == prep and "," in words:
            comma = words.index(",")
            if 0 < comma - len(prep) <= TOPIC_WORDS:
                low = tuple(lowered(words[comma + 1 :]))
            break
    n = len([w for w in content_words(list(low)) if w not in DEICTIC])
    has_verb = any(
        is_verb(w) and (k == 0 or low[k - 1] not in DETERMINERS) for k, w in enumerate(low)
    )
    if not low:
        return False
    # "they are encrypted" says something of what "they" stands for; "it is fine", "that's
    # true" only answer back
    said_of_it = (
        len(low) == 3 and low[0] in PRONOUNS and is_verb(low[1]) and low[2] not in VERDICT_WORDS
    )
    return (n >= 2 or (n >= 1 and (low[0] not in PRONOUNS or len(low) >= 4 or said_of_it))) and (
        has_verb or n >= 3
    )


def _text(words: list[str]) -> str:
    s = " ".join(words)
    s = re.sub(r"\s+,", ",", s)
    return s.strip(" ,")
