"""A hand-written database object: each of its read methods opens a
connection in its own block and closes it before it returns, so a caller
holds no transaction after the call. The ledger session instead lives as
long as the process."""
from contextlib import asynccontextmanager

from sqlalchemy import event, text
from sqlalchemy.ext.asyncio import AsyncSession, create_async_engine

engine = create_async_engine("postgresql+asyncpg://relay@db/relay", pool_pre_ping=True,
                             pool_recycle=1800, pool_size=10, max_overflow=5)
event.listen(engine.sync_engine, "checkout", lambda *a: None)


class Store:
    def __init__(self, name: str):
        self.name = name

    @asynccontextmanager
    async def opened(self):
        async with engine.connect() as conn:
            yield conn

    async def fetchall(self, sql: str, values: dict | None = None):
        async with self.opened() as conn:
            result = await conn.execute(text(sql), values or {})
            return result.mappings().all()


db = Store("relay")
ledger_session = AsyncSession(engine)
