"""The pages, server-rendered with Jinja2: the conversation (and the mock interview in it),
reviews due, progress, the study plan, exports and the profile.

The conversation page is one question at a time, driven by ``static/viva.js`` over the JSON
API; every other page is a plain HTML form that works without script. Forms carry the
session's CSRF token; a refused value re-renders the page with the one-line message and its
hint, never a traceback. In multi-user mode a page asked for without signing in sends the
browser to ``/login``.
"""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Any

from fastapi import APIRouter, Form, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response
from fastapi.templating import Jinja2Templates

from viva.app import plans, reviews
from viva.app.library import parse_level
from viva.app.ports import LearnerStore
from viva.app.profile import remembered, set_value
from viva.errors import UserError
from viva.session.state import Detail, Pace
from viva.web.deps import Csrf, Services, Session, Svc
from viva.web.errors import WebError

TEMPLATES = Jinja2Templates(directory=Path(__file__).resolve().parent / "templates")
router = APIRouter(include_in_schema=False)

PREF_CHOICES = {
    "pace": [p.value for p in Pace],
    "detail": [d.value for d in Detail],
    "with_answers": ["true", "false"],
    "always_example": ["true", "false"],
    "model_answer": ["true", "false"],
}
PREF_LABELS = {
    "pace": "Pace (how much the coach says before checking in; how fast it speaks)",
    "detail": "Detail of answers",
    "with_answers": "Show answers when walking a set",
    "always_example": "Always give an example",
    "model_answer": "Show a model answer after each graded answer",
}
PROFILE_KEYS = ["target_role", "target_level", "strong", "weak", "wanted"]
PROFILE_KEYS += ["interview_in_days", "minutes_per_day"]


def render(request: Request, name: str, status: int = 200, **context: Any) -> HTMLResponse:
    svc: Services = request.app.state.viva
    session = request.state.session
    return TEMPLATES.TemplateResponse(
        request,
        name,
        {
            "csrf": session.csrf,
            "multi_user": svc.config.multi_user,
            "learner_name": session.name,
            "path": request.url.path,
            **context,
        },
        status_code=status,
    )


def error_page(request: Request, status: int, message: str, hint: str | None) -> Response:
    if status == 401:
        return RedirectResponse("/login", status_code=303)
    return render(request, "error.html", status, message=message, hint=hint, code=status)


def _store(svc: Services, session: Any) -> LearnerStore:
    return svc.store_for(session)


def _topics(svc: Services) -> list[dict[str, str]]:
    return [{"id": t.id, "name": t.name} for t in svc.lib.bank.topics]


@router.get("/", response_class=HTMLResponse)
def talk_page(request: Request, svc: Svc, session: Session) -> Response:
    _store(svc, session)  # signed in (multi-user)
    return render(request, "talk.html", topics=_topics(svc), mode="chat", title="Talk")


@router.get("/interview", response_class=HTMLResponse)
def interview_page(request: Request, svc: Svc, session: Session) -> Response:
    _store(svc, session)
    return render(
        request, "talk.html", topics=_topics(svc), mode="interview", title="Mock interview"
    )


@router.get("/reviews", response_class=HTMLResponse)
def reviews_page(request: Request, svc: Svc, session: Session) -> Response:
    store = _store(svc, session)
    day = reviews.today(store, svc.now())
    rows = [e for i in day.todays if (e := svc.lib.bank.get(i))]
    return render(request, "reviews.html", day=day, rows=rows, topics=_topics(svc), title="Reviews")


@router.get("/progress", response_class=HTMLResponse)
def progress_page(request: Request, svc: Svc, session: Session) -> Response:
    from viva.web.api_more import progress_of

    p = progress_of(svc, _store(svc, session))
    bars = [
        {"name": t.name, "y": 30 + i * 28, "w": round(t.mastery * 400), "t": t}
        for i, t in enumerate(p.topics)
    ]
    height = 40 + 28 * len(p.topics)
    return render(request, "progress.html", p=p, bars=bars, height=height, title="Progress")


def _plan_context(svc: Services, store: LearnerStore) -> dict[str, Any]:
    from viva.plan.render import day_index, item_line

    made = plans.saved(store)
    if made is None:
        return {"plan": None}
    today = day_index(made.created, svc.now().date(), len(made.days))
    days = [
        {"day": d.day, "minutes": d.minutes, "lines": [item_line(i) for i in d.items]}
        for d in made.days
    ]
    return {"plan": made, "days": days, "today": today}


@router.get("/plan", response_class=HTMLResponse)
def plan_page(request: Request, svc: Svc, session: Session) -> Response:
    store = _store(svc, session)
    return render(request, "plan.html", title="Study plan", **_plan_context(svc, store))


@router.post("/plan", response_class=HTMLResponse, dependencies=[Csrf])
def plan_post(
    request: Request,
    svc: Svc,
    session: Session,
    job_ad: Annotated[str, Form(max_length=200_000)] = "",
    days: Annotated[str, Form(max_length=5)] = "",
    minutes: Annotated[str, Form(max_length=5)] = "",
) -> Response:
    store = _store(svc, session)
    try:
        text = plans.jd_text(job_ad.encode("utf-8", "replace"), "the job ad")
        made = plans.make(
            svc.lib.bank,
            store,
            text,
            "the job ad",
            svc.now(),
            _int(days, "days"),
            _int(minutes, "minutes"),
        )
    except UserError as exc:
        context = _plan_context(svc, store)
        return render(
            request, "plan.html", 422, title="Study plan", problem=exc, job_ad=job_ad, **context
        )
    return render(
        request,
        "plan.html",
        title="Study plan",
        notice=f"Saved a {len(made.days)}-day plan.",
        **_plan_context(svc, store),
    )


def _int(text: str, what: str) -> int | None:
    if not text.strip():
        return None
    if not text.strip().isdigit():
        raise WebError(422, "bad_input", f"{what} must be a whole number")
    return int(text)


@router.get("/exports", response_class=HTMLResponse)
def exports_page(request: Request, svc: Svc, session: Session) -> Response:
    store = _store(svc, session)
    has_plan = plans.saved(store) is not None
    return render(request, "exports.html", topics=_topics(svc), has_plan=has_plan, title="Exports")


def _profile(
    request: Request, svc: Svc, store: LearnerStore, status: int = 200, **extra: Any
) -> Response:
    facts, prefs = remembered(store)
    return render(
        request,
        "profile.html",
        status,
        title="Profile and preferences",
        facts={k: v for k, v in facts.items()},
        prefs=prefs,
        choices=PREF_CHOICES,
        labels=PREF_LABELS,
        profile_keys=PROFILE_KEYS,
        **extra,
    )


@router.get("/profile", response_class=HTMLResponse)
def profile_page(request: Request, svc: Svc, session: Session) -> Response:
    return _profile(request, svc, _store(svc, session))


@router.post("/profile", response_class=HTMLResponse, dependencies=[Csrf])
async def profile_post(request: Request, svc: Svc, session: Session) -> Response:
    """Saves every preference of the form, or the one profile fact it carries."""
    from starlette.concurrency import run_in_threadpool

    store = _store(svc, session)
    form = await request.form()
    pairs = [(k, str(form[k])) for k in PREF_CHOICES if k in form]
    if form.get("key"):
        pairs.append((str(form["key"]), str(form.get("value", ""))))

    def save() -> Response:
        try:
            for key, value in pairs:
                set_value(store, key, value, svc.now())
        except UserError as exc:
            return _profile(request, svc, store, 422, problem=exc)
        return _profile(request, svc, store, notice="Saved.")

    return await run_in_threadpool(save)


@router.post("/profile/forget", response_class=HTMLResponse, dependencies=[Csrf])
def profile_forget(
    request: Request,
    svc: Svc,
    session: Session,
    key: Annotated[str, Form(max_length=64)] = "",
    everything: Annotated[str, Form(max_length=5)] = "",
) -> Response:
    store = _store(svc, session)
    if everything == "yes":
        store.forget_all()
        return _profile(request, svc, store, notice="Forgot your profile and preferences.")
    if not store.forget(key.strip().lower()):
        problem = UserError(f"nothing remembered under '{key[:40]}'")
        return _profile(request, svc, store, 404, problem=problem)
    return _profile(request, svc, store, notice=f"Forgot {key[:40]}.")


def level_choices() -> list[str]:
    return [parse_level(x).label for x in ("beginner", "intermediate", "senior")]


TEMPLATES.env.globals["levels"] = level_choices()
