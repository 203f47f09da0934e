"""Per-request job queue pools."""
from fastapi import APIRouter

from app.db import queue_pool

router = APIRouter()


@router.post("/events")
async def receive_event(payload: dict):
    # a new Redis pool per request, never closed
    redis = await queue_pool()  # expect: missing_cleanup HIGH
    await redis.enqueue_job("process_event", payload)
    return {"ok": True}


@router.post("/events/closed")
async def receive_event_closed(payload: dict):
    redis = await queue_pool()
    try:
        await redis.enqueue_job("process_event", payload)
    finally:
        await redis.aclose()
    return {"ok": True}
