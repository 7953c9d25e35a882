"""Facts about the learner from what they say: role, strong and weak topics, what the job
asks for, the interview date. Pure.

A paragraph like "I applied for a senior backend role, they want system design and
microservices; I'm good at Python and Django, Flask and FastAPI I don't have much exposure
to" gives several facts, each stored on its own. Clauses are judged separately ("good at
Python, but new to FastAPI" files FastAPI as weak), and a clause's topics belong to the
judgement said in it.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from viva.understand.normalise import digits
from viva.understand.vocab import Vocabulary

ROLE = re.compile(
    r"\b(?:applied|applying|apply|interviewing|preparing|interview)\b.*?\b(?:for|to)\s+"
    r"(?:a |an |the )?(?:(?:role|position|job|post) (?:as|of) (?:a |an )?)?(.+?)"
    r"(?: (?:role|position|job|post|opening|at|in|with)\b|,|$)"
)
ROLE_WORDS = re.compile(
    r"\b(developer|engineer|programmer|architect|lead|devops|sre|backend|back end|full stack|"
    r"fullstack|python|data engineer|consultant|intern)\b"
)
INTERVIEW_IN = re.compile(r"\binterview is (?:in|after) (\d+) (day|days|week|weeks)\b")
INTERVIEW_ON = re.compile(r"\binterview is (today|tomorrow|day after tomorrow|next week)\b")
DAYS_AWAY = {"today": 0, "tomorrow": 1, "day after tomorrow": 2, "next week": 7}
WANTED = re.compile(
    r"\b(?:they|the (?:job|role|company|team|position|interviewers?|description|jd)|it|company)\s+"
    r"(?:are |is |will be )?(?:looking for|wants?|needs?|requires?|asking for|asks? for|mentioned|"
    r"focus(?:es)? on|expects?)\b(.*)|\b(?:looking for|requirements? (?:are|is)|skills? (?:are|is))\b(.*)"
)
WEAK = re.compile(
    r"\bi(?: am|m)? (?:weak|not (?:so |very |that |too )?(?:good|strong|confident|comfortable)|"
    r"new|bad|struggling|rusty)\b|"
    r"\b(?:is|are) new to me\b|\b(?:never|not) (?:used|worked|touched|tried)\b|"
    r"\b(?:have|got|had|ve) (?:little|no|not much|very little|less|limited|zero) "
    r"(?:exposure|experience|knowledge|idea|hands on)\b|"
    r"\b(?:dont|do not|didnt) (?:have )?(?:much |any |a lot of |enough )?(?:exposure|experience|knowledge)\b|"
    r"\bweak (?:in|at)\b"
)
STRONG = re.compile(
    r"\bi(?: am|m)? (?:really |very |pretty |quite )?(?:good|strong|comfortable|confident|expert|"
    r"experienced|proficient|fluent|well versed)\b|"
    r"\bi know\b.*\bwell\b|\bstrong (?:in|at)\b|"
    r"\bi (?:have|am having|got|ve) (?:\d+|a few|few|many) (?:years?|yrs?)\b"
)
# Clause breaks: punctuation in the raw text, and the turns of a sentence.
CLAUSES = re.compile(
    r"[,;.!?]+|\b(?:but|whereas|however|though)\b|\band (?=this|that|these|those|i|they)\b"
)
NEW_SUBJECT = re.compile(r"^(?:and )?(?:this|that|these|those)\b")
LIST_GLUE = frozenset("and or with also plus the this that these those like in on".split())


def role_of(t: str) -> str | None:
    m = ROLE.search(t)
    if not m:
        return None
    role = m.group(1).strip()
    # "applied for a role as a senior backend developer and they are looking for ..."
    role = re.split(r"\b(?:and|so|but|because)\b", role)[0].strip()
    return role if role and ROLE_WORDS.search(role) and len(role.split()) <= 6 else None


def _only_topics(clause: str, vocab: Vocabulary) -> bool:
    """A clause that only names topics ("system design, microservices, and Python")."""
    words = clause.split()
    i = 0
    while i < len(words):
        for n in range(min(4, len(words) - i), 0, -1):
            if " ".join(words[i : i + n]) in vocab.topics:
                i += n
                break
        else:
            if words[i] not in LIST_GLUE:
                return False
            i += 1
    return bool(words)


def facts(text: str, vocab: Vocabulary, fold: Callable[[str], str]) -> list[tuple[str, str]]:
    """Every (key, value) fact in ``text`` (raw: its punctuation marks the clauses); topic
    lists are comma-joined ids. ``fold`` is how the understanding layer folds words."""
    t = fold(text)
    found: list[tuple[str, str]] = []
    if role := role_of(t):
        found.append(("target_role", role))
    if m := INTERVIEW_IN.search(digits(t)):
        days = int(m.group(1)) * (7 if m.group(2).startswith("week") else 1)
        found.append(("interview_in_days", str(days)))
    elif m := INTERVIEW_ON.search(t):
        found.append(("interview_in_days", str(DAYS_AWAY[m.group(1)])))
    lists: dict[str, list[str]] = {"wanted": [], "strong": [], "weak": []}
    mode: str | None = None  # a list goes on over commas: "system design, microservices"
    pending: list[str] = []  # topics named before the clause that judges them
    for raw in CLAUSES.split(text):
        clause = fold(raw or "")
        if not clause:
            continue
        topics = vocab.find_topics(clause)
        if WEAK.search(clause):  # weak first: "not so good at" contains "good at"
            mode = "weak"
        elif STRONG.search(clause):
            mode = "strong"
        elif m := WANTED.search(clause):
            mode, topics = "wanted", vocab.find_topics(m.group(1) or m.group(2) or "")
        elif mode and _only_topics(clause, vocab) and not NEW_SUBJECT.match(clause):
            pass  # the list goes on
        else:
            mode, pending = None, topics
            continue
        lists[mode] += topics or pending
        pending = []
    for key in ("wanted", "strong", "weak"):
        if lists[key]:
            found.append((key, ",".join(dict.fromkeys(lists[key]))))
    return found
