# path: app/services/statements.py
"""Sessions, connections and files with no guaranteed release."""
import csv

import asyncpg
from sqlalchemy import select
from sqlalchemy.orm import sessionmaker

from app.db import engine
from app.models import Statement

SessionLocal = sessionmaker(bind=engine)


def unpaid_statements(customer_id: int) -> list[Statement]:
    session = SessionLocal()  # expect: missing_cleanup HIGH
    return list(session.scalars(select(Statement).where(Statement.customer_id == customer_id)))


def export_statements(path: str, rows: list[dict]) -> None:
    fh = open(path, "w", newline="")  # expect: missing_cleanup MEDIUM
    writer = csv.DictWriter(fh, fieldnames=["id", "total"])
    writer.writerows(rows)
    fh.close()


async def statement_totals(dsn: str, customer_id: int) -> list:
    conn = await asyncpg.connect(dsn)  # expect: missing_cleanup HIGH
    rows = await conn.fetch("SELECT id, total FROM statements WHERE customer_id = $1", customer_id)
    await conn.close()
    return rows
