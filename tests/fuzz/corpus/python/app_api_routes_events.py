"""Live job progress: SSE per job, a log stream, and a websocket per user."""
import asyncio
import json
from typing import Any

import asyncpg
from fastapi import APIRouter, HTTPException, Request, WebSocket, WebSocketDisconnect, status
from sse_starlette.sse import EventSourceResponse

from app.api.deps import CurrentUser, SessionDep
from app.clients.redis_bus import follow_log
from app.core.config import settings
from app.models import Job, JobStatus

router = APIRouter(tags=["events"])

TERMINAL = {JobStatus.DONE, JobStatus.FAILED, JobStatus.CANCELLED}
CHANNEL = "job_events"


def progress_event(job: Job) -> dict[str, Any]:
    data = {"id": job.id, "status": job.status, "progress": job.progress,
            "message": job.status_message}
    return {"event": "progress", "data": json.dumps(data)}


@router.get("/jobs/{job_id}/events")
async def job_events(job_id: int, request: Request, session: SessionDep,
                     user: CurrentUser) -> EventSourceResponse:
    """Streams the job's state each time the jobs_notify trigger fires for it."""
    job = await session.get(Job, job_id)
    if job is None or job.owner_id != user.id:
        raise HTTPException(status.HTTP_404_NOT_FOUND)

    async def stream():
        wakeups: asyncio.Queue[None] = asyncio.Queue()

        def on_notify(conn, pid, channel, payload):
            if json.loads(payload).get("id") == job_id:
                wakeups.put_nowait(None)

        listener = await asyncpg.connect(settings.listen_dsn)
        try:
            await listener.add_listener(CHANNEL, on_notify)
            yield progress_event(job)
            while job.status not in TERMINAL:
                if await request.is_disconnected():
                    break
                await wakeups.get()
                await session.refresh(job)
                yield progress_event(job)
        finally:
            await listener.close()

    return EventSourceResponse(stream(), ping=15)


@router.get("/jobs/{job_id}/log")
async def job_log(job_id: int, session: SessionDep, user: CurrentUser) -> EventSourceResponse:
    """Streams the worker's log lines; all database work is done before streaming."""
    job = await session.get(Job, job_id)
    if job is None or job.owner_id != user.id:
        raise HTTPException(status.HTTP_404_NOT_FOUND)
    finished = job.status in TERMINAL
    await session.close()

    async def stream():
        if finished:
            yield {"event": "eof", "data": ""}
            return
        async for event in follow_log(job_id):
            yield {"event": "log", "data": event["line"]}
        yield {"event": "eof", "data": ""}

    return EventSourceResponse(stream(), ping=15)


@router.websocket("/ws/jobs")
async def jobs_socket(websocket: WebSocket, owner_id: int) -> None:
    """Pushes every job_events notification that belongs to owner_id."""
    await websocket.accept()
    outbox: asyncio.Queue[str] = asyncio.Queue(maxsize=1000)

    def on_notify(conn, pid, channel, payload):
        if json.loads(payload).get("owner_id") == owner_id and not outbox.full():
            outbox.put_nowait(payload)

    conn = await asyncpg.connect(settings.listen_dsn)
    try:
        await conn.add_listener(CHANNEL, on_notify)
        while True:
            await websocket.send_text(await outbox.get())
    except WebSocketDisconnect:
        pass
    finally:
        await conn.close()
