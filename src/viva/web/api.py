"""The JSON API under ``/api``: conversations, voice, who is signed in (the pages use it too).

Every route takes the learner's store from ``deps.learner_store`` - never a store of its own -
and every write carries the CSRF token. Errors are the one shape of ``errors``. The rest of
the API (reviews, grading, plans, profile, progress, exports) is in ``api_more``.
"""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, File, Path, UploadFile
from fastapi.responses import Response
from pydantic import BaseModel, Field

from viva.errors import InputError
from viva.session.state import Prefs
from viva.web import talk
from viva.web.deps import Csrf, Session, Store, Svc
from viva.web.errors import WebError
from viva.web.turns import LineIn, TurnOut

router = APIRouter(prefix="/api")
ConversationId = Annotated[int, Path(ge=1, le=2**62, description="a conversation's id")]


class VoiceOut(BaseModel):
    hearing: bool
    speaking: bool
    note: str


class MeOut(BaseModel):
    learner: str | None = Field(
        description="the signed-in learner (None: not signed in, or the local learner)"
    )
    multi_user: bool
    csrf: str = Field(description="send as the X-CSRF-Token header with every write")
    voice: VoiceOut


@router.get("/me", tags=["session"])
def me(svc: Svc, session: Session) -> MeOut:
    """Who this is, the CSRF token for writes, and whether voice works on this server."""
    name = None
    if svc.config.multi_user and session.learner is not None:
        try:
            svc.store_for(session)
            name = session.name
        except WebError:  # disabled since signing in
            name = None
    status = svc.speech.status()
    return MeOut(
        learner=name,
        multi_user=svc.config.multi_user,
        csrf=session.csrf,
        voice=VoiceOut(hearing=status.hearing, speaking=status.speaking, note=status.note),
    )


@router.post("/conversations", tags=["conversation"], dependencies=[Csrf], status_code=201)
def start_conversation(svc: Svc, store: Store, req: talk.StartIn) -> TurnOut:
    """Start a conversation: a chat (the coach greets), a set on a topic, a mock interview
    (questions one at a time, each answer graded) or today's reviews."""
    return talk.start(svc, store, req)


@router.get("/conversations/{conversation}", tags=["conversation"])
def get_conversation(svc: Svc, store: Store, conversation: ConversationId) -> talk.TranscriptOut:
    """A conversation so far: every turn, and where it stands."""
    return talk.transcript(svc, store, conversation)


@router.post("/conversations/{conversation}/lines", tags=["conversation"], dependencies=[Csrf])
def send_line(svc: Svc, store: Store, conversation: ConversationId, line: LineIn) -> TurnOut:
    """What the learner typed: a question, a command, or an answer to the question asked."""
    return talk.line(svc, store, conversation, line.text)


@router.post("/conversations/{conversation}/actions", tags=["conversation"], dependencies=[Csrf])
def press(svc: Svc, store: Store, conversation: ConversationId, req: talk.ActionIn) -> TurnOut:
    """A button: next, example, simpler, repeat, more, answer, try_again, slower, faster, help,
    quit; in reviews, a rating (again, hard, good, easy)."""
    return talk.act(svc, store, conversation, req.action)


@router.post("/conversations/{conversation}/voice", tags=["voice"], dependencies=[Csrf])
async def speak_line(
    svc: Svc,
    store: Store,
    conversation: ConversationId,
    audio: Annotated[UploadFile, File(description="16-bit PCM WAV, mono, any rate")],
) -> TurnOut:
    """A spoken turn: the recording is transcribed (``heard``) and taken as typed."""
    from starlette.concurrency import run_in_threadpool

    data = await audio.read(svc.config.max_audio + 1)
    if not data:
        raise InputError("the recording is empty", "hold the button while you speak")
    return await run_in_threadpool(talk.heard, svc, store, conversation, data)


class SpeechIn(BaseModel):
    sentences: list[str] = Field(max_length=200, description="a turn's speech, from a turn")


@router.post(
    "/speech",
    tags=["voice"],
    dependencies=[Csrf],
    response_class=Response,
    responses={200: {"content": {"audio/wav": {}}, "description": "the sentences, spoken"}},
)
def speech(svc: Svc, store: Store, req: SpeechIn) -> Response:
    """Sentences spoken as one WAV, at the learner's pace (slow: slower, longer pauses)."""
    prefs = store.prefs()
    data = svc.speech.speak(req.sentences, Prefs.from_dict(prefs).pace, prefs.get("voice"))
    return Response(data, media_type="audio/wav", headers={"Cache-Control": "no-store"})
