# path: ledger/crud.py
# stack: fastapi sqlalchemy[asyncio]
"""A data layer whose helpers take an optional connection and fall back
to the module's database object: `(conn or db).fetchone(...)`. The call
goes to one of the two, and both are the wrapper: a read per item through
it is a read per item, directly or one helper away."""
from typing import Optional

from sqlalchemy import text
from sqlalchemy.ext.asyncio import AsyncConnection, create_async_engine


class Conn:
    def __init__(self, raw: AsyncConnection):
        self.raw = raw

    async def fetchone(self, sql: str, values: Optional[dict] = None):
        result = await self.raw.execute(text(sql), values or {})
        return result.mappings().first()

    async def fetchall(self, sql: str, values: Optional[dict] = None):
        result = await self.raw.execute(text(sql), values or {})
        return result.mappings().all()


class Store:
    def __init__(self, url: str):
        self.engine = create_async_engine(url, pool_pre_ping=True, pool_recycle=600, pool_size=5, max_overflow=5)  # expect: pool_configuration MEDIUM

    async def fetchone(self, sql: str, values: Optional[dict] = None):
        async with self.engine.connect() as raw:
            return await Conn(raw).fetchone(sql, values)

    async def fetchall(self, sql: str, values: Optional[dict] = None):
        async with self.engine.connect() as raw:
            return await Conn(raw).fetchall(sql, values)


db = Store("postgresql+asyncpg://ledger")


async def get_account(account_id: str, conn: Optional[Conn] = None):
    return await (conn or db).fetchone(
        "SELECT id, owner, parent_id FROM accounts WHERE id = :id", {"id": account_id}
    )


async def resolve_parent(account, conn: Optional[Conn] = None):
    if not account["parent_id"]:
        return account
    return await get_account(account["parent_id"], conn)


async def owner_accounts(owner: str, conn: Optional[Conn] = None):
    rows = await (conn or db).fetchall(
        "SELECT id, owner, parent_id FROM accounts WHERE owner = :o", {"o": owner}
    )
    resolved = []
    for row in rows:
        parent = await resolve_parent(row, conn)  # expect: n_plus_one MEDIUM
        resolved.append(parent)
    return resolved


async def owner_parents(owner: str, conn: Optional[Conn] = None):
    rows = await db.fetchall("SELECT id, parent_id FROM accounts WHERE owner = :o", {"o": owner})
    out = []
    for row in rows:
        out.append(await (conn or db).fetchone("SELECT id FROM accounts WHERE id = :i", {"i": row["parent_id"]}))  # expect: n_plus_one MEDIUM
    return out


# one read, after the loop: the rows are only summed in memory
async def owner_total(owner: str, conn: Optional[Conn] = None):
    rows = await (conn or db).fetchall("SELECT id, balance FROM accounts WHERE owner = :o", {"o": owner})
    total = 0
    for row in rows:
        total += row["balance"]
    head = await (conn or db).fetchone("SELECT id FROM owners WHERE id = :o", {"o": owner})
    return head, total


# a fallback that is no plain name (`(conn or make())`) stays unknown
async def owner_other(owner: str, conn: Optional[Conn] = None):
    rows = await db.fetchall("SELECT id, parent_id FROM accounts WHERE owner = :o", {"o": owner})
    out = []
    for row in rows:
        out.append(await (conn or Store("x")).fetchone("SELECT id FROM accounts WHERE id = :i", {"i": row["parent_id"]}))
    return out
