# path: app/services/subscriptions.py
"""One UPDATE or DELETE round trip per item of a collection."""
import asyncpg
from sqlalchemy import delete, update
from sqlalchemy.ext.asyncio import AsyncSession

from app.models import Subscription


async def expire_all(session: AsyncSession, subscription_ids: list[int]) -> None:
    for sub_id in subscription_ids:
        await session.execute(  # expect: n_update_delete_loop HIGH
            update(Subscription).where(Subscription.id == sub_id).values(active=False)
        )


async def forget_users(conn: asyncpg.Connection, user_ids: list[int]) -> None:
    for user_id in user_ids:
        await conn.execute("DELETE FROM subscriptions WHERE user_id = $1", user_id)  # expect: n_update_delete_loop HIGH


async def drop_trial_plans(session: AsyncSession) -> None:
    # a small literal list: MEDIUM, one `plan IN (...)` statement would do
    for plan in ("trial", "trial-extended"):
        await session.execute(delete(Subscription).where(Subscription.plan == plan))  # expect: n_update_delete_loop MEDIUM
