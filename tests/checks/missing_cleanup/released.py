# path: app/services/balances.py
"""Look-alikes: every resource here is released on every path, or owned elsewhere."""
from contextlib import closing

import asyncpg
import psycopg2
from sqlalchemy import select
from sqlalchemy.orm import sessionmaker

from app.db import engine
from app.models import Balance

SessionLocal = sessionmaker(bind=engine)


def balance_of(account_id: int) -> int:
    with SessionLocal() as session:
        return session.scalar(select(Balance.cents).where(Balance.account_id == account_id))


async def balances(dsn: str) -> list:
    conn = await asyncpg.connect(dsn)
    try:
        return await conn.fetch("SELECT account_id, cents FROM balances")
    finally:
        await conn.close()


def new_session():
    # a factory: whoever calls it owns the session
    return SessionLocal()


class BalanceRepository:
    def __init__(self) -> None:
        # stored on the object, closed by its close() below
        self.session = SessionLocal()

    def close(self) -> None:
        self.session.close()


def legacy_total(dsn: str) -> int:
    with closing(psycopg2.connect(dsn)) as conn, conn.cursor() as cur:
        cur.execute("SELECT sum(cents) FROM balances")
        return cur.fetchone()[0]


def tenant_session(tenant: str):
    # handed on whole: the caller owns (and closes) the session
    session = SessionLocal()
    session.info["tenant"] = tenant
    return session
