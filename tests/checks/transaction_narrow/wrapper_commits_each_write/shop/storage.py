"""The project's own data layer: a thin wrapper over an SQLAlchemy
connection that runs raw SQL; insert() and modify() commit each
statement as soon as it is executed."""
from contextlib import asynccontextmanager

from sqlalchemy import text


def make_insert(table, row):
    cols = ", ".join(row.keys())
    marks = ", ".join(f":{k}" for k in row.keys())
    return f"INSERT INTO {table} ({cols}) VALUES ({marks})"


def make_update(table, row, where="WHERE id = :id"):
    sets = ", ".join(f"{k} = :{k}" for k in row.keys())
    return f"UPDATE {table} SET {sets} {where}"


# says neither: an upsert on one engine, an insert on the others
def make_put(table, row, upsert):
    if upsert:
        return f"UPDATE {table} SET seen = 1 WHERE id = :id"
    return f"INSERT INTO {table} (id) VALUES (:id)"


class Handle:
    def __init__(self, conn):
        self.conn = conn

    async def one(self, sql, params=None):
        res = await self.conn.execute(text(sql), params or {})
        return res.mappings().first()

    async def insert(self, table, row):
        await self.conn.execute(text(make_insert(table, row)), row)
        await self.conn.commit()

    async def modify(self, table, row):
        await self.conn.execute(text(make_update(table, row)), row)
        await self.conn.commit()

    async def put(self, table, row, upsert):
        await self.conn.execute(text(make_put(table, row, upsert)), row)
        await self.conn.commit()


class Store:
    def __init__(self, engine):
        self.engine = engine

    @asynccontextmanager
    async def open(self):
        async with self.engine.connect() as raw:
            handle = Handle(raw)
            yield handle

    @asynccontextmanager
    async def same(self, handle):
        yield handle

    async def one(self, sql, params=None):
        async with self.open() as h:
            return await h.one(sql, params)

    async def insert(self, table, row):
        async with self.open() as h:
            await h.insert(table, row)

    async def modify(self, table, row):
        async with self.open() as h:
            await h.modify(table, row)

    async def put(self, table, row, upsert):
        async with self.open() as h:
            await h.put(table, row, upsert)
