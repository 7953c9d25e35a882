"""The rest of the JSON API: topics, reviews due, grade, check, the study plan, the profile and
preferences, progress and exports as downloads.

Each route is a thin call into ``viva.app`` (or the core) with the learner's store; the
documents match the CLI's ``--json`` output for the same command, so one client can read both.
"""

from __future__ import annotations

from typing import Annotated, Any, Literal

from fastapi import APIRouter, Path, Query
from fastapi.responses import Response
from pydantic import BaseModel, Field

from viva.app import plans, practice, reviews
from viva.app.library import parse_level
from viva.app.profile import remembered, set_value
from viva.errors import NotFoundError, UserError
from viva.web.deps import Csrf, Store, Svc

router = APIRouter(prefix="/api")
Doc = dict[str, Any]


@router.get("/topics", tags=["bank"])
def topics(svc: Svc) -> Doc:
    """The topics, with how many questions each has at each level."""
    from viva.bank.serialize import topic_dict

    return {"topics": [topic_dict(t) for t in svc.lib.bank.topics], "stats": svc.lib.stats()}


@router.get("/reviews", tags=["practice"])
def reviews_due(svc: Svc, store: Store) -> Doc:
    """What is due today, weakest first, within the daily cap (as `viva review --list`)."""
    day = reviews.today(store, svc.now())
    rows = [
        {"id": i, "question": e.question, "topic": e.topic, "level": e.level.label}
        for i in day.todays
        if (e := svc.lib.bank.get(i))
    ]
    return {
        "due": day.due,
        "today": rows,
        "cap": day.cap,
        "done_today": day.done_today,
        "next_due": day.next_due.isoformat() if day.next_due else None,
    }


class GradeIn(BaseModel):
    entry_id: str = Field(max_length=200)
    answer: str = Field(max_length=20_000)
    record: bool = Field(False, description="log it and update the question's review schedule")


@router.post("/grade", tags=["practice"], dependencies=[Csrf])
def grade(svc: Svc, store: Store, req: GradeIn) -> Doc:
    """An answer graded against the question's key points (0-100, covered and missed)."""
    got = svc.lib.grade(req.entry_id, req.answer)
    if req.record:
        practice.record_grade(
            store, got.entry_id, got.score, got.verdict, req.answer, "web", svc.now()
        )
    return got.as_dict()


class CheckIn(BaseModel):
    text: str = Field(max_length=20_000, description='a statement, e.g. "so X is Y, right?"')


@router.post("/check", tags=["practice"], dependencies=[Csrf])
def check(svc: Svc, req: CheckIn) -> Doc:
    """A statement checked claim by claim: agree, partly, disagree or unsure."""
    return svc.lib.check(req.text).as_dict()


class PlanIn(BaseModel):
    job_ad: str = Field(max_length=200_000, description="the job description's text")
    days: int | None = Field(None, ge=1, le=365)
    minutes: int | None = Field(None, ge=15, le=720)
    level: str | None = Field(None, max_length=40)


@router.post("/plan", tags=["plan"], dependencies=[Csrf])
def make_plan(svc: Svc, store: Store, req: PlanIn) -> Doc:
    """A study plan for the job ad, on the learner's profile and mastery; saved."""
    text = plans.jd_text(req.job_ad.encode("utf-8", "replace"), "the job ad")
    level = parse_level(req.level) if req.level else None
    made = plans.make(
        svc.lib.bank, store, text, "the job ad", svc.now(), req.days, req.minutes, level
    )
    return made.to_dict()


@router.get("/plan", tags=["plan"])
def saved_plan(svc: Svc, store: Store) -> Doc:
    """The saved plan, with today's day marked."""
    from viva.plan.render import day_index

    made = plans.saved(store)
    if made is None:
        raise NotFoundError("no saved plan yet", "make one: POST /api/plan with a job ad")
    return {**made.to_dict(), "today": day_index(made.created, svc.now().date(), len(made.days))}


@router.get("/profile", tags=["profile"])
def profile(store: Store) -> Doc:
    """What viva remembers: profile facts, and every preference with its default."""
    facts, prefs = remembered(store)
    return {"profile": facts, "preferences": prefs}


class ValueIn(BaseModel):
    value: str = Field(max_length=1_000)


Key = Annotated[str, Path(max_length=64, description="pace, detail, target_role, strong, ...")]


@router.put("/profile/{key}", tags=["profile"], dependencies=[Csrf])
def set_profile(svc: Svc, store: Store, key: Key, req: ValueIn) -> Doc:
    """Set a preference (pace, detail, with_answers, always_example, model_answer) or a
    profile fact (target_role, strong, weak, wanted, target_level, ...)."""
    key, value = set_value(store, key, req.value, svc.now())
    return {"key": key, "value": value}


@router.delete("/profile/{key}", tags=["profile"], dependencies=[Csrf])
def forget(store: Store, key: Key) -> Doc:
    """Forget one remembered item (a preference goes back to its default)."""
    if not store.forget(key.strip().lower()):
        raise NotFoundError(f"nothing remembered under '{key[:40]}'", "see GET /api/profile")
    return {"forgot": key.strip().lower()}


@router.delete("/profile", tags=["profile"], dependencies=[Csrf])
def forget_all(store: Store) -> Doc:
    """Forget the whole profile and every preference (practice history is kept)."""
    store.forget_all()
    return {"forgot": "all"}


def progress_of(svc: Svc, store: Store) -> Any:
    from viva.schedule.progress import compute

    now = svc.now()
    history = store.history()
    infos = practice.infos(store, now)
    return compute(svc.lib.bank, infos, [a.at.date() for a in history], len(history), now)


@router.get("/progress", tags=["practice"])
def progress(svc: Svc, store: Store) -> Doc:
    """Mastery by topic and level, due counts, streak, weakest subtopics (`viva progress`)."""
    got: Doc = progress_of(svc, store).as_dict()
    return got


Format = Literal["markdown", "html", "anki"]
FILES = {
    "markdown": ("text/markdown; charset=utf-8", "md"),
    "html": ("text/html; charset=utf-8", "html"),
    "anki": ("application/octet-stream", "apkg"),
}


@router.get(
    "/exports/{fmt}",
    tags=["export"],
    response_class=Response,
    responses={200: {"description": "the file, as a download"}},
)
def export(
    svc: Svc,
    store: Store,
    fmt: Annotated[Format, Path(description="markdown, html or anki")],
    topic: Annotated[list[str], Query(max_length=20)] = [],  # noqa: B006 (FastAPI copies it)
    level: Annotated[list[str], Query(max_length=3)] = [],  # noqa: B006
    plan: bool = False,
) -> Response:
    """Questions with answers as a Markdown guide, a printable page or an Anki deck."""
    from viva.export.outputs import real_outputs
    from viva.export.select import select, title_for

    plan_ids = None
    if plan:
        made = plans.saved(store)
        if made is None:
            raise UserError("no saved plan to export", "make a plan from a job ad first")
        plan_ids = made.entry_ids()
    entries = select(svc.lib, topics=topic, levels=level, plan_ids=plan_ids)
    title = title_for(topic, level, plan, [])
    outputs = real_outputs(entries, svc.lib.data / "cache")
    media, ext = FILES[fmt]
    if fmt == "anki":
        data = _anki(svc, entries, outputs, f"viva::{title}")
    else:
        from viva.export.markdown import guide

        text = guide(entries, svc.lib.bank, outputs, title)
        if fmt == "html":
            from viva.export.html import page

            text = page(text, f"Study guide: {title}")
        data = text.encode()
    name = "viva-" + "".join(c if c.isalnum() else "-" for c in title.lower()).strip("-")[:60]
    return Response(
        data,
        media_type=media,
        headers={"Content-Disposition": f'attachment; filename="{name}.{ext}"'},
    )


def _anki(svc: Svc, entries: Any, outputs: Any, deck: str) -> bytes:
    import tempfile
    from pathlib import Path as FsPath

    try:
        from viva.export.anki import write_deck
    except ImportError:
        raise UserError("Anki decks need the export extra", "pip install 'viva[export]'") from None
    with tempfile.TemporaryDirectory() as tmp:
        out = FsPath(tmp) / "deck.apkg"
        write_deck(out, entries, svc.lib.bank, outputs, deck)
        return out.read_bytes()
