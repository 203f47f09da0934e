# path: app/jobs/audit_links.py
# stack: fastapi sqlalchemy[asyncio] httpx
"""A job reads through a repository made from the session of an
`async with` block and makes its remote calls after the block: the
session, and the transaction its read began, closed with the block.
The same reads with the remote calls inside the block hold it idle."""
import httpx
from sqlalchemy import select

from app.db import read_sessionmaker
from app.models import Link


class LinkRepository:
    def __init__(self, session):
        self.session = session

    async def list_urls(self, org_id: int) -> list:
        result = await self.session.execute(select(Link.url).where(Link.org_id == org_id))
        return list(result.scalars().all())


async def check_url(client: httpx.AsyncClient, url: str) -> int:
    response = await client.head(url, follow_redirects=True)
    return response.status_code


async def check_urls(urls: list) -> list:
    async with httpx.AsyncClient(timeout=5) as client:
        return [await check_url(client, u) for u in urls]


async def audit_after_block(org_id: int) -> list:
    async with read_sessionmaker() as session:
        repo = LinkRepository(session)
        urls = await repo.list_urls(org_id)
    return await check_urls(urls)


async def audit_inside_block(org_id: int) -> list:
    async with read_sessionmaker() as session:
        repo = LinkRepository(session)
        urls = await repo.list_urls(org_id)
        return await check_urls(urls)  # expect: long_held_transaction HIGH
