"""Job description -> ``Requirements``: the role's level and the skills it asks for.

Skills are found by phrase (longest first) in the words of the ad, through ``skills.SKILLS``
and the bank's own topic aliases, then refined to subtopics by the bank's subtopic aliases
where a sentence names the topic too ("FastAPI with dependency injection"). How strongly a
skill is asked for comes from where and how it is said: a "nice to have" section or a "is a
plus" sentence weighs less, "strong", "deep" or "must" more, the title most. Technologies
the bank does not cover are listed as unknown skills, never dropped silently.
"""

from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass

from viva.bank.model import Bank, Level
from viva.plan.model import Requirement, Requirements
from viva.plan.skills import (
    API,
    CAPITALISED_ONLY,
    CASED,
    GENERIC,
    OUTSIDE,
    SKILLS,
    WEAK_WORDS,
    Target,
)

FRAMEWORK_API = {"django": "rest-framework", "flask": "rest-apis", "fastapi": "fundamentals"}
LONGEST = 4
NICE = 0.4  # "nice to have" counts less than a plain mention
STRONG = 1.5  # "strong", "must", "5+ years", the job title
PLAIN_SCORE = 2.0  # a score this high is weight 1.0; one plain mention is 0.5

TOKEN = re.compile(r"[A-Za-z0-9][A-Za-z0-9+#.]*[A-Za-z0-9+#]|\.?[A-Za-z][A-Za-z0-9]*|[A-Za-z]")
NICE_HEAD = re.compile(
    r"nice to have|nice-to-have|bonus|preferred|desirable|good to have|plus|optional|"
    r"would be great|extra credit|not required",
    re.I,
)
NEUTRAL_HEAD = re.compile(
    r"about|benefits|perks|we offer|what we offer|salary|compensation|how to apply|who we are|"
    r"responsibilities|what you.?ll do|the role|your role|requirements|qualifications|"
    r"must have|must-have|what you.?ll need|skills|you have|you bring|essential",
    re.I,
)
NICE_INLINE = re.compile(
    r"nice to have|a plus\b|\bbonus\b|preferred|desirable|familiarity|exposure to|good to have|"
    r"\bideally\b|not required|would be nice|an advantage|beneficial|is helpful|any of",
    re.I,
)
STRONG_INLINE = re.compile(
    r"\bstrong\b|\bdeep\b|\bexpert|extensive|\bsolid\b|proven|advanced|in.depth|excellent|"
    r"mastery|proficien|\bmust\b|required|essential|\d+\s*\+?\s*(?:years|yrs)",
    re.I,
)
SENIOR = re.compile(r"\b(senior|sr\.?|lead|staff|principal|architect|head of)\b", re.I)
JUNIOR = re.compile(
    r"\b(junior|jr\.?|graduate|entry[- ]level|intern|internship|trainee|fresher|apprentice)\b", re.I
)
MID = re.compile(r"\b(mid[- ]level|mid[- ]senior|intermediate)\b|\bmid\b(?![- ]\w)", re.I)
YEARS = re.compile(r"(\d{1,2})\s*(?:\+|-\s*\d{1,2}|to\s+\d{1,2})?\s*\+?\s*(?:years|yrs)", re.I)
ROLE_WORDS = re.compile(
    r"engineer|developer|programmer|architect|lead|manager|designer|analyst|scientist|"
    r"administrator|specialist|consultant|intern|sre|devops|officer|coordinator|nurse|teacher|"
    r"executive|representative",
    re.I,
)
TECH_SHAPE = re.compile(r"^(?:[A-Za-z]*[a-z][A-Z][A-Za-z]*|[A-Za-z]*[+#]+|[A-Za-z]*\.[A-Za-z]+)$")
CAPS = re.compile(r"^[A-Z][A-Z0-9]{1,5}$")
NOT_SKILLS = frozenset(
    """API APIS REST HTTP HTTPS JSON XML YAML CEO CTO CFO COO VP HR UK US USA EU EOE PTO WFH
    OKR OKRS KPI KPIS B2B B2C SAAS TBD ASAP FAQ IT UI UX QA CV PR PRS OR AND BS BA MS BSC MSC
    PHD GPA NYC SF EMEA APAC LATAM CET UTC EST PST ID IDS NDA ROI SLA SLAS SLO SLOS KYC AML GDPR
    ISO SOC TLS SSL CI CD OSS MVP ETA DM FTE IC WE YOU OUR THE NOT SaaS PaaS IaaS GitHub GitLab LinkedIn
    YouTube iPhone eCommerce FinTech HealthTech EdTech PropTech e.g i.e etc vs a.m p.m Inc.
    JavaScript""".split()
)


@dataclass(frozen=True, slots=True)
class _Mention:
    target: Target
    factor: float
    words: str
    weak: bool


def tokens(text: str) -> list[str]:
    """The words of ``text`` as written (case kept; "C++", "Node.js", ".NET" stay whole)."""
    return [t.rstrip(".") or t for t in TOKEN.findall(text)]


def _fold(tok: str) -> str:
    return tok.lower()


def _table(bank: Bank) -> dict[str, tuple[Target, ...]]:
    table: dict[str, tuple[Target, ...]] = dict(SKILLS)
    for topic in bank.topics:
        for alias in (topic.id, topic.name, *topic.aliases):
            key = " ".join(_fold(t) for t in tokens(alias))
            if key and key not in GENERIC and key not in table:
                table[key] = ((topic.id, None),)
    return table


def _lookup(table: dict[str, tuple[Target, ...]], key: str) -> tuple[Target, ...] | None:
    if key in table:
        return table[key]
    for suffix in ("es", "s"):  # "REST APIs", "message brokers"
        if key.endswith(suffix) and key[: -len(suffix)] in table:
            return table[key[: -len(suffix)]]
    return None


def _cased_ok(key: str, original: list[str]) -> bool:
    if key in CASED:
        return original[0] in (CASED[key], CASED[key] + "ful", CASED[key] + "s")
    if key in CAPITALISED_ONLY:
        return original[0][:1].isupper()
    return True


BULLET = re.compile(r"^\s*(?:[-*•#>]|\d{1,2}[.)])\s*")


def _logical_lines(text: str) -> list[str]:
    """Lines as written, with a sentence wrapped over several lines joined back together."""
    out: list[str] = []
    joinable = False
    for raw in text.splitlines():
        if not raw.strip():
            joinable = False
            continue
        if joinable and not BULLET.match(raw):
            out[-1] = f"{out[-1]} {raw.strip()}"
        else:
            out.append(raw)
        # the title and headings stand alone; a bullet or sentence may run on
        joinable = len(out) > 1 and not out[-1].rstrip().endswith(":")
    return out


def _sentences(text: str) -> list[tuple[str, float]]:
    """Sentences with the weight their section gives them (title, plain or nice to have)."""
    out: list[tuple[str, float]] = []
    section = 1.0
    first = True
    for raw in _logical_lines(text):
        line = raw.strip(" \t-*•#>")
        if not line:
            continue
        words = line.rstrip(":").split()
        heading = len(words) <= 6 and (line.endswith(":") or raw.lstrip().startswith("#"))
        if heading and NICE_HEAD.search(line):
            section = NICE
        elif heading and NEUTRAL_HEAD.search(line):
            section = 1.0
        title = first and len(words) <= 12
        first = False
        for sentence in re.split(r"(?<=[.;!?])\s+", line):
            factor = STRONG if title else section
            if NICE_INLINE.search(sentence):
                factor = min(factor, NICE)
            elif STRONG_INLINE.search(sentence):
                factor *= STRONG
            out.append((sentence, factor))
    return out


def _mentions(
    text: str, bank: Bank, table: dict[str, tuple[Target, ...]]
) -> tuple[list[_Mention], list[str]]:
    found: list[_Mention] = []
    unknown: list[str] = []
    for sentence, factor in _sentences(text):
        toks = tokens(sentence)
        low = [_fold(t) for t in toks]
        here: set[str] = set()
        i = 0
        while i < len(toks):
            for n in range(min(LONGEST, len(toks) - i), 0, -1):
                key = " ".join(low[i : i + n])
                targets = _lookup(table, key)
                if targets and _cased_ok(key, toks[i : i + n]):
                    words = " ".join(toks[i : i + n])
                    for t in targets:
                        found.append(_Mention(t, factor, words, key in WEAK_WORDS))
                        here.add(t[0])
                    i += n
                    break
                if key in OUTSIDE and (key not in CAPITALISED_ONLY or toks[i][:1].isupper()):
                    unknown.append(OUTSIDE[key])
                    i += n
                    break
            else:
                tok = toks[i]
                if (
                    tok not in NOT_SKILLS
                    and tok.upper() not in NOT_SKILLS
                    and (TECH_SHAPE.match(tok) or CAPS.match(tok))
                ):
                    unknown.append(tok)
                i += 1
        named = {m.target for m in found}
        found += [m for m in _refine(" ".join(low), here, bank, factor) if m.target not in named]
    return found, unknown


def _refine(sentence: str, topics: set[str], bank: Bank, factor: float) -> list[_Mention]:
    """Subtopics named by the bank's aliases, in a sentence that names their topic."""
    out: list[_Mention] = []
    padded = f" {sentence} "
    for topic_id in topics:
        topic = bank.topic(topic_id)
        for sub in topic.subtopics if topic else ():
            for alias in (sub.name, *sub.aliases):
                key = " ".join(_fold(t) for t in tokens(alias))
                if len(key) >= 5 and key not in GENERIC and f" {key} " in padded:
                    out.append(_Mention((topic_id, sub.id), factor, alias, False))
                    break
    return out


def _score(factors: list[float]) -> float:
    """Repeated mentions add up, each less than the last: the strongest counts in full."""
    ordered = sorted(factors, reverse=True)
    return ordered[0] + 0.5 * sum(ordered[1:]) if ordered else 0.0


def level_of(text: str) -> Level | None:
    """The role's level: the title's words first, then "N+ years", else unknown."""
    head = "\n".join(text.strip().splitlines()[:3])
    for part in (head, text):
        if SENIOR.search(part):
            return Level.SENIOR
        if JUNIOR.search(part):
            return Level.BEGINNER
        if MID.search(part):
            return Level.INTERMEDIATE
    years = [int(m.group(1)) for m in YEARS.finditer(text) if int(m.group(1)) < 40]
    if years:
        y = max(years)
        return Level.SENIOR if y >= 5 else Level.INTERMEDIATE if y >= 2 else Level.BEGINNER
    return None


def role_of(text: str) -> str | None:
    for line in text.strip().splitlines()[:3]:
        line = line.strip(" \t-*#:")
        if line and len(line) <= 80 and ROLE_WORDS.search(line):
            return line
    return None


def extract(text: str, bank: Bank) -> Requirements:
    """What the job asks for, strongest first; empty ``items`` when no backend skill is named."""
    mentions, unknown = _mentions(text, bank, _table(bank))
    if mentions and all(m.weak for m in mentions):
        mentions = []  # "maintain the customer database" alone is no backend job
    frameworks = {m.target[0] for m in mentions} & set(FRAMEWORK_API)
    by_target: dict[Target, list[_Mention]] = defaultdict(list)
    for m in mentions:
        if m.target[0] != API:
            by_target[m.target].append(m)
            continue
        for fw in sorted(frameworks) or ["microservices"]:
            sub = FRAMEWORK_API.get(fw, "communication")
            by_target[(fw, sub)].append(m)
    by_topic: dict[str, list[_Mention]] = defaultdict(list)
    for (topic, _sub), ms in by_target.items():
        by_topic[topic] += ms
    items = [_requirement((t, None), ms) for t, ms in by_topic.items()]
    items += [_requirement(k, ms) for k, ms in by_target.items() if k[1] is not None]
    order: dict[str, int] = {t.id: i for i, t in enumerate(bank.topics)}
    items.sort(
        key=lambda r: (-r.weight, r.subtopic is not None, order.get(r.topic, 99), r.subtopic or "")
    )
    covered = {w.lower() for m in mentions for w in m.words.split()}
    unknown_out = list(dict.fromkeys(u for u in unknown if u.lower() not in covered))
    return Requirements(role_of(text), level_of(text), tuple(items), tuple(unknown_out))


def _requirement(target: Target, ms: list[_Mention]) -> Requirement:
    weight = round(min(1.0, _score([m.factor for m in ms]) / PLAIN_SCORE), 2)
    evidence = tuple(dict.fromkeys(m.words for m in ms))
    return Requirement(target[0], target[1], weight, evidence)


JD_MARKERS = re.compile(
    r"job description|we are looking for|we're looking for|you will|responsibilities|"
    r"requirements|qualifications|must have|nice to have|the role|about the role|join our",
    re.I,
)


MAX_JD_CHARS = 20_000  # a job ad pasted into the conversation; longer is cut


def looks_like_jd(text: str) -> bool:
    """A pasted job description in conversation: long, and worded like a job ad."""
    return len(text) >= 200 and len(JD_MARKERS.findall(text)) >= 1 and len(text.split()) >= 30
