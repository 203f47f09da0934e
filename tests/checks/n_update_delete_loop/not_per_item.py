# path: app/services/renewals.py
"""Look-alikes: loops around UPDATEs that are not one round trip per row."""
import asyncpg
from sqlalchemy import bindparam, update
from sqlalchemy.ext.asyncio import AsyncSession

from app.models import Renewal, RenewalRun


async def renew(session: AsyncSession, run_id: int, renewals: list[Renewal], gateway) -> None:
    # one UPDATE per renewal, but always of the run's own row: a progress
    # counter for the status page; only .values() changes
    for done, renewal in enumerate(renewals, start=1):
        await gateway.charge(renewal)
        try:
            await session.execute(update(RenewalRun).where(RenewalRun.id == run_id).values(done=done))
            await session.commit()
        except Exception:
            await session.rollback()
            raise


async def renew_raw(conn: asyncpg.Connection, run_id: int, renewals: list[dict], gateway) -> None:
    # the same in SQL: the WHERE key ($2) is run_id on every pass
    for done, renewal in enumerate(renewals, start=1):
        await gateway.charge(renewal)
        await conn.execute("UPDATE renewal_runs SET done = $1 WHERE id = $2", done, run_id)


async def mark_renewed(session: AsyncSession, ids: list[int]) -> None:
    # one statement per chunk of 500 ids
    for start in range(0, len(ids), 500):
        chunk = ids[start:start + 500]
        await session.execute(update(Renewal).where(Renewal.id.in_(chunk)).values(renewed=True))


async def reprice(conn: asyncpg.Connection, prices: dict[int, int]) -> None:
    # one round trip for the whole list
    await conn.executemany(
        "UPDATE renewals SET price_cents = $1 WHERE id = $2",
        [(cents, rid) for rid, cents in prices.items()],
    )


async def reprice_orm(session: AsyncSession, rows: list[dict]) -> None:
    # executemany through the ORM: one statement, a list of parameter sets
    await session.execute(
        update(Renewal).where(Renewal.id == bindparam("rid")).values(price_cents=bindparam("cents")),
        rows,
    )
