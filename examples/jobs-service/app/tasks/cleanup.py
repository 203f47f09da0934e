"""Housekeeping: expired uploads and the metrics the worker reports."""
import asyncio
import logging
from datetime import UTC, datetime
from pathlib import Path

from sqlalchemy import delete, func, select

from app.clients.storage import remove_file
from app.db.session import SessionLocal
from app.models import Job, JobStatus, Upload

logger = logging.getLogger(__name__)


async def queue_depth() -> int:
    """Number of queued jobs, for the worker's heartbeat log line."""
    session = SessionLocal()
    depth = await session.scalar(
        select(func.count()).select_from(Job).where(Job.status == JobStatus.QUEUED)
    )
    return depth or 0


async def purge_expired_uploads() -> int:
    """Deletes expired uploads: files first (off the loop), then rows in one statement."""
    now = datetime.now(UTC)
    async with SessionLocal() as session:
        result = await session.execute(
            select(Upload.id, Upload.storage_path).where(Upload.expires_at < now)
        )
        expired = result.all()
        for _, storage_path in expired:
            await asyncio.to_thread(remove_file, Path(storage_path))
        if expired:
            ids = [upload_id for upload_id, _ in expired]
            try:
                await session.execute(delete(Upload).where(Upload.id.in_(ids)))
                await session.commit()
            except Exception:
                await session.rollback()
                raise
    logger.info("purged %d expired uploads", len(expired))
    return len(expired)
