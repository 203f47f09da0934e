# path: app/services/transfers.py
"""Commits whose failure nothing rolls back."""
import asyncio
import logging

from sqlalchemy import func, update
from sqlalchemy.ext.asyncio import async_sessionmaker

from app.db import engine
from app.models import Transfer, Worker

async_session = async_sessionmaker(engine, expire_on_commit=False)

log = logging.getLogger(__name__)


async def approve(transfer_id: int, notifier) -> None:
    session = async_session()  # expect: error_path_leak MEDIUM
    try:
        transfer = await session.get(Transfer, transfer_id)
        transfer.status = "approved"
        await session.commit()  # expect: missing_rollback MEDIUM
    except Exception:
        # closes the notifier, not the session: the failed transaction stays
        await notifier.aclose()
        raise
    await session.close()


async def heartbeat_forever(worker_id: int) -> None:
    async with async_session() as session:
        while True:
            try:
                await session.execute(
                    update(Worker).where(Worker.id == worker_id).values(seen_at=func.now())
                )
                await session.commit()  # expect: missing_rollback MEDIUM
            except Exception:
                # swallowed: the next pass runs on a session in a failed state
                log.exception("heartbeat failed")
            await asyncio.sleep(10)
