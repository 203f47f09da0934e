"""Job lifecycle: create, transition, requeue, complete."""
import logging
from collections.abc import Iterator, Sequence
from datetime import UTC, datetime, timedelta
from typing import TypeVar

import httpx
from sqlalchemy import insert, select, update
from sqlalchemy.ext.asyncio import AsyncSession

from app.core.config import settings
from app.models import Item, Job, JobStatus
from app.schemas.jobs import JobCreate
from app.services.audit import audit_entry

logger = logging.getLogger(__name__)

T = TypeVar("T")
ITEM_CHUNK = 500

ALLOWED = {
    JobStatus.QUEUED: {JobStatus.RUNNING, JobStatus.CANCELLED},
    JobStatus.RUNNING: {JobStatus.DONE, JobStatus.FAILED, JobStatus.CANCELLED},
}


class InvalidTransition(ValueError):
    pass


def chunked(seq: Sequence[T], size: int) -> Iterator[Sequence[T]]:
    for start in range(0, len(seq), size):
        yield seq[start:start + size]


async def create_job(session: AsyncSession, owner_id: int, body: JobCreate) -> Job:
    """Creates the job and its items in one transaction, items in bulk per chunk."""
    job = Job(owner_id=owner_id, kind=body.kind, payload=body.payload,
              status=JobStatus.QUEUED)
    if body.webhook_url:
        job.payload = {**body.payload, "webhook_url": str(body.webhook_url)}
    try:
        session.add(job)
        await session.flush()
        rows = [{"job_id": job.id, **item.model_dump()} for item in body.items]
        for chunk in chunked(rows, ITEM_CHUNK):
            await session.execute(insert(Item).values(chunk))
        session.add(audit_entry(owner_id, "job.created", "job", job.id,
                                {"items": len(rows)}))
        await session.commit()
    except Exception:
        await session.rollback()
        raise
    return job


async def transition(session: AsyncSession, job_id: int, new_status: JobStatus,
                     actor_id: int | None = None, message: str | None = None) -> Job:
    """Moves a job to new_status; the status change and its audit row commit together."""
    job = await session.get(Job, job_id)
    if job is None:
        raise LookupError(f"job {job_id} not found")
    if new_status not in ALLOWED.get(JobStatus(job.status), set()):
        raise InvalidTransition(f"{job.status} -> {new_status}")
    job.status = new_status
    job.status_message = message
    try:
        session.add(job)
        session.add(audit_entry(actor_id, f"job.{new_status}", "job", job.id))
        await session.commit()
    except Exception:
        await session.rollback()
        raise
    return job


async def requeue_stale_jobs(session: AsyncSession) -> int:
    """Puts RUNNING jobs whose worker stopped reporting back into the queue."""
    cutoff = datetime.now(UTC) - timedelta(minutes=settings.stale_job_minutes)
    result = await session.execute(
        select(Job).where(Job.status == JobStatus.RUNNING, Job.updated_at < cutoff)
    )
    stale = result.scalars().all()
    try:
        for j in stale:
            await session.execute(
                update(Job)
                .where(Job.id == j.id)
                .values(status=JobStatus.QUEUED, progress=0,
                        status_message="requeued: worker stopped reporting")
            )
        await session.commit()
    except Exception:
        await session.rollback()
        raise
    logger.info("requeued %d stale jobs", len(stale))
    return len(stale)


async def complete_job(session: AsyncSession, job_id: int, result_path: str) -> None:
    """Marks the job done and tells the submitter's webhook."""
    async with session.begin():
        job = await session.get(Job, job_id, with_for_update=True)
        if job is None:
            return
        job.status = JobStatus.DONE
        job.progress = 100
        job.result_path = result_path
        webhook_url = job.payload.get("webhook_url")
        if webhook_url:
            async with httpx.AsyncClient() as client:
                response = await client.post(
                    webhook_url,
                    json={"event": "job.done", "job_id": job.id, "result": result_path},
                )
            job.status_message = f"webhook answered {response.status_code}"
        session.add(audit_entry(None, "job.done", "job", job.id))
