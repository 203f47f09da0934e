"""Job bodies: what the worker (or a BackgroundTasks call) actually does."""
import asyncio
import logging

from app.clients.redis_bus import publish_log
from app.db.session import SessionLocal
from app.models import Item, Job, JobStatus
from app.services.items import items_for_job, mark_processed
from app.services.jobs import complete_job

logger = logging.getLogger(__name__)

REPRICE_BATCH = 200


async def reprice(item: Item, factor: float) -> int:
    # Stand-in for the pricing engine call; yields to the loop like the real one.
    await asyncio.sleep(0)
    return max(0, round(item.price_cents * factor))


async def process_job(job_id: int) -> None:
    """Import jobs: validates every item, reporting progress on the job row."""
    async with SessionLocal() as session:
        job = await session.get(Job, job_id)
        if job is None or job.status != JobStatus.QUEUED:
            return
        items = await items_for_job(session, job.id)
        total = max(len(items), 1)
        job.status = JobStatus.RUNNING
        done_ids = []
        for index, item in enumerate(items, start=1):
            if item.quantity <= 0:
                await publish_log(job.id, f"skipping {item.sku}: quantity {item.quantity}")
                continue
            done_ids.append(item.id)
            job.progress = index * 100 // total
            job.status_message = f"validated {item.sku}"
            await session.flush()
        await mark_processed(session, done_ids)
        job.status = JobStatus.DONE
        job.progress = 100
        try:
            await session.commit()
        except Exception:
            await session.rollback()
            raise
    await publish_log(job_id, "", level="eof")


async def process_reprice_job(job_id: int) -> None:
    """Reprice jobs: commits after every batch so job_events listeners see each step."""
    async with SessionLocal() as session:
        job = await session.get(Job, job_id)
        if job is None:
            return
        factor = float(job.payload.get("factor", 1.0))
        items = await items_for_job(session, job.id)
        total = max(len(items), 1)
        for start in range(0, len(items), REPRICE_BATCH):
            for item in items[start:start + REPRICE_BATCH]:
                item.price_cents = await reprice(item, factor)
            job.progress = min(100, (start + REPRICE_BATCH) * 100 // total)
            try:
                await session.commit()
            except Exception:
                await session.rollback()
                raise
            await publish_log(job.id, f"repriced {min(start + REPRICE_BATCH, total)}/{total}")
        await complete_job(session, job_id, result_path="")
