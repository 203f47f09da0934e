# path: app/jobs/notify.py
# stack: fastapi sqlalchemy[asyncio] httpx
"""A queued job reads a row through a repository, which begins the
session's transaction (autobegin), and then hands the row to a delivery
object whose method posts to a partner's endpoint before it writes its
own log row and commits. The connection sits idle in transaction for
as long as the partner takes to answer.

The repository's read is two calls down: a mixin's `get_by_id` calls
`self.fetch_one(...)`, which runs the statement it is handed, typed
`Select`, on the session. The typing Protocol that declares `fetch_one`
has no body and runs nothing."""
from typing import Protocol

import httpx
from sqlalchemy import Select, select
from sqlalchemy.ext.asyncio import AsyncSession

from app.db import job_sessionmaker
from app.models import Notice, Subscription


class RepoProtocol(Protocol):
    session: AsyncSession

    async def fetch_one(self, statement: Select): ...


class Repo:
    model = None

    def __init__(self, session: AsyncSession) -> None:
        self.session = session

    async def _run_select(self, statement: Select):
        return await self.session.execute(statement)

    async def fetch_one(self, statement: Select):
        result = await self._run_select(statement)
        return result.scalar_one_or_none()

    async def save(self, obj):
        self.session.add(obj)
        await self.session.commit()  # expect: missing_rollback MEDIUM
        return obj


class ByIdMixin:
    async def get_by_id(self: RepoProtocol, id: int):
        return await self.fetch_one(select(self.model).where(self.model.id == id))


class SubscriptionRepo(Repo, ByIdMixin):
    model = Subscription


class NoticeRepo(Repo):
    model = Notice


class Courier:
    def __init__(self, notices: NoticeRepo) -> None:
        self.notices = notices

    async def post(self, subscription, body: str):
        async with httpx.AsyncClient(timeout=30) as client:
            notice = Notice(subscription_id=subscription.id, body=body)
            try:
                answer = await client.post(subscription.url, content=body)
                notice.status = answer.status_code
            finally:
                await self.notices.save(notice)


async def send_notice(subscription_id: int, body: str):
    async with job_sessionmaker() as session:
        subscriptions = SubscriptionRepo(session)
        subscription = await subscriptions.get_by_id(subscription_id)
        courier = Courier(NoticeRepo(session))
        await courier.post(subscription, body)  # expect: long_held_transaction HIGH


# Look-alike: the remote call comes before the first statement; the
# session holds no connection until it sends one.
async def send_first(subscription_id: int, body: str):
    async with job_sessionmaker() as session:
        async with httpx.AsyncClient(timeout=30) as client:
            await client.post("https://partner.example.com/ping", content=body)
        subscriptions = SubscriptionRepo(session)
        subscription = await subscriptions.get_by_id(subscription_id)
        return subscription


# Look-alike: the block that made the session ends before the delivery,
# which runs on a session of its own.
async def send_after_block(subscription_id: int, body: str):
    async with job_sessionmaker() as session:
        subscriptions = SubscriptionRepo(session)
        subscription = await subscriptions.get_by_id(subscription_id)
    async with job_sessionmaker() as log_session:
        courier = Courier(NoticeRepo(log_session))
        await courier.post(subscription, body)


# Look-alike: the read's transaction is ended explicitly before the call.
async def send_after_rollback(subscription_id: int, body: str):
    async with job_sessionmaker() as session:
        subscriptions = SubscriptionRepo(session)
        subscription = await subscriptions.get_by_id(subscription_id)
        await session.rollback()
        courier = Courier(NoticeRepo(session))
        await courier.post(subscription, body)


# Look-alike: the read's transaction is committed before the call.
async def send_after_commit(subscription_id: int, body: str):
    async with job_sessionmaker() as session:
        subscriptions = SubscriptionRepo(session)
        subscription = await subscriptions.get_by_id(subscription_id)
        await session.commit()
        courier = Courier(NoticeRepo(session))
        await courier.post(subscription, body)


# Look-alike: the local is bound twice; which class it holds at the call
# is not proven, so the delivery is not followed.
async def send_either(subscription_id: int, body: str, dry_run: bool):
    async with job_sessionmaker() as session:
        subscriptions = SubscriptionRepo(session)
        subscription = await subscriptions.get_by_id(subscription_id)
        courier = Courier(NoticeRepo(session))
        if dry_run:
            courier = print
        await courier.post(subscription, body)
