"""Study plans: one "make a plan from this job ad" for the CLI, the conversation and the web.

A job description arrives as bytes or text from any front end; ``jd_text`` checks it the way
a person's input needs (empty, binary, not UTF-8, too large: one line naming where and which
line), ``make`` reads the skills it asks for, builds the plan on the learner's profile and
measured mastery and saves it under the ``plan`` preference (``viva profile forget plan``
drops it). The conversation makes the same plan through ``viva.plan.make``.
"""

from __future__ import annotations

from datetime import datetime

from viva.app import practice
from viva.app.ports import LearnerStore
from viva.bank.model import Bank, Level
from viva.errors import InputError
from viva.plan.goal import parse_saved, saved_form
from viva.plan.jd import extract
from viva.plan.make import make_plan
from viva.plan.model import Plan, Requirements
from viva.session.state import PrefKey

MAX_JD_BYTES = 100_000  # job ads run to a few kilobytes; anything this big is a wrong file


def make(
    bank: Bank,
    store: LearnerStore,
    text: str,
    where: str,
    now: datetime,
    days: int | None = None,
    minutes: int | None = None,
    level: Level | None = None,
) -> Plan:
    """A plan for the job described in ``text``, saved for the learner."""
    req = requirements_or_fail(text, where, bank)
    _, made = make_plan(
        req, store.profile(), bank, practice.mastery(store, now), now.date(), days, minutes, level
    )
    store.set_pref(PrefKey.PLAN, saved_form(made), now)
    return made


def saved(store: LearnerStore) -> Plan | None:
    """The learner's saved plan; an unreadable one counts as none."""
    return parse_saved(store.prefs().get(PrefKey.PLAN))


def jd_text(data: bytes, where: str) -> str:
    """A job description's bytes as text, or one line that says what is wrong and where."""
    if len(data) > MAX_JD_BYTES:
        raise InputError(
            f"{where} is over {MAX_JD_BYTES // 1000} KB; a job description is shorter",
            "give just the job ad as text",
        )
    if b"\x00" in data:
        line = data[: data.index(b"\x00")].count(b"\n") + 1
        raise InputError(
            f"{where}:{line}: binary data, not a job description",
            "give the job description as plain text",
        )
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        raise InputError(
            f"{where}:{line}: not UTF-8 text", "save the job description as UTF-8 text"
        ) from None
    if not text.strip():
        raise InputError(
            f"{where}: the job description is empty", "paste the job ad's text into it"
        )
    return text


def requirements_or_fail(text: str, where: str, bank: Bank) -> Requirements:
    req = extract(text, bank)
    if not req.items:
        named = f"it names {', '.join(req.unknown_skills[:6])}; " if req.unknown_skills else ""
        raise InputError(
            f"{where}: no backend skills viva covers were found in this job description",
            f"{named}viva covers " + ", ".join(t.id for t in bank.topics),
        )
    return req
