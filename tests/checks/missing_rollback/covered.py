# path: app/services/ledger.py
"""Look-alikes: every failed commit here is rolled back by something."""
from sqlalchemy import update
from sqlalchemy.ext.asyncio import async_sessionmaker

from app.db import engine
from app.models import Account

async_session = async_sessionmaker(engine, expire_on_commit=False)


async def freeze(account_id: int) -> None:
    # no rollback() call, but the except closes the session before
    # re-raising, and closing a session rolls its transaction back
    session = async_session()
    try:
        await session.execute(update(Account).where(Account.id == account_id).values(frozen=True))
        await session.commit()
    except Exception:
        await session.close()
        raise
    await session.close()


async def thaw(account_id: int) -> None:
    async with async_session() as session:
        try:
            await session.execute(update(Account).where(Account.id == account_id).values(frozen=False))
            await session.commit()
        except Exception:
            await session.rollback()
            raise


async def close_account(account_id: int) -> None:
    async with async_session() as session, session.begin():
        await session.execute(update(Account).where(Account.id == account_id).values(closed=True))


async def rename(account_id: int, name: str) -> None:
    # the with-block closes (rolls back) the session when the commit raises
    async with async_session() as session:
        await session.execute(update(Account).where(Account.id == account_id).values(name=name))
        await session.commit()
