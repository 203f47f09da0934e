# path: shop/storage.py
# stack: sqlalchemy
"""A thin wrapper object that keeps the connection it is handed and commits
after each statement. Whether its commits need a rollback depends on who
opened the connection: a block that closes it on the way out rolls a failed
commit back; a bare connection nobody closes does not."""
from contextlib import asynccontextmanager

import asyncpg
from sqlalchemy import text
from sqlalchemy.ext.asyncio import AsyncConnection, create_async_engine

engine = create_async_engine("postgresql+asyncpg://shop@db/shop", pool_pre_ping=True,
                             pool_recycle=1800, max_overflow=5)


class Ledger:
    def __init__(self, conn: AsyncConnection, label: str):
        self.conn = conn
        self.label = label

    async def record(self, sql: str, params: dict):
        # look-alike: every Ledger is built inside `async with engine.connect()`,
        # whose exit closes the connection and so rolls back a failed commit
        await self.conn.execute(text(sql), params)
        await self.conn.commit()


@asynccontextmanager
async def open_ledger(label: str):
    async with engine.connect() as link:
        yield Ledger(link, label)


class Journal:
    def __init__(self, conn: AsyncConnection):
        self.conn = conn

    async def append(self, sql: str):
        await self.conn.execute(sql)
        await self.conn.commit()  # expect: missing_rollback MEDIUM


class Archive:
    def __init__(self, conn: AsyncConnection):
        self.conn = conn

    async def store(self, sql: str):
        # one construction in a closing block, one outside: not every owner
        # rolls back, so the commit stays reported
        await self.conn.execute(text(sql))
        await self.conn.commit()  # expect: missing_rollback MEDIUM


async def nightly_journal():
    raw = await asyncpg.connect("postgresql://shop@db/shop")
    return Journal(raw)


async def archive_pair():
    async with engine.connect() as link:
        first = Archive(link)
        await first.store("INSERT INTO archive_runs DEFAULT VALUES")
    other = Archive(await engine.connect())
    await other.store("INSERT INTO archive_runs DEFAULT VALUES")
