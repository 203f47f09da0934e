# path: app/services/catalog_import.py
"""New rows written one statement at a time."""
from sqlalchemy import text
from sqlalchemy.ext.asyncio import AsyncSession

from app.models import Price, Product


async def import_products(session: AsyncSession, feed: list[dict]) -> None:
    for entry in feed:
        session.add(Product(sku=entry["sku"], title=entry["title"]))  # expect: missing_bulk_ops MEDIUM
    await session.flush()


async def record_prices(session: AsyncSession, quotes: list[tuple[str, int]]) -> None:
    for sku, cents in quotes:
        await session.execute(  # expect: missing_bulk_ops MEDIUM
            text("INSERT INTO prices (sku, cents) VALUES (:sku, :cents)"), {"sku": sku, "cents": cents}
        )
        await session.flush()
