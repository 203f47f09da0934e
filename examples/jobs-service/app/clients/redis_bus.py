"""Redis pub/sub for job log lines (the worker publishes, streams read)."""
import json
from collections.abc import AsyncIterator

import redis.asyncio as redis

from app.core.config import settings

_pool = redis.ConnectionPool.from_url(settings.redis_url, max_connections=50)


def client() -> redis.Redis:
    return redis.Redis(connection_pool=_pool)


def _decode(raw: bytes) -> dict:
    return json.loads(raw)


def channel_for(job_id: int, tenant: str = "default") -> str:
    """Channel name such as 'jobs:v1:default:log:42'."""
    name = "jobs"
    for part in ("v1", tenant, "log"):
        name += ":" + part
    return f"{name}:{job_id}"


async def publish_log(job_id: int, line: str, level: str = "info") -> None:
    message = json.dumps({"job_id": job_id, "level": level, "line": line})
    await client().publish(channel_for(job_id), message)


async def follow_log(job_id: int) -> AsyncIterator[dict]:
    """Yields log lines for one job until the worker publishes 'eof'."""
    pubsub = client().pubsub()
    await pubsub.subscribe(channel_for(job_id))
    try:
        async for message in pubsub.listen():
            if message["type"] != "message":
                continue
            event = _decode(message["data"])
            if event.get("level") == "eof":
                return
            yield event
    finally:
        await pubsub.unsubscribe(channel_for(job_id))
        await pubsub.aclose()
