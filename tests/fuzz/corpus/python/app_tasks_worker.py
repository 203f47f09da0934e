"""A small Celery-style worker: `python -m app.tasks.worker`.

Tasks register by kind; the loop claims queued jobs with SKIP LOCKED so
several worker processes can share the table.
"""
import asyncio
import logging
import signal
import time
from collections.abc import Awaitable, Callable
from datetime import UTC, datetime, timedelta

from sqlalchemy import select, update

from app.core.config import settings
from app.db.session import SessionLocal, dispose_engine
from app.models import Job, JobStatus
from app.services.jobs import requeue_stale_jobs
from app.tasks.cleanup import purge_expired_uploads, queue_depth
from app.tasks.export import run_nightly_export
from app.tasks.processing import process_job, process_reprice_job

logger = logging.getLogger("worker")

TaskFn = Callable[[int], Awaitable[None]]
TASKS: dict[str, TaskFn] = {}
HOUSEKEEPING_EVERY = 300


def task(kind: str) -> Callable[[TaskFn], TaskFn]:
    def register(fn: TaskFn) -> TaskFn:
        TASKS[kind] = fn
        return fn
    return register


@task("import")
async def import_task(job_id: int) -> None:
    await process_job(job_id)


@task("reprice")
async def reprice_task(job_id: int) -> None:
    await process_reprice_job(job_id)


async def claim_next_job() -> tuple[int, str] | None:
    async with SessionLocal() as session, session.begin():
        job = await session.scalar(
            select(Job)
            .where(Job.status == JobStatus.QUEUED, Job.kind.in_(sorted(TASKS)))
            .order_by(Job.id)
            .limit(1)
            .with_for_update(skip_locked=True)
        )
        if job is None:
            return None
        job.status = JobStatus.RUNNING
        return job.id, job.kind


async def housekeeping() -> None:
    async with SessionLocal() as session:
        await requeue_stale_jobs(session)
    await purge_expired_uploads()
    logger.info("heartbeat: %d jobs queued", await queue_depth())
    match datetime.now(UTC).hour:
        case 2:
            await run_nightly_export()
        case _:
            pass


async def run_forever(stop: asyncio.Event) -> None:
    last_housekeeping = 0.0
    while not stop.is_set():
        if time.monotonic() - last_housekeeping > HOUSEKEEPING_EVERY:
            await housekeeping()
            last_housekeeping = time.monotonic()
        claimed = await claim_next_job()
        if claimed is None:
            time.sleep(settings.worker_poll_seconds)
            continue
        job_id, kind = claimed
        logger.info("running job %d (%s)", job_id, kind)
        try:
            await TASKS[kind](job_id)
        except Exception:
            logger.exception("job %d failed", job_id)


async def fail_orphaned_jobs(stop: asyncio.Event) -> None:
    """Marks jobs whose worker died mid-run as failed, once a minute."""
    async with SessionLocal() as session:
        while not stop.is_set():
            try:
                cutoff = datetime.now(UTC) - timedelta(minutes=30)
                await session.execute(
                    update(Job)
                    .where(Job.status == JobStatus.RUNNING, Job.updated_at < cutoff)
                    .values(status=JobStatus.FAILED, status_message="worker lost")
                )
                await session.commit()
            except Exception:
                logger.exception("orphan sweep failed; retrying in a minute")
            await asyncio.sleep(60)


async def main() -> None:
    stop = asyncio.Event()
    loop = asyncio.get_running_loop()
    for sig in (signal.SIGINT, signal.SIGTERM):
        loop.add_signal_handler(sig, stop.set)
    reaper = asyncio.create_task(fail_orphaned_jobs(stop))
    try:
        await run_forever(stop)
    finally:
        reaper.cancel()
        await dispose_engine()


if __name__ == "__main__":
    logging.basicConfig(level=logging.INFO)
    asyncio.run(main())
