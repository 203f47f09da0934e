"""Nightly CSV export of finished jobs (runs in the worker at 02:00).

Blocking file writes are deliberate here: see docs/adr/0003.
"""
import csv
import logging
from datetime import UTC, date, datetime, timedelta

from sqlalchemy import select

from app.core.config import settings
from app.db.session import SessionLocal
from app.models import Job, JobStatus

logger = logging.getLogger(__name__)

HEADER = ["id", "owner_id", "kind", "status", "created_at", "updated_at", "result_path"]
FETCH_SIZE = 5000


async def run_nightly_export(day: date | None = None) -> str:
    """Writes yesterday's finished jobs to EXPORT_DIR/jobs-YYYY-MM-DD.csv."""
    day = day or (datetime.now(UTC).date() - timedelta(days=1))
    start = datetime.combine(day, datetime.min.time(), tzinfo=UTC)
    end = start + timedelta(days=1)
    settings.export_dir.mkdir(parents=True, exist_ok=True)
    path = settings.export_dir / f"jobs-{day.isoformat()}.csv"
    written = 0
    async with SessionLocal() as session:
        result = await session.stream(
            select(Job)
            .where(Job.status.in_([JobStatus.DONE, JobStatus.FAILED]),
                   Job.updated_at >= start, Job.updated_at < end)
            .order_by(Job.id)
            .execution_options(yield_per=FETCH_SIZE)
        )
        with open(path, "w", newline="", encoding="utf-8") as fh:
            writer = csv.writer(fh)
            writer.writerow(HEADER)
            async for job in result.scalars():
                writer.writerow([job.id, job.owner_id, job.kind, job.status,
                                 job.created_at.isoformat(), job.updated_at.isoformat(),
                                 job.result_path or ""])
                written += 1
    logger.info("exported %d jobs to %s", written, path)
    return str(path)
