"""Ledger operations used by the API and the nightly jobs."""
from sqlalchemy import select, update
from sqlalchemy.ext.asyncio import AsyncSession

from app.models import Account, Entry


async def freeze_dormant(session: AsyncSession, owner_ids: list[int]) -> int:
    result = await session.execute(select(Account).where(Account.owner.in_(owner_ids)))
    frozen = 0
    for account in result.scalars():
        await session.execute(
            update(Account).where(Account.id == account.id).values(status="frozen")
        )
        frozen += 1
    await session.commit()
    return frozen


async def post_entries(session: AsyncSession, account_id: int, amounts: list[float]) -> None:
    for amount in amounts:
        session.add(Entry(account_id=account_id, amount=amount, memo="import"))
    await session.commit()
